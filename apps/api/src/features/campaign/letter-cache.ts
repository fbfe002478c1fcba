/**
 * Letter PDFs rendered once: pdfkit lays out and subsets the CJK font on every render (≈ 100–300 ms of CPU), while
 * an issued letter never changes. The cache key is a hash of everything the PDF is made of — the letter's stored
 * content and the renderer's version — so a changed input (content edited, renderer or wording changed: bump
 * LETTER_RENDERER_VERSION) is a different key and renders afresh; there is nothing to invalidate by hand. The
 * cache holds the most recently used files up to a byte budget.
 */
import { createHash } from 'node:crypto';
import { renderLetter, type LetterInput } from './letters.pdf.ts';

/** Bump when letters.pdf.ts changes what a letter looks like: every cached file is then stale. */
export const LETTER_RENDERER_VERSION = 1;

export const LETTER_CACHE_BYTES = 32 * 1024 * 1024;

/** Keys objects' properties in order, so equal content hashes alike however its JSON was built. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

export function letterCacheKey(input: LetterInput): string {
  return createHash('sha256').update(JSON.stringify([LETTER_RENDERER_VERSION, canonical(input)])).digest('hex');
}

export class LetterPdfCache {
  private readonly files = new Map<string, Buffer>();
  private bytes = 0;
  /** how many times the renderer ran (tests and the log read it) */
  renders = 0;
  hits = 0;

  constructor(
    private readonly render: (input: LetterInput) => Promise<Buffer> = renderLetter,
    private readonly budget = LETTER_CACHE_BYTES,
  ) {}

  /** The letter's PDF and its key (usable as an ETag): from the cache, or rendered and kept. */
  async get(input: LetterInput): Promise<{ file: Buffer; key: string }> {
    const key = letterCacheKey(input);
    const cached = this.files.get(key);
    if (cached) {
      this.hits++;
      // most recently used last
      this.files.delete(key);
      this.files.set(key, cached);
      return { file: cached, key };
    }
    this.renders++;
    const file = await this.render(input);
    this.files.set(key, file);
    this.bytes += file.length;
    for (const [oldest, old] of this.files) {
      if (this.bytes <= this.budget || oldest === key) break;
      this.files.delete(oldest);
      this.bytes -= old.length;
    }
    return { file, key };
  }

  get size(): number {
    return this.files.size;
  }
}

/** The process's letter cache (keys are content hashes, so every app in the process may share it). */
export const letterPdfCache = new LetterPdfCache();
