/**
 * Before the browser tests: the budget indicators their allocations draw on (indicatorFor), one for
 * this fiscal year and one for the last, recorded as the finance officer. The e2e suite thus never
 * spends the demo's own indicators, and an allocation dated last year still has an open indicator
 * after the demo has carried last year's over. Then today's sweep, as the daily schedule would run
 * it, so the alerts the tests start from include these indicators'. Recording the same body again
 * answers 200, so a running stack (FUNDLEDGER_E2E_URL) can be reused.
 */
import { request, type FullConfig } from '@playwright/test';
import { E2E_INDICATOR_PROGRAM, e2eIndicatorNo, today } from './support';

const INDICATOR_FEN = 500_000_000_00; // 5 亿元: far more than the whole suite allocates

export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]!.use.baseURL;
  const api = await request.newContext({ baseURL });
  try {
    const tokenOf = async (identityId: string): Promise<string> => {
      const res = await api.post('/local/tokens', { data: { identityId } });
      if (res.status() !== 200) throw new Error(`e2e set-up: /local/tokens answered ${res.status()}`);
      return ((await res.json()) as { token: string }).token;
    };
    const token = await tokenOf('finance-officer');
    const thisYear = Number(today().slice(0, 4));
    for (const fiscalYear of [thisYear - 1, thisYear]) {
      const body = { indicatorNo: e2eIndicatorNo(fiscalYear), fiscalYear, programCode: E2E_INDICATOR_PROGRAM, amountFen: INDICATOR_FEN, issuedOn: `${fiscalYear}-01-02`, reference: '端到端测试指标' };
      const res = await api.post('/budget-indicators', { headers: { authorization: `Bearer ${token}`, 'idempotency-key': `e2e-indicator-${fiscalYear}` }, data: body });
      if (res.status() !== 201 && res.status() !== 200) throw new Error(`e2e set-up: recording ${body.indicatorNo} answered ${res.status()}: ${await res.text()}`);
    }
    const sweep = await api.post('/alerts/sweep', { headers: { authorization: `Bearer ${await tokenOf('admin')}` }, data: { asOf: today() } });
    if (sweep.status() !== 200) throw new Error(`e2e set-up: the sweep answered ${sweep.status()}: ${await sweep.text()}`);
  } finally {
    await api.dispose();
  }
}
