/**
 * 工会自查 evidence files (佐证材料): a union's staff upload a file per indicator item and year; the contents live
 * in the database (`evaluation_evidence.data`, bytea), so backups and the embedded database carry them. The type
 * is decided by the file's first bytes, never by its name or the browser's content type: PDF (`%PDF-`), JPEG
 * (FF D8 FF), PNG (89 50 4E 47 0D 0A 1A 0A), and the Office zip formats (`PK\3\4` holding `xl/` for xlsx or
 * `word/` for docx); the name's extension must agree. Staff in scope — the district's checkers included — list
 * and download them; each upload and each download is audited in its transaction.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '@lianxin/db';
import { EVIDENCE_MAX_MB, indicatorItems, type EvidenceFile, type EvidenceKind } from '@lianxin/contracts';
import { withinScope, writeScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError, fieldError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findOrg } from '../orgs/orgs.repo.ts';

export const EVIDENCE_TYPES: Record<EvidenceKind, { contentType: string; extensions: readonly string[] }> = {
  pdf: { contentType: 'application/pdf', extensions: ['pdf'] },
  jpg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  png: { contentType: 'image/png', extensions: ['png'] },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
};

const startsWith = (data: Buffer, bytes: readonly number[]) => bytes.every((b, i) => data[i] === b);

/** The evidence kind of a file from its first bytes (and, for the zip formats, the parts they hold), or null. */
export function evidenceKindOf(data: Buffer): EvidenceKind | null {
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) {
    // the zip's entry names are stored in clear in its headers
    if (data.includes('word/document')) return 'docx';
    if (data.includes('xl/workbook')) return 'xlsx';
  }
  return null;
}

const typeError = () => new AppError('validation_failed', 400, 'evaluation.evidenceType', {}, { file: 'evaluation.evidenceType' });
export const evidenceTooLarge = () => new AppError('validation_failed', 413, 'evaluation.evidenceTooLarge', { max: EVIDENCE_MAX_MB }, { file: 'evaluation.evidenceTooLarge' });

interface EvidenceRow { id: number; org_id: number; year: number; item_code: string; filename: string; content_type: string; size: number; uploaded_by: string; created_at: string }

const toEvidence = (r: EvidenceRow): EvidenceFile => ({
  id: r.id, orgId: r.org_id, year: r.year, itemCode: r.item_code, filename: r.filename, contentType: r.content_type, size: r.size,
  uploadedBy: r.uploaded_by, createdAt: new Date(r.created_at).toISOString(),
});

const evidenceColumns = sql`e.id, e.org_id, e.year, e.item_code, e.filename, e.content_type, e.size, u.display_name as uploaded_by, e.created_at::text as created_at`;

/** Stores one evidence file of a union's self-check item (staff write in scope). */
export async function uploadEvidence(
  ctx: ServiceContext, year: number, input: { orgId: number; itemCode: string; filename: string; data: Buffer },
): Promise<EvidenceFile> {
  const scope = writeScope(ctx.scope);
  if (!indicatorItems.some((i) => i.code === input.itemCode)) throw fieldError('itemCode', 'evaluation.unknownItem');
  if (input.data.length > EVIDENCE_MAX_MB * 1024 * 1024) throw evidenceTooLarge();
  const kind = evidenceKindOf(input.data);
  const extension = input.filename.toLowerCase().split('.').pop() ?? '';
  if (!kind || !EVIDENCE_TYPES[kind].extensions.includes(extension)) throw typeError();
  // no path separators or control characters in a name sent back in a download header
  const filename = [...input.filename].map((c) => (c === '/' || c === '\\' || c.charCodeAt(0) < 32 ? '_' : c)).join('').slice(-120);
  const id = await ctx.db.transaction(async (tx) => {
    const org = await findOrg(tx, scope, input.orgId);
    if (!org) throw notFound();
    const [row] = await queryRows<{ id: number }>(tx, sql`
      insert into evaluation_evidence (org_id, year, item_code, filename, content_type, size, data, uploaded_by)
      values (${org.id}, ${year}, ${input.itemCode}, ${filename}, ${EVIDENCE_TYPES[kind].contentType}, ${input.data.length}, ${input.data}, ${ctx.actor.userId})
      returning id`);
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'create', objectType: 'evaluation_evidence', objectId: row!.id, orgPath: org.path,
      detail: { year, itemCode: input.itemCode, filename, size: input.data.length },
    });
    return row!.id;
  });
  const [row] = await queryRows<EvidenceRow>(ctx.db, sql`select ${evidenceColumns} from evaluation_evidence e join users u on u.id = e.uploaded_by where e.id = ${id}`);
  return toEvidence(row!);
}

/** A union's evidence files of a year, by item (staff in scope, checkers included). */
export async function listEvidence(ctx: ServiceContext, year: number, orgId: number): Promise<{ items: EvidenceFile[] }> {
  const org = await findOrg(ctx.db, ctx.scope, orgId);
  if (!org) throw notFound();
  const rows = await queryRows<EvidenceRow>(ctx.db, sql`
    select ${evidenceColumns} from evaluation_evidence e join users u on u.id = e.uploaded_by
     where e.org_id = ${org.id} and e.year = ${year} order by e.item_code, e.id`);
  return { items: rows.map(toEvidence) };
}

/** One evidence file's contents for staff in scope; each download is audited (read_document) with the read. */
export async function evidenceDownload(ctx: ServiceContext, id: number): Promise<{ filename: string; contentType: string; data: Buffer }> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await queryRows<{ filename: string; content_type: string; data: Uint8Array; year: number; item_code: string; size: number; path: string }>(tx, sql`
      select e.filename, e.content_type, e.data, e.year, e.item_code, e.size, o.path::text as path from evaluation_evidence e join orgs o on o.id = e.org_id
       where e.id = ${id} and ${withinScope(ctx.scope, sql`o.path`)}`);
    if (!row) throw notFound();
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'read_document', objectType: 'evaluation_evidence', objectId: id, orgPath: row.path,
      detail: { year: row.year, itemCode: row.item_code, filename: row.filename, size: row.size },
    });
    return { filename: row.filename, contentType: row.content_type, data: Buffer.from(row.data) };
  });
}
