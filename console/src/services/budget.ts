/**
 * Budget indicators (预算指标) a province allocation draws on: read for the allocation form, per
 * program, refreshed after each write (an allocation changes what remains).
 */
import { useQuery } from '@tanstack/react-query';
import { useApi } from './api';
import { indicatorListOut, type BudgetIndicator } from './schemas';

/** The program's indicators, or every program's (newest fiscal year first); [] while they load or cannot be read. */
export function useIndicators(programCode?: string): BudgetIndicator[] {
  const api = useApi();
  const q = useQuery({
    queryKey: ['budget-indicators', programCode ?? null],
    queryFn: ({ signal }) => api.get(`/budget-indicators?${programCode === undefined ? '' : `programCode=${encodeURIComponent(programCode)}&`}limit=100`, indicatorListOut, { signal }),
  });
  return q.data?.indicators ?? [];
}
