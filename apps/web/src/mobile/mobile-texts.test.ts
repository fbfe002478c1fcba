import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appTexts } from '../shared/i18n/app.i18n.ts';
import { dictionaries } from '../shared/i18n/dictionary.ts';
import { mobileTextParts } from './mobile-texts.ts';

const src = fileURLToPath(new URL('..', import.meta.url));
const sources = (dir: string): string[] => readdirSync(join(src, dir), { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.(test|i18n)\.ts$/.test(e.name))
  .map((e) => join(e.parentPath, e.name));

describe('the H5\'s texts (mobile-texts.ts)', () => {
  it('hold every dictionary key the H5 and the shared code name, so no console text needs to ship to phones', () => {
    const installed = new Set([appTexts, ...mobileTextParts].flatMap((part) => Object.keys(part['zh-CN'])));
    const known = new Set(Object.keys(dictionaries['zh-CN']));
    const missing: string[] = [];
    let named = 0;
    // dictionary.ts is the console's table of every text (its doc comment names a console key)
    for (const file of [...sources('mobile'), ...sources('shared')].filter((f) => !f.endsWith(join('i18n', 'dictionary.ts')))) {
      // every quoted string that is a dictionary key: t('…') calls and keys kept in tables (tiles, labels)
      for (const [, key] of readFileSync(file, 'utf8').matchAll(/['"`]([\w-]+(?:\.[\w-]+)+)['"`]/g)) {
        if (!known.has(key!)) continue;
        named++;
        if (!installed.has(key!)) missing.push(`${file.slice(src.length)}: ${key}`);
      }
    }
    expect(named).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });

  it('are a small share of all texts', () => {
    const installed = [appTexts, ...mobileTextParts].reduce((n, part) => n + Object.keys(part['zh-CN']).length, 0);
    expect(installed).toBeLessThan(Object.keys(dictionaries['zh-CN']).length / 3);
  });
});
