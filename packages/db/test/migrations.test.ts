import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from '../src/client.ts';

interface Journal {
  entries: { idx: number; tag: string }[];
}

// Drizzle's migrator runs only what the journal lists: a .sql file merged in without its journal entry is silently
// never applied (0010_person_names was, for a day). Every file must be listed, in order, and every entry must exist.
describe('committed migrations', () => {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal;
  const files = readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).sort();

  it('lists every SQL file in the journal, numbered in order without gaps', () => {
    expect(journal.entries.map((e) => `${e.tag}.sql`)).toEqual(files);
    expect(journal.entries.map((e) => e.idx)).toEqual(files.map((_, i) => i));
    for (const [i, file] of files.entries()) expect(file.startsWith(String(i).padStart(4, '0') + '_')).toBe(true);
  });

  it('keeps a snapshot for every journal entry', () => {
    const snapshots = readdirSync(join(migrationsFolder, 'meta')).filter((f) => f.endsWith('_snapshot.json')).sort();
    expect(snapshots).toEqual(journal.entries.map((e) => `${String(e.idx).padStart(4, '0')}_snapshot.json`));
  });
});
