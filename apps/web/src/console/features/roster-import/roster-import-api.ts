import type { RosterField } from '@lianxin/contracts';
import { api } from '../../../shared/api-client.ts';

export interface ImportValidation {
  batchId: string | number;
  total: number;
  valid: number;
  invalid: number;
  duplicates: number;
  errors: { row: number; field: RosterField; message: string }[];
}

export type ImportStatus = 'validated' | 'committing' | 'committed' | 'failed';

export interface ImportProgress {
  status: ImportStatus;
  total: number;
  valid: number;
  processed: number;
  committed: number;
  message?: string;
}

export const TEMPLATE_URL = '/api/members/import/template';

export function reportUrl(batchId: string | number): string {
  return `/api/members/import/${encodeURIComponent(String(batchId))}/report.xlsx`;
}

/** Uploads a roster for the receiving union; the server checks every row and keeps the batch until it is committed. */
export function uploadRoster(file: File, orgId: number): Promise<ImportValidation> {
  const form = new FormData();
  form.append('orgId', String(orgId));
  form.append('file', file, file.name);
  return api.upload<ImportValidation>('/api/members/import', form);
}

export function commitImport(batchId: string | number): Promise<unknown> {
  return api.post<unknown>(`/api/members/import/${encodeURIComponent(String(batchId))}/commit`);
}

export function fetchImportProgress(batchId: string | number, signal?: AbortSignal): Promise<ImportProgress> {
  return api.get<ImportProgress>(`/api/members/import/${encodeURIComponent(String(batchId))}`, undefined, signal);
}

/** Percentage of valid rows written so far. */
export function progressPercent(p: Pick<ImportProgress, 'processed' | 'valid' | 'status'>): number {
  if (p.status === 'committed') return 100;
  if (p.valid <= 0) return 0;
  return Math.min(99, Math.floor((p.processed / p.valid) * 100));
}
