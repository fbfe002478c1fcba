/**
 * Reading xlsx uploads as streams, with limits: the zip's central directory through yauzl (random access, so the
 * shared strings can be read before the sheets whatever their order in the file), each part inflated as a stream
 * and parsed by saxes chunk by chunk. Nothing holds a whole inflated part: a sheet is handed out a few rows at a
 * time, and the caller stops when it has what it needs (the row cap) — the stream is destroyed at once. Every
 * inflated byte counts against one budget per file, and a part whose declared size alone exceeds it is refused
 * before anything is inflated, so a 1 MB file that inflates to 400 MB costs nothing. Between chunks the event
 * loop runs, so other requests (`/api/health`) are answered while a large file is read.
 *
 * Nothing here knows what the rows mean; cells come out as text (numbers as written, without exponent when they
 * are integers) with a flag for numeric cells, so the caller can refuse numbers where identifiers belong.
 */
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl from 'yauzl';

/** A limit an upload ran into: `inflated` bytes (the budget), `cellLength` (Excel's 32,767 characters), `rows` (Excel's sheet size). */
export class XlsxLimitError extends Error {
  constructor(readonly limit: 'inflated' | 'cellLength' | 'rows' | 'entries', readonly max: number) {
    super(`xlsx limit exceeded: ${limit} (${max})`);
    this.name = 'XlsxLimitError';
  }
}

/** Not an xlsx we can read (not a zip, no workbook, broken XML, encrypted parts). */
export class XlsxFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XlsxFormatError';
  }
}

export interface XlsxLimits {
  /** inflated bytes read from the file in all, over every part */
  inflatedBytes: number;
}

export interface XlsxSheet {
  name: string;
  /** `hidden` or `veryHidden` in the workbook: lists behind dropdowns, lookups */
  hidden: boolean;
  /** the part inside the zip, e.g. xl/worksheets/sheet1.xml */
  part: string;
}

/** A numeric cell as stored: `1` plain, `2` written in scientific form (3.10108197506126E+17). */
export type NumericKind = 0 | 1 | 2;

export interface XlsxRecord {
  /** the row number as Excel shows it */
  row: number;
  /** cell texts by column (A = 0); '' for empty cells */
  values: string[];
  /** per column, whether the cell was stored as a number (absent when the row has none) */
  numeric: NumericKind[] | null;
}

/** Excel's own limits. */
export const EXCEL_MAX_CELL_CHARS = 32_767;
const EXCEL_MAX_ROWS = 1_048_576;
const EXCEL_MAX_COLUMNS = 16_384;
const MAX_ENTRIES = 10_000;

const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/** OOXML escapes characters XML cannot carry as `_xHHHH_`. */
const unescapeOoxml = (text: string) =>
  text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;

/** "C12" → 2 (column index); -1 when there is no reference. */
function columnOf(ref: string | undefined): number {
  if (!ref) return -1;
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : col - 1;
}

/** A number as text: integers without exponent or decimals (so 13912345678 stays 13912345678), others as JS writes them. */
function numberText(raw: string): string {
  const n = Number(raw);
  if (!Number.isFinite(n)) return raw.trim();
  return Number.isInteger(n) ? n.toFixed(0) : String(n);
}

const resolvePart = (target: string) => {
  if (target.startsWith('/')) return target.slice(1);
  const parts = `xl/${target}`.split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
};

/** An opened xlsx: its sheets in workbook order, and their rows on demand. */
export class XlsxBook {
  private inflated = 0;
  private sharedStrings: string[] | null = null;

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
    private readonly limits: XlsxLimits,
    readonly sheets: XlsxSheet[],
  ) {}

  /** Opens an xlsx held in memory: reads the central directory and the workbook (sheet names, visibility). */
  static async open(buffer: Buffer, limits: XlsxLimits): Promise<XlsxBook> {
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: false });
    } catch {
      throw new XlsxFormatError('not a zip file');
    }
    const entries = new Map<string, yauzl.Entry>();
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entries.size >= MAX_ENTRIES) {
          reject(new XlsxLimitError('entries', MAX_ENTRIES));
          return;
        }
        entries.set(entry.fileName.replace(/^\/+/, ''), entry);
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', () => reject(new XlsxFormatError('broken zip')));
      zip.readEntry();
    });
    const book = new XlsxBook(zip, entries, limits, []);
    book.sheets.push(...(await book.readSheetList()));
    return book;
  }

  private async readSheetList(): Promise<XlsxSheet[]> {
    const targets = new Map<string, string>();
    if (this.entries.has('xl/_rels/workbook.xml.rels')) {
      await this.parsePart('xl/_rels/workbook.xml.rels', (parser) => {
        parser.on('opentag', (tag) => {
          if (localName(tag.name) !== 'Relationship') return;
          const id = tag.attributes['Id'];
          const target = tag.attributes['Target'];
          if (typeof id === 'string' && typeof target === 'string') targets.set(id, resolvePart(target));
        });
      });
    }
    if (!this.entries.has('xl/workbook.xml')) throw new XlsxFormatError('no workbook part');
    const sheets: XlsxSheet[] = [];
    await this.parsePart('xl/workbook.xml', (parser) => {
      parser.on('opentag', (tag) => {
        if (localName(tag.name) !== 'sheet') return;
        const attr = (suffix: string) => Object.entries(tag.attributes).find(([k]) => k === suffix || k.endsWith(`:${suffix}`))?.[1];
        const rid = attr('id');
        const part = (typeof rid === 'string' ? targets.get(rid) : undefined) ?? `xl/worksheets/sheet${sheets.length + 1}.xml`;
        const state = tag.attributes['state'];
        sheets.push({ name: String(tag.attributes['name'] ?? ''), hidden: state === 'hidden' || state === 'veryHidden', part });
      });
    });
    return sheets.filter((s) => this.entries.has(s.part));
  }

  /** An inflating stream of one part, counted against the budget; refused up front when its declared size exceeds what is left. */
  private async open(part: string): Promise<Readable> {
    const entry = this.entries.get(part);
    if (!entry) throw new XlsxFormatError(`missing part ${part}`);
    if (entry.isEncrypted()) throw new XlsxFormatError('encrypted part');
    if (this.inflated + entry.uncompressedSize > this.limits.inflatedBytes) throw new XlsxLimitError('inflated', this.limits.inflatedBytes);
    let stream: Readable;
    try {
      stream = await this.zip.openReadStreamPromise(entry);
    } catch {
      throw new XlsxFormatError(`unreadable part ${part}`);
    }
    return stream;
  }

  /** Feeds a whole (small) part through a parser the caller has set up. */
  private async parsePart(part: string, setup: (parser: SaxesParser) => void): Promise<void> {
    for await (const _ of this.parseChunks(part, setup)) {
      // the handlers collect what they need
    }
  }

  /**
   * Inflates and parses a part chunk by chunk, yielding after each chunk (the consumer collects what the
   * handlers produced and may stop: the stream is destroyed). Counts inflated bytes against the budget.
   */
  private async *parseChunks(part: string, setup: (parser: SaxesParser) => void): AsyncGenerator<void> {
    const stream = await this.open(part);
    const parser = new SaxesParser({ xmlns: false, position: false });
    let xmlError: Error | null = null;
    parser.on('error', (error) => {
      xmlError ??= error;
    });
    setup(parser);
    const decoder = new StringDecoder('utf8');
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        this.inflated += chunk.length;
        if (this.inflated > this.limits.inflatedBytes) throw new XlsxLimitError('inflated', this.limits.inflatedBytes);
        parser.write(decoder.write(chunk));
        if (xmlError) throw new XlsxFormatError(`broken XML in ${part}`);
        yield;
      }
      parser.write(decoder.end());
      parser.close();
      if (xmlError) throw new XlsxFormatError(`broken XML in ${part}`);
    } catch (error) {
      if (error instanceof XlsxLimitError || error instanceof XlsxFormatError) throw error;
      throw new XlsxFormatError(`unreadable part ${part}`);
    } finally {
      stream.destroy();
    }
  }

  private async loadSharedStrings(): Promise<string[]> {
    if (this.sharedStrings) return this.sharedStrings;
    const strings: string[] = [];
    let part = [...this.entries.keys()].find((name) => name.toLowerCase() === 'xl/sharedstrings.xml');
    if (part) {
      let inSi = false;
      let phonetic = 0;
      let inT = false;
      let text = '';
      await this.parsePart(part, (parser) => {
        parser.on('opentag', (tag) => {
          const name = localName(tag.name);
          if (name === 'si') {
            inSi = true;
            text = '';
          } else if (name === 'rPh') phonetic++;
          else if (name === 't' && inSi && phonetic === 0) inT = true;
        });
        parser.on('text', (t) => {
          if (!inT) return;
          text += t;
          if (text.length > EXCEL_MAX_CELL_CHARS * 2) throw new XlsxLimitError('cellLength', EXCEL_MAX_CELL_CHARS);
        });
        parser.on('closetag', (tag) => {
          const name = localName(tag.name);
          if (name === 't') inT = false;
          else if (name === 'rPh') phonetic--;
          else if (name === 'si') {
            inSi = false;
            strings.push(unescapeOoxml(text));
          }
        });
      });
      part = undefined;
    }
    this.sharedStrings = strings;
    return strings;
  }

  /**
   * The rows of a sheet holding at least one non-empty cell, a batch per inflated chunk. Stop iterating to stop
   * reading (the inflating stream is destroyed).
   */
  async *rows(sheet: XlsxSheet): AsyncGenerator<XlsxRecord[]> {
    const shared = await this.loadSharedStrings();
    let batch: XlsxRecord[] = [];
    let rowNumber = 0;
    let values: string[] = [];
    let numeric: NumericKind[] | null = null;
    let any = false;
    let column = -1;
    let cellType = '';
    let text = '';
    let inCell = false;
    let collect = false;
    let nextColumn = 0;
    let phonetic = 0;

    const setup = (parser: SaxesParser) => {
      parser.on('opentag', (tag: SaxesTagPlain) => {
        switch (localName(tag.name)) {
          case 'row': {
            const r = Number(tag.attributes['r']);
            rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
            if (rowNumber > EXCEL_MAX_ROWS) throw new XlsxLimitError('rows', EXCEL_MAX_ROWS);
            values = [];
            numeric = null;
            any = false;
            nextColumn = 0;
            break;
          }
          case 'c': {
            const ref = tag.attributes['r'];
            const col = columnOf(typeof ref === 'string' ? ref : undefined);
            column = col >= 0 ? col : nextColumn;
            nextColumn = column + 1;
            const t = tag.attributes['t'];
            cellType = typeof t === 'string' ? t : 'n';
            text = '';
            inCell = true;
            break;
          }
          case 'v':
            collect = inCell;
            break;
          case 'rPh':
            phonetic++;
            break;
          case 't':
            // inline strings: <is><t>…</t></is> or rich runs <is><r><t>…</t></r></is>
            collect = inCell && cellType === 'inlineStr' && phonetic === 0;
            break;
        }
      });
      parser.on('text', (t) => {
        if (!collect) return;
        text += t;
        if (text.length > EXCEL_MAX_CELL_CHARS * 2) throw new XlsxLimitError('cellLength', EXCEL_MAX_CELL_CHARS);
      });
      parser.on('closetag', (tag) => {
        switch (localName(tag.name)) {
          case 'v':
          case 't':
            collect = false;
            break;
          case 'rPh':
            phonetic--;
            break;
          case 'c': {
            inCell = false;
            if (column >= EXCEL_MAX_COLUMNS) break;
            let value: string;
            let kind: NumericKind = 0;
            switch (cellType) {
              case 's':
                value = shared[Number(text)] ?? '';
                break;
              case 'inlineStr':
              case 'str':
                value = unescapeOoxml(text);
                break;
              case 'b':
                value = text === '1' ? 'TRUE' : text === '0' ? 'FALSE' : text;
                break;
              case 'e':
                value = '';
                break;
              default: {
                // 'n' (or a 'd' ISO date, kept as written)
                if (text === '') {
                  value = '';
                } else if (cellType === 'd') {
                  value = text.slice(0, 10);
                } else {
                  value = numberText(text);
                  kind = /e/i.test(text) ? 2 : 1;
                }
              }
            }
            if (value.length > EXCEL_MAX_CELL_CHARS) throw new XlsxLimitError('cellLength', EXCEL_MAX_CELL_CHARS);
            if (value !== '') {
              while (values.length < column) values.push('');
              values[column] = value;
              any = true;
              if (kind !== 0) {
                numeric ??= [];
                numeric[column] = kind;
              }
            }
            break;
          }
          case 'row':
            if (any) {
              for (let i = 0; i < values.length; i++) values[i] ??= '';
              if (numeric) for (let i = 0; i < values.length; i++) numeric[i] ??= 0;
              batch.push({ row: rowNumber, values, numeric });
            }
            break;
        }
      });
    };

    for await (const _ of this.parseChunks(sheet.part, setup)) {
      if (batch.length > 0) {
        const out = batch;
        batch = [];
        yield out;
      }
    }
    if (batch.length > 0) yield batch;
  }

  /** Inflated bytes read so far. */
  get inflatedBytes(): number {
    return this.inflated;
  }

  close(): void {
    this.zip.close();
  }
}
