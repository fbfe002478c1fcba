/**
 * The official documents the unions issue as PDF — the campaign's 两书, the rights module's 调解协议书 and
 * 整改意见函, the funds module's 依法催缴 letters — share one page: A4, fixed margins, Noto Sans SC embedded, a bold
 * centred title and the document number on the right. This module opens such a document; each feature writes its
 * own body.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/**
 * Noto Sans SC from the npm package @expo-google-fonts/noto-sans-sc (fonts: SIL OFL 1.1; package: MIT), so documents
 * need no system font. pdfkit embeds only the glyphs a document uses. Resolved when the module loads: a missing file
 * stops the server at startup rather than failing the first download.
 */
function fontFile(subpath: string): string {
  const specifier = `@expo-google-fonts/noto-sans-sc/${subpath}`;
  let file: string;
  try {
    file = createRequire(import.meta.url).resolve(specifier);
  } catch (cause) {
    throw new Error(`documents: the font ${specifier} is not installed; run npm ci`, { cause });
  }
  if (!existsSync(file)) throw new Error(`documents: the font file ${file} is missing; run npm ci`);
  return file;
}
export const REGULAR_FONT = fontFile('400Regular/NotoSansSC_400Regular.ttf');
export const BOLD_FONT = fontFile('700Bold/NotoSansSC_700Bold.ttf');

export const TITLE_SIZE = 18;
export const BODY_SIZE = 12;

/** 2026-03-05 → 2026年3月5日, the way official documents write a date. Throws on anything but YYYY-MM-DD. */
export function formatChineseDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${isoDate}`);
  const [, year, month, day] = match;
  return `${year}年${Number(month)}月${Number(day)}日`;
}

export interface OfficialDocumentHead {
  title: string;
  /** the document number (文号) printed under the title on the right; none when absent */
  documentNumber?: string | null;
  /** the issuing union, the PDF's Author */
  author: string;
  /** whom it concerns (an enterprise, a case), the PDF's Subject */
  subject: string;
  /** YYYY-MM-DD, Asia/Shanghai: the PDF's creation date */
  date: string;
}

export interface OfficialDocument {
  doc: PDFKit.PDFDocument;
  /** the text width between the margins, in points */
  width: number;
  /** the left margin, in points */
  left: number;
  /** the finished file, once `doc.end()` has been called */
  finished: Promise<Buffer>;
}

/**
 * Opens an A4 document with the fonts registered as `cjk` and `cjk-bold`, writes the title and the document number,
 * and leaves the body font (`cjk`, BODY_SIZE) set. The dates in the PDF's info are the document's date, so the same
 * input gives the same bytes (pdfkit derives the file ID from that dictionary; the letter cache relies on it).
 */
export function openOfficialDocument(head: OfficialDocumentHead): OfficialDocument {
  const at = new Date(`${head.date}T00:00:00+08:00`);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 64, bottom: 64, left: 72, right: 72 },
    info: { Title: head.title, Author: head.author, Subject: head.subject, CreationDate: at, ModDate: at },
    displayTitle: true,
    lang: 'zh-CN',
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', REGULAR_FONT);
  doc.registerFont('cjk-bold', BOLD_FONT);
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;
  doc.font('cjk-bold').fontSize(TITLE_SIZE).text(head.title, left, doc.y, { width, align: 'center' });
  doc.moveDown(0.6);
  doc.font('cjk').fontSize(BODY_SIZE);
  if (head.documentNumber) doc.text(head.documentNumber, { width, align: 'right' });
  doc.moveDown(1);
  return { doc, width, left, finished };
}
