import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ballotProblem, combinedScore, serviceScore, scoreWeights, drawSample, electedOptions, indicatorItems, defaultIndicatorSet, maxChoices, memberRatingScore,
  motionPassed, quorumOf, seededRandom, starsOf, tallyBallots, windowOpen,
} from '../src/index.ts';

describe('quorum: two thirds of ALL representatives present', () => {
  it('rounds the two thirds up', () => {
    expect(quorumOf(31, 20)).toEqual({ total: 31, present: 20, needed: 21, met: false });
    expect(quorumOf(31, 21).met).toBe(true);
    expect(quorumOf(30, 20).met).toBe(true);
    expect(quorumOf(30, 19).met).toBe(false);
    expect(quorumOf(0, 0).met).toBe(false);
  });
  it('is met exactly when 3 × present ≥ 2 × total', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5000 }), fc.nat(5000), (total, p) => {
      const present = Math.min(p, total);
      expect(quorumOf(total, present).met).toBe(3 * present >= 2 * total);
    }));
  });
});

describe('the proposal window', () => {
  it('includes both days', () => {
    expect(windowOpen('2026-11-01', '2026-11-01', '2026-11-30')).toBe(true);
    expect(windowOpen('2026-11-30', '2026-11-01', '2026-11-30')).toBe(true);
    expect(windowOpen('2026-12-01', '2026-11-01', '2026-11-30')).toBe(false);
    expect(windowOpen('2026-10-31', '2026-11-01', '2026-11-30')).toBe(false);
  });
});

describe('ballots', () => {
  it('caps the choices by method', () => {
    expect(maxChoices('yes_no_abstain', null, null)).toBe(1);
    expect(maxChoices('single', null, null)).toBe(1);
    expect(maxChoices('approval', 5, null)).toBe(5);
    expect(maxChoices('election', null, 3)).toBe(3);
  });
  it('refuses foreign, repeated and too many choices; a blank ballot is allowed', () => {
    expect(ballotProblem([], [1, 2, 3], 1)).toBeNull();
    expect(ballotProblem([4], [1, 2, 3], 1)).toBe('vote.choiceInvalid');
    expect(ballotProblem([1, 1], [1, 2, 3], 5)).toBe('vote.choicesDistinct');
    expect(ballotProblem([1, 2], [1, 2, 3], 1)).toBe('vote.tooManyChoices');
    expect(ballotProblem([1, 2, 3], [1, 2, 3], 3)).toBeNull();
  });
  it('tallies: blank ballots are cast and invalid; votes add up to the choices of valid ballots', () => {
    fc.assert(fc.property(fc.array(fc.uniqueArray(fc.integer({ min: 1, max: 6 }), { maxLength: 6 }), { maxLength: 200 }), (ballots) => {
      const t = tallyBallots([1, 2, 3, 4, 5, 6], ballots);
      expect(t.cast).toBe(ballots.length);
      expect(t.valid + t.invalid).toBe(t.cast);
      expect(t.invalid).toBe(ballots.filter((b) => b.length === 0).length);
      expect([...t.counts.values()].reduce((a, b) => a + b, 0)).toBe(ballots.reduce((a, b) => a + b.length, 0));
    }));
  });
});

describe('motions', () => {
  it('more than half of the valid ballots', () => {
    expect(motionPassed('half_of_valid', 6, 10, 30)).toBe(true);
    expect(motionPassed('half_of_valid', 5, 10, 30)).toBe(false);
  });
  it('the joint council\'s veto: more than half of ALL entitled voters, absent ones count against', () => {
    expect(motionPassed('half_of_all', 6, 10, 30)).toBe(false);
    expect(motionPassed('half_of_all', 15, 20, 30)).toBe(false);
    expect(motionPassed('half_of_all', 16, 20, 30)).toBe(true);
  });
});

describe('elections', () => {
  it('elects the seats with most votes', () => {
    expect(electedOptions(new Map([[1, 10], [2, 8], [3, 3], [4, 9]]), 2)).toEqual([1, 4]);
  });
  it('leaves a seat open on a tie across it', () => {
    expect(electedOptions(new Map([[1, 10], [2, 8], [3, 8]]), 2)).toEqual([1]);
  });
  it('never elects a candidate without votes, nor more than the seats', () => {
    fc.assert(fc.property(fc.array(fc.nat(20), { minLength: 2, maxLength: 10 }), fc.integer({ min: 1, max: 5 }), (votes, seats) => {
      const counts = new Map(votes.map((v, i) => [i + 1, v]));
      const elected = electedOptions(counts, seats);
      expect(elected.length).toBeLessThanOrEqual(seats);
      for (const id of elected) expect(counts.get(id)).toBeGreaterThan(0);
    }));
  });
});

describe('evaluation', () => {
  it('the default indicator set has 5 areas, 19 items and 100 points', () => {
    expect(defaultIndicatorSet.areas).toHaveLength(5);
    expect(indicatorItems).toHaveLength(19);
    expect(indicatorItems.reduce((s, i) => s + i.points, 0)).toBe(100);
  });
  it('members\' ratings scale 1–5 to 20–100', () => {
    expect(memberRatingScore(0, 0)).toBeNull();
    expect(memberRatingScore(20, 4)).toBe(100);
    expect(memberRatingScore(18, 4)).toBe(90);
  });
  it('combines the parts present, renormalising the weights', () => {
    expect(combinedScore({})).toBeNull();
    expect(combinedScore({ members: 80 })).toBe(80);
    expect(combinedScore({ members: 100, selfCheck: 80, spotCheck: 70, thirdParty: 90 })).toBe(84);
    // not drawn for the spot check: the other three count (0.2, 0.2, 0.3 → 2/7, 2/7, 3/7)
    expect(combinedScore({ members: 100, selfCheck: 80, spotCheck: null, thirdParty: 90 })).toBe(90);
  });
  it('the service part: on-time share and satisfaction, averaged over those present', () => {
    expect(serviceScore(null, null)).toBeNull();
    expect(serviceScore(0.9, null)).toBe(90);
    expect(serviceScore(null, 4)).toBe(80);
    expect(serviceScore(0.75, 4.5)).toBe(82.5);
  });
  it('the service part weighs 0.1 and the entered parts keep their proportions (weights sum to 1)', () => {
    expect(Object.values(scoreWeights).reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    expect(combinedScore({ members: 100, selfCheck: 80, spotCheck: 70, thirdParty: 90, services: 50 })).toBe(80.6);
    expect(combinedScore({ services: 70 })).toBe(70);
    // a unit without service requests scores exactly as without the part
    fc.assert(fc.property(
      fc.record({ members: fc.option(fc.double({ min: 0, max: 100, noNaN: true })), selfCheck: fc.option(fc.double({ min: 0, max: 100, noNaN: true })),
        spotCheck: fc.option(fc.double({ min: 0, max: 100, noNaN: true })), thirdParty: fc.option(fc.double({ min: 0, max: 100, noNaN: true })) }),
      fc.double({ min: 0, max: 100, noNaN: true }),
      (parts, services) => {
        const without = combinedScore(parts);
        const withIt = combinedScore({ ...parts, services });
        expect(combinedScore({ ...parts, services: null })).toBe(without);
        // the combined score lies between the part's score and the score without it
        if (without !== null && withIt !== null) expect(withIt).toBeGreaterThanOrEqual(Math.min(without, services) - 0.1);
        if (without !== null && withIt !== null) expect(withIt).toBeLessThanOrEqual(Math.max(without, services) + 0.1);
      },
    ));
  });
  it('stars by thresholds 90 / 80 / 70 / 60', () => {
    expect([100, 90, 89.9, 80, 79.9, 70, 69.9, 60, 59.9, 0].map(starsOf)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });
  it('stars never fall when the score rises', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (a, b) => {
      if (a <= b) expect(starsOf(a)).toBeLessThanOrEqual(starsOf(b));
    }));
  });
});

describe('the spot check\'s seeded sample', () => {
  const ids = Array.from({ length: 200 }, (_, i) => 1000 + i * 7);
  it('is the same for the same seed, whatever order the units come in', () => {
    const a = drawSample(ids, 12, '0123456789abcdef');
    const b = drawSample([...ids].reverse(), 12, '0123456789abcdef');
    expect(a).toEqual(b);
    expect(a).toHaveLength(12);
    expect(new Set(a).size).toBe(12);
    for (const id of a) expect(ids).toContain(id);
  });
  it('differs for another seed, and takes all units when they are fewer than asked', () => {
    expect(drawSample(ids, 12, 'fedcba9876543210')).not.toEqual(drawSample(ids, 12, '0123456789abcdef'));
    expect(drawSample([3, 1, 2], 10, '0123456789abcdef')).toEqual([1, 2, 3]);
  });
  it('the generator is pinned: a recorded seed reproduces the same numbers in every release', () => {
    const r = seededRandom('0123456789abcdef');
    const first = [r(), r(), r()];
    const again = seededRandom('0123456789abcdef');
    expect([again(), again(), again()]).toEqual(first);
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
    expect(drawSample(Array.from({ length: 20 }, (_, i) => i + 1), 5, '0123456789abcdef')).toMatchInlineSnapshot(`
      [
        10,
        14,
        15,
        18,
        19,
      ]
    `);
  });
  it('draws every unit about equally often over many seeds', () => {
    const hits = new Map<number, number>();
    for (let s = 0; s < 4000; s++) {
      for (const id of drawSample([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 3, s.toString(16).padStart(16, '0'))) hits.set(id, (hits.get(id) ?? 0) + 1);
    }
    // expected 1200 each; a biased shuffle would drift far beyond ±15 %
    for (let id = 1; id <= 10; id++) expect(Math.abs((hits.get(id) ?? 0) - 1200)).toBeLessThan(180);
  });
});
