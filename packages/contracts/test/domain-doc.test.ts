/**
 * The code cites the domain rules it implements as "DOMAIN.md §n" (or §n.m). This keeps every citation in the
 * repository's sources pointing at a section that exists in docs/DOMAIN.md, so renumbering the document or citing a
 * section that was never written fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const thisFile = fileURLToPath(import.meta.url);
const sourceRoots = ['apps', 'packages', 'e2e', 'scripts', 'bench'];
const sourceExtensions = new Set(['.ts', '.tsx', '.js', '.mjs', '.cjs', '.sql', '.css', '.html']);
const skippedDirs = new Set(['node_modules', 'dist', 'data', 'screenshots']);

function* sourceFiles(dir: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // a source root this checkout does not have
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skippedDirs.has(entry.name)) yield* sourceFiles(path);
    } else if (entry.isFile() && sourceExtensions.has(extname(entry.name)) && path !== thisFile) {
      yield path;
    }
  }
}

interface Mention { where: string; section: string | null }

/** Every "DOMAIN.md" in a text, with the section it cites (null when it cites none). */
function domainMentions(text: string, file = ''): Mention[] {
  const mentions: Mention[] = [];
  text.split('\n').forEach((line, i) => {
    for (const match of line.matchAll(/DOMAIN\.md(?:\s*§\s*(\d+(?:\.\d+)*))?/g)) {
      mentions.push({ where: `${file}:${i + 1}`, section: match[1] ?? null });
    }
  });
  return mentions;
}

/** Section numbers of the document's numbered headings: "## 9. Rules…" gives 9, "### 9.1 Working days" gives 9.1. */
function sectionNumbers(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^#{2,4}\s+(\d+(?:\.\d+)*)\.?\s/gm)].map((m) => m[1]!));
}

const domainDoc = readFileSync(join(root, 'docs/DOMAIN.md'), 'utf8');
const sections = sectionNumbers(domainDoc);
const mentions = sourceRoots.flatMap((dir) =>
  [...sourceFiles(join(root, dir))].flatMap((file) => domainMentions(readFileSync(file, 'utf8'), relative(root, file))));

describe('DOMAIN.md citations', () => {
  it('reads citations and section numbers', () => {
    expect(domainMentions('rule (DOMAIN.md §9.1) and DOMAIN.md §2, see DOMAIN.md', 'x.ts').map((m) => m.section)).toEqual(['9.1', '2', null]);
    expect([...sectionNumbers('# Title\n## Who\n## 1. Org\n### 1.2 Kinds\n## 10. Glossary\n')]).toEqual(['1', '1.2', '10']);
    expect(mentions.length).toBeGreaterThan(5);
    expect(sections).toContain('1');
  });

  it('every cited section exists in docs/DOMAIN.md', () => {
    const missing = mentions.filter((m) => m.section !== null && !sections.has(m.section));
    expect(missing.map((m) => `${m.where} cites §${m.section}`)).toEqual([]);
  });

  it('every mention of DOMAIN.md in the code names its section', () => {
    expect(mentions.filter((m) => m.section === null).map((m) => m.where)).toEqual([]);
  });
});
