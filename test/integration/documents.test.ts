/**
 * Plan documents (计划下达文件): each line its own allocation under its own rules; the document
 * number is the idempotency key of the whole (replay; other lines → 409); every allocation names
 * its document.
 */
import { canonicalJson, sha256Hex } from '../../domain/canonical-json';
import { startDocument } from '../../functions/lib/storage/document-store';
import { addDays } from '../../domain/dates';
import { IDEMPOTENCY_TTL_DAYS } from '../../functions/lib/storage/transaction-items';
import { readTable } from './support/api';
import { expectOk, expectProblem, fixtureIndicatorNo, ledger, registration2023, today, uniqueId, useSeededApi, YUAN } from './support/fixtures';

/** Every document names the budget indicator its lines draw on (the seed programs are under budgetControl). */
const IND = fixtureIndicatorNo('JS-2023-C', 2023);

const api = useSeededApi();
const path = (no: string) => `/allocation-documents/${encodeURIComponent(no)}`;

it('posts each line under its own rules, reports every outcome and replays the whole', async () => {
  const l = ledger(api, 'NJ-HTZ');
  const [a, b, c] = [registration2023(), registration2023(), registration2023()];
  for (const reg of [a, b, c]) expectOk(await l.register(reg));
  const documentNo = `苏财教〔2025〕${Date.now() % 10000}号`;
  const body = {
    documentNo,
    issuedOn: '2023-07-20',
    indicatorNo: IND,
    lines: [
      { projectId: a.projectId, amountFen: 3_000_000 * YUAN },
      { projectId: b.projectId, amountFen: 6_000_000 * YUAN + 1 }, // one fen over the 2023 province cap
      { projectId: 'NO-SUCH-PROJECT', amountFen: 1 },
      { projectId: c.projectId, amountFen: 6_000_000 * YUAN },
    ],
  };
  const first = await api.request('POST', '/allocation-documents', { token: l.finance, body });
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({
    documentNo, status: 'complete',
    totals: { lines: 4, posted: 2, refused: 2, postedFen: 9_000_000 * YUAN, refusedFen: 6_000_000 * YUAN + 2 },
  });
  expect(first.body.lines.map((x: any) => x.status)).toEqual([201, 422, 404, 201]);
  expect(first.body.lines[1].problem).toMatchObject({ rule: 'province-per-project', limitFen: 6_000_000 * YUAN, usedFen: 0, attemptedFen: 6_000_000 * YUAN + 1 });

  const history = expectOk(await api.request('GET', `/projects/${a.projectId}/history?type=allocation`, { token: l.auditor })).body.entries;
  expect(history).toHaveLength(1);
  expect(history[0]).toMatchObject({ reference: documentNo, valueDate: '2023-07-20', details: { documentNo, indicatorNo: IND } });
  expect((await l.project(b.projectId)).version).toBe(1);

  const again = await api.request('POST', '/allocation-documents', { token: l.finance, body });
  expect(again.status).toBe(201);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(again.body.lines).toEqual(first.body.lines);
  expect((await l.project(a.projectId)).version).toBe(2);

  const reused = await api.request('POST', '/allocation-documents', { token: l.finance, body: { ...body, lines: body.lines.slice(0, 1) } });
  expect(reused.status).toBe(409);
  expect(reused.body.rule).toBe('idempotency-key-reuse');

  const read = expectOk(await api.request('GET', path(documentNo), { token: l.auditor })).body;
  expect(read).toEqual(first.body);
  const list = expectOk(await api.request('GET', '/allocation-documents?limit=50', { token: l.auditor })).body;
  expect(list.documents.find((d: any) => d.documentNo === documentNo)).toMatchObject({ totals: first.body.totals });
});

it('is for finance officers, takes at most 500 lines, and answers an unknown number with 404', async () => {
  const l = ledger(api, 'NJ-HTZ');
  const line = { projectId: 'X', amountFen: 1 };
  expect((await api.request('POST', '/allocation-documents', { token: l.zone, body: { documentNo: 'D-1', issuedOn: '2023-07-20', lines: [line] } })).status).toBe(403);
  const tooMany = await api.request('POST', '/allocation-documents', { token: l.finance, body: { documentNo: 'D-2', issuedOn: '2023-07-20', lines: Array.from({ length: 501 }, () => line) } });
  expect(tooMany.status).toBe(400);
  expect((await api.request('GET', path('苏财教〔1999〕1号'), { token: l.auditor })).status).toBe(404);
  expect((await api.request('GET', path('D-2'), { token: l.auditor })).status).toBe(404);
});

it('finishes an unfinished document when it is sent again, but not once its lines’ retry records may have expired', async () => {
  const l = ledger(api, 'NJ-HTZ');
  const reg = registration2023();
  expectOk(await l.register(reg));
  const unfinished = async (documentNo: string, createdAt: string) => {
    const body = { documentNo, issuedOn: '2023-07-20', indicatorNo: IND, lines: [{ projectId: reg.projectId, amountFen: 1_000_000 * YUAN }] };
    // As a process that died after claiming the number would leave it.
    const started = await startDocument({
      documentNo, issuedOn: body.issuedOn, indicatorNo: IND, requestHash: sha256Hex(canonicalJson({ issuedOn: body.issuedOn, lines: body.lines, indicatorNo: IND })),
      status: 'in-progress', createdBy: 'finance-1', createdAt, completedAt: null, lines: [], totals: { lines: 0, posted: 0, refused: 0, postedFen: 0, refusedFen: 0 },
    });
    expect(started.started).toBe(true);
    return body;
  };

  const stale = await unfinished(`苏财教〔2023〕${uniqueId('OLD')}号`, new Date(Date.now() - (IDEMPOTENCY_TTL_DAYS - 1) * 86_400_000 - 60_000).toISOString());
  const refused = await api.request('POST', '/allocation-documents', { token: l.finance, body: stale });
  expect(refused.status).toBe(409);
  expect(refused.body).toMatchObject({ rule: 'document-resume-expired' });
  expect(refused.body.detail).toContain('post the missing lines under a new document number');
  expect((await l.project(reg.projectId)).version).toBe(1);

  const recent = await unfinished(`苏财教〔2023〕${uniqueId('NEW')}号`, new Date(Date.now() - 86_400_000).toISOString());
  const resumed = await api.request('POST', '/allocation-documents', { token: l.finance, body: recent });
  expect(resumed.status).toBe(201);
  expect(resumed.body).toMatchObject({ status: 'complete', totals: { posted: 1 } });
  expect((await l.project(reg.projectId)).version).toBe(2);
});

it('holds every line to the document\'s indicator: none of that number, or of another year, refuses every line; one with room for one line of two posts exactly one', async () => {
  const l = ledger(api, 'NJ-HTZ');
  const [a, b] = [registration2023(), registration2023()];
  for (const reg of [a, b]) expectOk(await l.register(reg));
  const lines = [{ projectId: a.projectId, amountFen: 1_000_000 * YUAN }, { projectId: b.projectId, amountFen: 1_000_000 * YUAN }];
  const send = (indicatorNo: string) => api.request('POST', '/allocation-documents', { token: l.finance, body: { documentNo: `苏财教〔2023〕${uniqueId('IND')}号`, issuedOn: '2023-07-20', indicatorNo, lines } });
  const create = async (fiscalYear: number, amountFen: number) => {
    const indicatorNo = `苏财教〔${fiscalYear}〕${uniqueId('DOC')}号`;
    expect((await api.request('POST', '/budget-indicators', { token: l.finance, body: { indicatorNo, fiscalYear, programCode: 'JS-2023-C', amountFen, issuedOn: `${fiscalYear}-01-10` } })).status).toBe(201);
    return indicatorNo;
  };
  for (const indicatorNo of [`苏财教〔2023〕${uniqueId('NONE')}号`, await create(2024, 10_000_000 * YUAN)]) {
    const res = await send(indicatorNo);
    expect(res.body.lines.map((x: any) => [x.status, x.problem?.rule])).toEqual([[422, 'indicator-mismatch'], [422, 'indicator-mismatch']]);
  }
  const small = await create(2023, 1_500_000 * YUAN);
  const res = await send(small);
  expect(res.body.totals).toMatchObject({ posted: 1, refused: 1, postedFen: 1_000_000 * YUAN });
  expect(res.body.lines.find((x: any) => x.status === 422).problem).toMatchObject({ rule: 'budget-indicator-exceeded', limitFen: 1_500_000 * YUAN, usedFen: 1_000_000 * YUAN });
  expect(expectOk(await api.request('GET', `/budget-indicators/${encodeURIComponent(small)}`, { token: l.auditor })).body.indicator).toMatchObject({ allocatedFen: 1_000_000 * YUAN, remainingFen: 500_000 * YUAN });
  expect([(await l.project(a.projectId)).version, (await l.project(b.projectId)).version].sort()).toEqual([1, 2]);
});

it('posts a second document with the same lines and issue date as its own allocations (the number tells them apart)', async () => {
  const l = ledger(api, 'NJ-HTZ');
  const reg = registration2023();
  expectOk(await l.register(reg));
  const lines = [{ projectId: reg.projectId, amountFen: 1_000_000 * YUAN }];
  for (const documentNo of [`苏财教〔2023〕${uniqueId('A')}号`, `苏财教〔2023〕${uniqueId('B')}号`]) {
    const res = await api.request('POST', '/allocation-documents', { token: l.finance, body: { documentNo, issuedOn: '2023-07-20', indicatorNo: IND, lines } });
    expect(res.status).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(res.body.lines[0]).toMatchObject({ status: 201 });
  }
  const history = expectOk(await api.request('GET', `/projects/${reg.projectId}/history?type=allocation`, { token: l.auditor })).body.entries;
  expect(history).toHaveLength(2);
  expect((await l.project(reg.projectId)).balances.province.allocatedFen).toBe(2_000_000 * YUAN);
});

describe('a document invalid as a whole is a 400 before anything is stored, and its number stays free', () => {
  const HUGE = 4_500_000_000_000_000;

  it('lines whose total passes 2^53 fen (1,000, then three of 4,500,000,000,000,000) → 400; no project gets an allocation; the corrected document posts under the same number', async () => {
    const l = ledger(api, 'NJ-HTZ');
    const regs = [registration2023(), registration2023(), registration2023(), registration2023()];
    for (const reg of regs) expectOk(await l.register(reg));
    const documentNo = `苏财教〔2025〕${uniqueId('BIG')}号`;
    const lines = [{ projectId: regs[0]!.projectId, amountFen: 1_000 }, ...regs.slice(1).map((r) => ({ projectId: r.projectId, amountFen: HUGE }))];
    expect(lines.reduce((s, x) => s + x.amountFen, 0)).toBeGreaterThan(Number.MAX_SAFE_INTEGER);

    const before = await readTable(api.tableName);
    const res = await api.request('POST', '/allocation-documents', { token: l.finance, body: { documentNo, issuedOn: '2023-07-20', indicatorNo: IND, lines } });
    expectProblem(res, 400);
    // The total passes 2^53 at the fourth line, index 3 (1,000 + 2 × 4.5e15 ≤ 2^53 − 1 < 1,000 + 3 × 4.5e15).
    expect(res.body.errors).toEqual([{ path: 'lines.3.amountFen', message: expect.stringContaining(String(Number.MAX_SAFE_INTEGER)) }]);
    expect(await readTable(api.tableName)).toEqual(before);
    for (const reg of regs) expect((await l.project(reg.projectId)).balances.province.allocatedFen).toBe(0);
    expectProblem(await api.request('GET', path(documentNo), { token: l.auditor }), 404);
    expect((await api.request('POST', '/allocation-documents', { token: l.finance, body: { documentNo, issuedOn: '2023-07-20', indicatorNo: IND, lines } })).status).toBe(400);

    const corrected = await api.request('POST', '/allocation-documents', {
      token: l.finance, body: { documentNo, issuedOn: '2023-07-20', indicatorNo: IND, lines: regs.map((r) => ({ projectId: r.projectId, amountFen: 1_000_000 * YUAN })) },
    });
    expect(corrected.status).toBe(201);
    expect(corrected.headers['idempotent-replayed']).toBeUndefined();
    expect(corrected.body).toMatchObject({ documentNo, status: 'complete', totals: { lines: 4, posted: 4, refused: 0, postedFen: 4_000_000 * YUAN } });
  });

  it('a document dated tomorrow (China time) → 400 naming issuedOn; nothing stored; the number is then used by the corrected document', async () => {
    const l = ledger(api, 'NJ-HTZ');
    const reg = registration2023();
    expectOk(await l.register(reg));
    const documentNo = `苏财教〔2025〕${uniqueId('TMR')}号`;
    const lines = [{ projectId: reg.projectId, amountFen: 1_000_000 * YUAN }];
    const before = await readTable(api.tableName);
    const res = await api.request('POST', '/allocation-documents', { token: l.finance, body: { documentNo, issuedOn: addDays(today(), 1), indicatorNo: IND, lines } });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ path: 'issuedOn', message: expect.stringContaining(today()) }]);
    expect(await readTable(api.tableName)).toEqual(before);
    expectProblem(await api.request('GET', path(documentNo), { token: l.auditor }), 404);

    const corrected = await api.request('POST', '/allocation-documents', { token: l.finance, body: { documentNo, issuedOn: '2023-07-20', indicatorNo: IND, lines } });
    expect(corrected.status).toBe(201);
    expect(corrected.body).toMatchObject({ documentNo, issuedOn: '2023-07-20', status: 'complete', totals: { posted: 1 } });
    expect((await l.project(reg.projectId)).balances.province.allocatedFen).toBe(1_000_000 * YUAN);
  });

  it('a document dated today is not refused for its date (control)', async () => {
    const l = ledger(api, 'NJ-HTZ');
    const reg = registration2023();
    expectOk(await l.register(reg));
    const res = await api.request('POST', '/allocation-documents', { token: l.finance, body: { documentNo: `苏财教〔2025〕${uniqueId('TDY')}号`, issuedOn: today(), indicatorNo: fixtureIndicatorNo('JS-2023-C', Number(today().slice(0, 4))), lines: [{ projectId: reg.projectId, amountFen: 1_000 * YUAN }] } });
    expect(res.status).toBe(201);
    expect(res.body.lines[0]).toMatchObject({ status: 201 });
  });
});
