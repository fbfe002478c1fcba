/**
 * The path registry: every table column that holds an organisation path (an ltree of org ids from the root).
 *
 * Access is an ltree test on these columns (`column <@ scope`), so a path left behind when a unit moves is a
 * leak: the old parent's staff would still see the moved unit's rows. Therefore:
 * - a **live** column always holds the current path of its unit; `rewriteSubtreePaths` (called by the move, in
 *   its transaction) rewrites every live column;
 * - a **historic** column records the path an object had when something happened and is never rewritten
 *   (the append-only audit log);
 * - a test reads every ltree column from the database catalogue and fails unless it is listed here.
 * A new table with an organisation path adds one line.
 */
import { getTableName, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from './client.ts';
import {
  auditLog, enterpriseEvents, enterprises, members, applications, memberTransfers, orgs, userGrants, congressSessions, votes,
  evaluationRatings, evaluationScores, evaluationSamples,
  journalLines, ledgerBalances, fundUnmatchedLines, budgetLines,
  serviceStations, serviceRequests, serviceItems,
  bargainingContracts, bargainingRegionalContracts, rightsCases, rightsConsultations, rightsWarnings,
} from './schema/index.ts';

export interface OrgPathColumn {
  table: PgTable;
  column: AnyPgColumn;
  kind: 'live' | 'historic';
  /** what the path means for this table */
  note: string;
}

export const orgPathColumns: readonly OrgPathColumn[] = [
  { table: orgs, column: orgs.path, kind: 'live', note: 'the unit itself' },
  { table: enterprises, column: enterprises.orgPath, kind: 'live', note: 'the responsible union' },
  { table: members, column: members.orgPath, kind: 'live', note: 'the member\'s union' },
  { table: applications, column: applications.routedOrgPath, kind: 'live', note: 'the union the application is routed to' },
  { table: memberTransfers, column: memberTransfers.fromOrgPath, kind: 'live', note: 'the sending union' },
  { table: memberTransfers, column: memberTransfers.toOrgPath, kind: 'live', note: 'the receiving union' },
  { table: enterpriseEvents, column: enterpriseEvents.orgPath, kind: 'live', note: 'the union responsible when the event happened' },
  { table: userGrants, column: userGrants.orgPath, kind: 'live', note: 'the unit a duty is granted at' },
  { table: congressSessions, column: congressSessions.orgPath, kind: 'live', note: 'the union holding the workers\' congress' },
  { table: votes, column: votes.orgPath, kind: 'live', note: 'the union holding the vote' },
  { table: evaluationRatings, column: evaluationRatings.orgPath, kind: 'live', note: 'the union the member rated' },
  { table: evaluationScores, column: evaluationScores.orgPath, kind: 'live', note: 'the union evaluated' },
  { table: evaluationSamples, column: evaluationSamples.orgPath, kind: 'live', note: 'the district federation sampled' },
  { table: journalLines, column: journalLines.orgPath, kind: 'live', note: 'the union whose sub-ledger holds the line (分户核算); the journal trigger lets only this column change' },
  { table: ledgerBalances, column: ledgerBalances.orgPath, kind: 'live', note: 'the union of the balance row' },
  { table: fundUnmatchedLines, column: fundUnmatchedLines.orgPath, kind: 'live', note: 'the unit that imported the unmatched bank line' },
  { table: budgetLines, column: budgetLines.orgPath, kind: 'live', note: 'the union whose budget line it is' },
  { table: serviceStations, column: serviceStations.orgPath, kind: 'live', note: 'the union owning the service position' },
  { table: serviceRequests, column: serviceRequests.orgPath, kind: 'live', note: 'the union that received the request (its owner\'s unit)' },
  { table: serviceRequests, column: serviceRequests.transferOrgPath, kind: 'live', note: 'the union a request is handed on to (转办)' },
  { table: serviceRequests, column: serviceRequests.escalatedOrgPath, kind: 'live', note: 'the parent union an overdue request is escalated to (上代下)' },
  { table: serviceItems, column: serviceItems.orgPath, kind: 'live', note: 'the unit publishing the list item (null: a city template)' },
  { table: rightsCases, column: rightsCases.orgPath, kind: 'live', note: 'the enterprise\'s responsible union when the case was opened' },
  { table: rightsWarnings, column: rightsWarnings.orgPath, kind: 'live', note: 'the enterprise\'s responsible union when the warning was raised' },
  { table: bargainingContracts, column: bargainingContracts.orgPath, kind: 'live', note: 'the enterprise\'s responsible union when the contract was signed' },
  { table: bargainingRegionalContracts, column: bargainingRegionalContracts.orgPath, kind: 'live', note: 'the regional or industry union that signed the contract' },
  { table: rightsConsultations, column: rightsConsultations.orgPath, kind: 'live', note: 'the enterprise\'s responsible union when the consultation meeting was opened' },
  { table: auditLog, column: auditLog.orgPath, kind: 'historic', note: 'the object\'s path when the entry was written (append-only)' },
];

/** `table.column` names of the registry, for the catalogue test and the docs. */
export function registeredPathColumns(): { name: string; kind: OrgPathColumn['kind'] }[] {
  return orgPathColumns.map((c) => ({ name: `${getTableName(c.table)}.${c.column.name}`, kind: c.kind }));
}

/**
 * Rewrites every live path column for a subtree moving from `fromPath` to `toPath` (both ltree text, e.g.
 * "1.4.37" → "1.9.37"), inside the caller's transaction: paths equal to `fromPath` become `toPath`, paths below
 * it keep their tail. One UPDATE per registered live column. Returns the number of rows changed.
 */
export async function rewriteSubtreePaths(tx: Tx, fromPath: string, toPath: string): Promise<number> {
  let changed = 0;
  for (const { table, column, kind } of orgPathColumns) {
    if (kind !== 'live') continue;
    const name = sql.identifier(column.name);
    const result = (await tx.execute(sql`
      update ${table} set ${name} = case when ${name} = ${fromPath}::ltree then ${toPath}::ltree
                                       else ${toPath}::ltree || subpath(${name}, nlevel(${fromPath}::ltree)) end
       where ${name} <@ ${fromPath}::ltree`)) as unknown as { rowCount?: number | null; affectedRows?: number };
    changed += result.rowCount ?? result.affectedRows ?? 0;
  }
  return changed;
}
