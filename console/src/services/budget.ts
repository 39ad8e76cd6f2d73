/**
 * Budget indicators (预算指标) and the execution report (支出进度), API.md v3: the indicators a
 * province allocation draws on (read for the allocation form, per program), the finance officer's
 * list page by page, the writes (create, carry over, lapse: the indicator number is the key, so the
 * same body again is answered 200 with the same indicator), and the execution report.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import type * as z from 'zod/mini';
import { executionOut } from '../../../functions/lib/schemas/execution';
import { apiPath, useApi } from './api';
import { useCursorPages } from './lists';
import { useStaleAfterWrite } from './queryClient';
import { carryOverOut, indicatorListOut, indicatorReply, type BudgetIndicator, type carryOverSchema, type indicatorCreateSchema, type lapseSchema } from './schemas';

export type IndicatorInput = z.infer<typeof indicatorCreateSchema>;
export type CarryOverInput = z.infer<typeof carryOverSchema>;
export type LapseInput = z.infer<typeof lapseSchema>;
export type ExecutionReport = z.infer<typeof executionOut>;
export type ExecutionRow = ExecutionReport['rows'][number];
export type ExecutionGroupBy = ExecutionReport['groupBy'];

/** The program's indicators, or every program's (newest fiscal year first); [] while they load or cannot be read. */
export function useIndicators(programCode?: string): BudgetIndicator[] {
  const api = useApi();
  const q = useQuery({
    queryKey: ['budget-indicators', programCode ?? null],
    queryFn: ({ signal }) => api.get(`/budget-indicators?${programCode === undefined ? '' : `programCode=${encodeURIComponent(programCode)}&`}limit=100`, indicatorListOut, { signal }),
  });
  return q.data?.indicators ?? [];
}

/** Indicators filtered by fiscal year and program, page by page ("load more"). */
export function useIndicatorPages(filter: { fiscalYear?: number | undefined; programCode?: string | undefined }) {
  const query = { ...(filter.fiscalYear !== undefined ? { fiscalYear: filter.fiscalYear } : {}), ...(filter.programCode !== undefined ? { programCode: filter.programCode } : {}) };
  return useCursorPages('/budget-indicators', indicatorListOut, (p) => p.indicators, query, { pageSize: 100 });
}

/** Every write changes figures other pages show (indicators, projects, the report): they are read again. */
function useIndicatorWrite<B, T>(post: (body: B) => Promise<T>) {
  const staleAfterWrite = useStaleAfterWrite();
  return useMutation({ mutationFn: post, onSuccess: () => staleAfterWrite() });
}

export function useCreateIndicator() {
  const api = useApi();
  return useIndicatorWrite((body: IndicatorInput) => api.post('/budget-indicators', body, { schema: indicatorReply }));
}

export function useCarryOver(indicatorNo: string) {
  const api = useApi();
  return useIndicatorWrite((body: CarryOverInput) => api.post(apiPath`/budget-indicators/${indicatorNo}/carry-over`, body, { schema: carryOverOut }));
}

export function useLapse(indicatorNo: string) {
  const api = useApi();
  return useIndicatorWrite((body: LapseInput) => api.post(apiPath`/budget-indicators/${indicatorNo}/lapse`, body, { schema: indicatorReply }));
}

export interface ExecutionQuery {
  fiscalYear: number;
  groupBy: ExecutionGroupBy;
  asOf?: string | undefined;
}

const executionQuery = (q: ExecutionQuery) => ({ fiscalYear: q.fiscalYear, groupBy: q.groupBy, ...(q.asOf ? { asOf: q.asOf } : {}) });

/** GET /reports/execution: the API scopes it (a zone committee's or city bureau's own rows). */
export function useExecution(q: ExecutionQuery, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: ['execution', q.fiscalYear, q.groupBy, q.asOf ?? null],
    enabled,
    queryFn: ({ signal }) => api.get('/reports/execution', executionOut, { query: executionQuery(q), signal }),
  });
}

/** GET /reports/execution.xlsx (支出进度表, ranked, in 万元). */
export function useExecutionWorkbook() {
  const api = useApi();
  return useMutation({
    mutationFn: (q: ExecutionQuery) => api.download('/reports/execution.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', { query: executionQuery(q) }),
  });
}
