import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { noteWrite, recentReads } from '../src/lib/recent-reads.ts';

/** A read that counts its runs and waits for `release` before answering with its run number. */
function gatedRead() {
  let reads = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => { release = resolve; });
  return { read: async () => { reads += 1; const n = reads; await gate; return n; }, release: () => release(), reads: () => reads };
}

describe('recentReads', () => {
  it('gives concurrent callers of one key one read, and other keys their own', async () => {
    const shared = recentReads<number>();
    const db = {};
    const { read, release, reads } = gatedRead();
    const calls = [shared(db, 'a', read), shared(db, 'a', read), shared(db, 'a', read), shared(db, 'b', read)];
    release();
    expect(await Promise.all(calls)).toEqual([1, 1, 1, 2]);
    expect(reads()).toBe(2);
  });

  it('reuses an answer for a moment, then reads again', async () => {
    const shared = recentReads<number>(40);
    const db = {};
    let reads = 0;
    const read = async () => ++reads;
    expect(await shared(db, 'a', read)).toBe(1);
    expect(await shared(db, 'a', read)).toBe(1);
    await sleep(60);
    expect(await shared(db, 'a', read)).toBe(2);
  });

  it('never serves an answer read before a write, even one still in flight', async () => {
    const shared = recentReads<number>(60_000);
    const db = {};
    let reads = 0;
    expect(await shared(db, 'a', async () => ++reads)).toBe(1);
    noteWrite(db);
    expect(await shared(db, 'a', async () => ++reads)).toBe(2);
    const { read, release } = gatedRead();
    const before = shared(db, 'b', read);
    noteWrite(db); // written while the read was running: it may have missed the write
    let after = 0;
    const again = shared(db, 'b', async () => { after += 1; return 99; });
    release();
    expect(await before).toBe(1);
    expect(await again).toBe(99);
    expect(after).toBe(1);
  });

  it('keeps no failure, and keeps each database apart', async () => {
    const shared = recentReads<number>(60_000);
    const one = {};
    const other = {};
    await expect(shared(one, 'a', async () => { throw new Error('database gone'); })).rejects.toThrow('database gone');
    expect(await shared(one, 'a', async () => 7)).toBe(7);
    expect(await shared(other, 'a', async () => 8)).toBe(8);
    expect(await shared(one, 'a', async () => 9)).toBe(7);
    noteWrite(other);
    expect(await shared(one, 'a', async () => 10)).toBe(7);
  });
});
