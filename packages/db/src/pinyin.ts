import { pinyin } from 'pinyin-pro';

/**
 * Lower-case pinyin initials of a name for search: 上海连心科技有限公司 → "shlxkjyxgs".
 * Chinese characters give the first letter of their pinyin, ASCII letters and digits are kept
 * (lower-cased; full-width forms are folded to ASCII first), everything else (punctuation, spaces,
 * symbols) is dropped.
 *
 * pinyin-pro is comparatively slow (~10 µs a call): bulk generators should cache the initials of
 * name parts and concatenate them (see seed/names.ts).
 */
export function nameInitials(name: string): string {
  const normalized = name.normalize('NFKC');
  if (normalized.length === 0) return '';
  const letters = pinyin(normalized, { pattern: 'first', toneType: 'none', type: 'array' });
  let out = '';
  for (const piece of letters) {
    const lower = piece.toLowerCase();
    for (const ch of lower) {
      if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) out += ch;
    }
  }
  return out;
}
