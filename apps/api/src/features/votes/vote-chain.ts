/**
 * The ballots' hash chain. At finish the ballots are read in receipt order (byte order, COLLATE "C") and
 * chained: link₀ = SHA-256("lianxin:vote:<id>"), linkᵢ = SHA-256(linkᵢ₋₁ ‖ "\n" ‖ receipt ‖ "\n" ‖ choices
 * joined by ","), all hex. The last link is the vote's `chainHead`, published with the result; anyone holding
 * the published tally recomputes it, and a changed, added or removed ballot gives another head. Chained at
 * finish rather than per insert, so casting stays parallel (a serial chain would cap throughput).
 */
import { hash, randomBytes } from 'node:crypto';

export interface ChainBallot {
  receipt: string;
  choices: readonly number[];
}

export function chainGenesis(voteId: number): string {
  return hash('sha256', `lianxin:vote:${voteId}`);
}

export function chainLink(previous: string, ballot: ChainBallot): string {
  return hash('sha256', `${previous}\n${ballot.receipt}\n${ballot.choices.join(',')}`);
}

/** Byte order of receipts, as PostgreSQL's COLLATE "C" sorts them. */
export function byReceipt(a: ChainBallot, b: ChainBallot): number {
  return a.receipt < b.receipt ? -1 : a.receipt > b.receipt ? 1 : 0;
}

/** The head of the chain over ballots already in receipt order. */
export function chainHead(voteId: number, ballots: Iterable<ChainBallot>): string {
  let link = chainGenesis(voteId);
  for (const b of ballots) link = chainLink(link, b);
  return link;
}

/**
 * The chain in one pass over the ballots as the database hands them over at finish: one text, receipt and choices
 * (joined by ",") on alternate lines, in receipt order. The same links as `chainHead`, without building a row
 * object per ballot; also gives each ballot's choices for the tally.
 */
export function chainOverText(voteId: number, text: string): { head: string; choices: number[][] } {
  let link = chainGenesis(voteId);
  const choices: number[][] = [];
  if (text === '') return { head: link, choices };
  const lines = text.split('\n');
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const joined = lines[i + 1]!;
    link = hash('sha256', `${link}\n${lines[i]!}\n${joined}`);
    choices.push(joined === '' ? [] : joined.split(',').map(Number));
  }
  return { head: link, choices };
}

/** Whether the ballots (any order) still give the published head. */
export function verifyChain(voteId: number, ballots: readonly ChainBallot[], head: string): boolean {
  return chainHead(voteId, [...ballots].sort(byReceipt)) === head;
}

// 32 letters and digits without 0/O and 1/I, so a receipt read aloud or copied by hand survives
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random receipt code, XXXX-XXXX-XXXX (60 bits): shown once to the voter, found in the published tally. */
export function newReceipt(): string {
  const bytes = randomBytes(12);
  let out = '';
  for (let i = 0; i < 12; i++) {
    if (i > 0 && i % 4 === 0) out += '-';
    out += ALPHABET[bytes[i]! & 31];
  }
  return out;
}
