/** Text files from spreadsheets: decoding what Excel saves and splitting CSV records. */

/**
 * UTF-16 with its BOM (Excel's "Unicode text": tab-separated UTF-16LE), UTF-8 with or without BOM; files that are
 * neither are read as GB18030, which Excel writes as CSV on Chinese systems.
 */
export function decodeText(buffer: Uint8Array): string {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return new TextDecoder('utf-16le').decode(buffer.subarray(2));
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return new TextDecoder('utf-16be').decode(buffer.subarray(2));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    text = new TextDecoder('gb18030').decode(buffer);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** RFC 4180 records (quoted fields, doubled quotes, CRLF or LF); the delimiter is guessed from the first line. */
export function* csvRecords(text: string): Generator<{ row: number; values: string[] }> {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const delimiter = count('\t') > count(',') ? '\t' : count(';') > count(',') ? ';' : ',';
  const d = delimiter.charCodeAt(0);
  let values: string[] = [];
  let record = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // one field
    let value: string;
    if (text.charCodeAt(i) === 34 /* " */) {
      let out = '';
      let start = ++i;
      for (;;) {
        const q = text.indexOf('"', start);
        if (q < 0) {
          out += text.slice(start);
          i = n;
          break;
        }
        out += text.slice(start, q);
        if (text.charCodeAt(q + 1) === 34) {
          out += '"';
          start = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      // anything between the closing quote and the delimiter is kept, as spreadsheets do
      let j = i;
      while (j < n && text.charCodeAt(j) !== d && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
      value = out + text.slice(i, j);
      i = j;
    } else {
      let j = i;
      while (j < n && text.charCodeAt(j) !== d && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
      value = text.slice(i, j);
      i = j;
    }
    values.push(value);
    const c = text.charCodeAt(i);
    if (c === d) {
      i++;
      if (i === n) values.push('');
      continue;
    }
    // end of record
    if (c === 13 && text.charCodeAt(i + 1) === 10) i += 2;
    else if (i < n) i++;
    record++;
    yield { row: record, values };
    values = [];
  }
  // a last record ending in a delimiter, without a line break
  if (values.length > 0) yield { row: record + 1, values };
}
