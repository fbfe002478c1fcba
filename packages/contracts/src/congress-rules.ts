/**
 * The rules of the workers' congress, votes and the yearly evaluation as pure functions (the API applies them;
 * the web shows the same answers). Sources: DOMAIN.md §4, §6, §9.3 and §9.4.
 */
import type { PassRule, VoteMethod } from './congress.ts';
import { scoredParts, scoreWeights, starThresholds, type ScoredPart } from './evaluation.ts';

/** Quorum of a session: two thirds of ALL representatives present (rounded up: 2/3 of 31 needs 21). */
export function quorumOf(total: number, present: number): { total: number; present: number; needed: number; met: boolean } {
  const needed = Math.ceil((2 * total) / 3);
  return { total, present, needed, met: total > 0 && present >= needed };
}

/** The default number of seconders (附议人) a proposal needs before it can be filed (setting `congress.minSeconders`). */
export const DEFAULT_MIN_SECONDERS = 2;

/** Today inside the proposal window (both days included, Asia/Shanghai dates). */
export function windowOpen(today: string, opensOn: string, closesOn: string): boolean {
  return opensOn <= today && today <= closesOn;
}

/** The most options one ballot may hold for a method: 1 for a motion or single choice, the cap or the seats otherwise. */
export function maxChoices(method: VoteMethod, cap: number | null, seats: number | null): number {
  if (method === 'approval') return cap ?? 1;
  if (method === 'election') return seats ?? 1;
  return 1;
}

export type BallotProblem = 'vote.choiceInvalid' | 'vote.tooManyChoices' | 'vote.choicesDistinct';

/** Why a ballot's choices cannot be cast, or null. An empty ballot is blank: cast, and counted invalid. */
export function ballotProblem(choices: readonly number[], optionIds: readonly number[], max: number): BallotProblem | null {
  if (new Set(choices).size !== choices.length) return 'vote.choicesDistinct';
  if (choices.some((c) => !optionIds.includes(c))) return 'vote.choiceInvalid';
  if (choices.length > max) return 'vote.tooManyChoices';
  return null;
}

export interface Tally {
  cast: number;
  valid: number;
  invalid: number;
  /** option id → votes */
  counts: Map<number, number>;
}

/** Counts ballots: blank ballots are cast but invalid; every choice of a valid ballot is one vote for its option. */
export function tallyBallots(optionIds: readonly number[], ballots: Iterable<readonly number[]>): Tally {
  const counts = new Map<number, number>(optionIds.map((id) => [id, 0]));
  let cast = 0;
  let valid = 0;
  for (const choices of ballots) {
    cast++;
    if (choices.length === 0) continue;
    valid++;
    for (const c of choices) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return { cast, valid, invalid: cast - valid, counts };
}

/**
 * Whether a yes/no/abstain motion passed: more yes votes than half of the valid ballots, or — for the joint
 * council's veto of a wage deal — more than half of ALL entitled voters (absent and abstaining ones count against).
 */
export function motionPassed(rule: PassRule, yes: number, valid: number, entitled: number): boolean {
  return rule === 'half_of_all' ? 2 * yes > entitled : 2 * yes > valid;
}

/**
 * Elected candidates: the `seats` options with most votes. A tie across the last seat leaves the tied candidates
 * out (the seat stays open for a further round), so fewer than `seats` may be elected. Candidates with no vote
 * are never elected.
 */
export function electedOptions(counts: ReadonlyMap<number, number>, seats: number): number[] {
  const ranked = [...counts.entries()].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  if (ranked.length <= seats) return ranked.map(([id]) => id).sort((a, b) => a - b);
  const boundary = ranked[seats - 1]![1];
  const next = ranked[seats]![1];
  const chosen = boundary === next ? ranked.filter(([, v]) => v > boundary) : ranked.slice(0, seats);
  return chosen.map(([id]) => id).sort((a, b) => a - b);
}

// ---- evaluation ----------------------------------------------------------------------------------------------

/** 会员评家 score 0–100: the mean answer (1–5) scaled so that 5 is 100 and 1 is 20; null without ratings. */
export function memberRatingScore(answerSums: number, answerCount: number): number | null {
  if (answerCount === 0) return null;
  return round1((answerSums / answerCount) * 20);
}

/**
 * The service part 0–100 from the service-request figures (机制二): the on-time share × 100 and the mean
 * satisfaction 1–5 × 20 (the scale of 会员评家), averaged over those present; null when the union resolved no
 * request that year. Rounded to one decimal, half up.
 */
export function serviceScore(onTimeRate: number | null, satisfaction: number | null): number | null {
  const present = [onTimeRate === null ? null : onTimeRate * 100, satisfaction === null ? null : satisfaction * 20].filter((x): x is number => x !== null);
  return present.length === 0 ? null : round1(present.reduce((s, x) => s + x, 0) / present.length);
}

/**
 * The combined score 0–100 of the parts that have one, weighted by {@link scoreWeights} (the entered parts and
 * the computed service part) and renormalised over the parts present (a unit not drawn for the spot check, or
 * without service requests, is not punished for it); null when no part has a score. Rounded to one decimal, half up.
 */
export function combinedScore(parts: Partial<Record<ScoredPart, number | null>>): number | null {
  let sum = 0;
  let weight = 0;
  for (const part of scoredParts) {
    const score = parts[part];
    if (score === null || score === undefined) continue;
    sum += score * scoreWeights[part];
    weight += scoreWeights[part];
  }
  return weight === 0 ? null : round1(sum / weight);
}

/** 星级: 5 stars from 90, 4 from 80, 3 from 70, 2 from 60, else 1 ({@link starThresholds}). */
export function starsOf(score: number): number {
  const index = starThresholds.findIndex((t) => score >= t);
  return index === -1 ? 1 : 5 - index;
}

function round1(x: number): number {
  return Math.round(x * 10 + 1e-9) / 10;
}

/**
 * A seeded pseudo-random generator (sfc32, seeded from 16 hex digits): the spot check's draw is reproducible
 * from its recorded seed. Returns numbers in [0, 1).
 */
export function seededRandom(seedHex: string): () => number {
  let a = parseInt(seedHex.slice(0, 8), 16) >>> 0;
  let b = parseInt(seedHex.slice(8, 16), 16) >>> 0;
  let c = 0x9e3779b9;
  let d = 0x85ebca6b;
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

/**
 * Draws `size` of the ids (all, if fewer) with a seeded Fisher–Yates shuffle of the ids sorted ascending, so
 * the same seed and the same units give the same sample. Returned sorted.
 */
export function drawSample(ids: readonly number[], size: number, seedHex: string): number[] {
  const pool = [...ids].sort((x, y) => x - y);
  const random = seededRandom(seedHex);
  const n = Math.min(size, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, n).sort((x, y) => x - y);
}
