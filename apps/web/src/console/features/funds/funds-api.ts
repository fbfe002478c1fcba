import type {
  BudgetLine, BudgetLineCreate, BudgetList, Spending, SpendingList, SubsidyList, SubsidyRun, SubsidyStatus,
  ArrearsItem, Assessment, ChairAllowanceRun, ChairAllowanceSettingsInput, ChairAllowanceSettingsList, DunningStep, DunningStepRecord, EnterpriseListResponse, FundsSummary, Paged, PayrollImportResult, Receipt, ReceiptImportResult, ReturnRun,
  Statement, StatementKind, TrialBalance,
} from '@lianxin/contracts';
import { api } from '../../../shared/api-client.ts';

/** Union funds: the console's calls to /api/funds (amounts in fen). */
export function fetchSummary(orgId: number, year: string, signal?: AbortSignal): Promise<FundsSummary> {
  return api.get<FundsSummary>('/api/funds/summary', { orgId, year }, signal);
}

export function postPayroll(body: { enterpriseId: number; period: string; payrollFen?: number; estimated: boolean }): Promise<Assessment> {
  return api.post<Assessment>('/api/funds/payroll', body);
}

/** A payroll file; `period` is the month of rows without a month column. */
export function importPayroll(file: File, period: string): Promise<PayrollImportResult> {
  const form = new FormData();
  form.append('period', period);
  form.append('file', file);
  return api.upload<PayrollImportResult>('/api/funds/payroll/import', form);
}

export function postReceipt(body: { enterpriseId: number; amountFen: number; receivedOn: string; idempotencyKey: string }): Promise<Receipt> {
  return api.post<Receipt>('/api/funds/receipts', body);
}

export function importStatement(file: File): Promise<ReceiptImportResult> {
  const form = new FormData();
  form.append('file', file);
  return api.upload<ReceiptImportResult>('/api/funds/receipts/import', form);
}

export function fetchTrialBalance(orgId: number, period: string, signal?: AbortSignal): Promise<TrialBalance> {
  return api.get<TrialBalance>('/api/funds/trial-balance', { orgId, period }, signal);
}

export function fetchStatement(kind: StatementKind, orgId: number, period: string, signal?: AbortSignal): Promise<Statement> {
  return api.get<Statement>(`/api/funds/statements/${kind}`, { orgId, period }, signal);
}

/** The trial balance or a statement as a file (a plain link: the browser downloads it with the session cookie). */
export function reportUrl(report: 'trial' | StatementKind, orgId: number, period: string, format: 'xlsx' | 'pdf'): string {
  const query = new URLSearchParams({ orgId: String(orgId), period, format });
  return `/api/funds/reports/${report === 'trial' ? 'trial-balance' : report}?${query.toString()}`;
}

export function fetchArrears(orgId: number, page: number, signal?: AbortSignal): Promise<Paged<ArrearsItem>> {
  return api.get<Paged<ArrearsItem>>('/api/funds/arrears', { orgId, page, pageSize: 20 }, signal);
}

export function fetchDunning(enterpriseId: number, signal?: AbortSignal): Promise<{ items: DunningStepRecord[] }> {
  return api.get<{ items: DunningStepRecord[] }>(`/api/funds/dunning/${enterpriseId}`, undefined, signal);
}

export function takeStep(enterpriseId: number, step: DunningStep): Promise<DunningStepRecord> {
  return api.post<DunningStepRecord>(`/api/funds/dunning/${enterpriseId}/step`, { step });
}

export function dunningPdfUrl(stepId: number): string {
  return `/api/funds/dunning-steps/${stepId}/pdf`;
}

export function runReturns(orgId: number, period: string): Promise<ReturnRun> {
  return api.post<ReturnRun>('/api/funds/returns', { orgId, period });
}

/** Posts the month's allowances of the street's union chairs (a rerun posts nothing new). */
export function runChairAllowances(orgId: number, period: string): Promise<ChairAllowanceRun> {
  return api.post<ChairAllowanceRun>('/api/funds/chair-allowances', { orgId, period });
}

/** The register of a street's chairs with this month's amounts (nothing posted). */
export function fetchChairRegister(orgId: number, period: string, signal?: AbortSignal): Promise<ChairAllowanceRun> {
  return api.get<ChairAllowanceRun>('/api/funds/chair-allowances', { orgId, period }, signal);
}

export function fetchChairSettings(signal?: AbortSignal): Promise<ChairAllowanceSettingsList> {
  return api.get<ChairAllowanceSettingsList>('/api/funds/chair-allowance-settings', {}, signal);
}

export function addChairSettings(body: ChairAllowanceSettingsInput): Promise<unknown> {
  return api.post<unknown>('/api/funds/chair-allowance-settings', body);
}

/** A unit's budget lines of a year with spent, remaining and execution rate. */
export function fetchBudget(orgId: number, year: number, signal?: AbortSignal): Promise<BudgetList> {
  return api.get<BudgetList>('/api/funds/budgets', { orgId, year }, signal);
}

export function addBudgetLine(body: BudgetLineCreate): Promise<BudgetLine> {
  return api.post<BudgetLine>('/api/funds/budgets', body);
}

/** 预算调整: a line's new amount (not below what is spent). */
export function adjustBudgetLine(id: number, amountFen: number): Promise<BudgetLine> {
  return api.patch<BudgetLine>(`/api/funds/budgets/${id}`, { amountFen });
}

export function fetchSpendings(lineId: number, signal?: AbortSignal): Promise<SpendingList> {
  return api.get<SpendingList>(`/api/funds/budgets/${lineId}/spendings`, undefined, signal);
}

/** A payment against a line; the key makes a retried submit of the same form post once. */
export function postSpending(lineId: number, body: { spentOn: string; payee: string; purpose: string; amountFen: number; idempotencyKey: string }): Promise<Spending> {
  return api.post<Spending>(`/api/funds/budgets/${lineId}/spendings`, body);
}

export function reverseSpending(id: number, reason: string): Promise<Spending> {
  return api.post<Spending>(`/api/funds/budget-spendings/${id}/reverse`, { reason });
}

export function fetchSubsidies(orgId: number, status: SubsidyStatus | undefined, page: number, signal?: AbortSignal): Promise<SubsidyList> {
  return api.get<SubsidyList>('/api/funds/subsidies', { orgId, page, pageSize: 20, ...(status ? { status } : {}) }, signal);
}

/** Pays the federation's pending 两非一无 subsidies for a month (the month's run again answers the first). */
export function runSubsidies(orgId: number, period: string): Promise<SubsidyRun> {
  return api.post<SubsidyRun>('/api/funds/subsidies/runs', { orgId, period });
}

export function searchEnterprises(q: string, signal?: AbortSignal): Promise<EnterpriseListResponse> {
  return api.get<EnterpriseListResponse>('/api/enterprises', { q, pageSize: 20 }, signal);
}

/** A fresh key per receipt form: a retried submit of the same form posts once. */
export function newIdempotencyKey(): string {
  return `web-${crypto.randomUUID()}`;
}
