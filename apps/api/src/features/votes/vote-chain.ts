/**
 * The ballots' hash chain. At finish the ballots are read in receipt order (byte order, COLLATE "C") and
 * chained: link₀ = SHA-256("lianxin:vote:<id>"), linkᵢ = SHA-256(linkᵢ₋₁ ‖ "\n" ‖ receipt ‖ "\n" ‖ choices
 * joined by ","), all hex. The last link is the vote's `chainHead`, published with the result; anyone holding
 * the published tally recomputes it, and a changed, added or removed ballot gives another head. Chained at
 * finish rather than per insert, so casting stays parallel (a serial chain would cap throughput).
 */
import { createHash, randomBytes } from 'node:crypto';

export interface ChainBallot {
  receipt: string;
  choices: readonly number[];
}

export function chainGenesis(voteId: number): string {
  return createHash('sha256').update(`lianxin:vote:${voteId}`).digest('hex');
}

export function chainLink(previous: string, ballot: ChainBallot): string {
  return createHash('sha256').update(`${previous}\n${ballot.receipt}\n${ballot.choices.join(',')}`).digest('hex');
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
