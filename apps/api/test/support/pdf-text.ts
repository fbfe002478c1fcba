/**
 * Reading generated PDFs back in tests, with pdf.js (through unpdf) instead of a system tool, so `npm test` needs
 * no system package. Text comes from the PDF's content streams and the fonts' ToUnicode maps, as a viewer's copy
 * and search would see it.
 *
 *   const text = squash(await pdfText(pdf));                         // whitespace-free, wrapping does not matter
 *   const runs = await pdfTextRuns(pdf);                             // positions, for layout checks
 */
import { getDocumentProxy } from 'unpdf';

/** One text run as the PDF draws it (pdfkit writes one per line), in points from the page's bottom-left corner. */
export interface PdfTextRun {
  /** 1-based */
  page: number;
  text: string;
  xMin: number;
  xMax: number;
  /** baseline */
  y: number;
}

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

async function withDocument<T>(pdf: Uint8Array, read: (doc: PdfDocument) => Promise<T>): Promise<T> {
  // pdf.js may take over the buffer it is given, so it gets a copy and the caller's bytes stay usable.
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  try {
    return await read(doc);
  } finally {
    await doc.destroy();
  }
}

/** Every non-empty text run of every page, in drawing order. */
export function pdfTextRuns(pdf: Uint8Array): Promise<PdfTextRun[]> {
  return withDocument(pdf, async (doc) => {
    const runs: PdfTextRun[] = [];
    for (let page = 1; page <= doc.numPages; page++) {
      const content = await (await doc.getPage(page)).getTextContent();
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [, , , , x, y] = item.transform as number[];
        runs.push({ page, text: item.str, xMin: x!, xMax: x! + item.width, y: y! });
      }
    }
    return runs;
  });
}

/** The document's text: a page's runs joined by newlines, pages by a form feed (as pdftotext separates them). */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  const pages: string[][] = [];
  for (const run of await pdfTextRuns(pdf)) (pages[run.page - 1] ??= []).push(run.text);
  return Array.from(pages, (lines) => (lines ?? []).join('\n')).join('\f');
}

/** Text without any whitespace, so that where lines wrap does not matter when looking for a sentence. */
export const squash = (text: string): string => text.replace(/\s+/g, '');
