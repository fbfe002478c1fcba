import { describe, expect, it } from 'vitest';
import { singleFlight } from '../src/lib/single-flight.ts';

describe('singleFlight', () => {
  it('gives concurrent callers of one key one read, and other keys their own', async () => {
    const shared = singleFlight<number>();
    let reads = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const read = async () => { reads += 1; await gate; return reads; };
    const calls = [shared('a', read), shared('a', read), shared('a', read), shared('b', read)];
    release();
    expect(await Promise.all(calls)).toEqual([2, 2, 2, 2]);
    expect(reads).toBe(2);
  });

  it('keeps nothing once the read settles: the next caller reads again, also after a failure', async () => {
    const shared = singleFlight<number>();
    let reads = 0;
    await expect(shared('a', async () => { reads += 1; throw new Error('database gone'); })).rejects.toThrow('database gone');
    expect(await shared('a', async () => { reads += 1; return 7; })).toBe(7);
    expect(await shared('a', async () => { reads += 1; return 8; })).toBe(8);
    expect(reads).toBe(3);
  });
});
