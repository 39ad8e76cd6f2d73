/**
 * Statements and reconciliation through HTTP (API.md v3): dry run and store, the same file again,
 * bad rows, GBK and mojibake, matching one to one and never a guess, manual matches and undos with
 * four-eyes, the role matrix of every route, GET /reconciliation, large statements uploaded like
 * evidence and run in the background, and the two alerts through the sweep. Reconciliation never
 * changes a ledger item: every test that writes compares the PROJECT# items before and after.
 */
import { createHash } from 'node:crypto';
import { encodeGbk } from '../support/gbk';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { backfillMovements, backfillMovementsOnce } from '../../functions/lib/reconciliation/backfill';
import { rawClient, readTable, type TestResponse } from './support/api';
import { YUAN, expectOk, ledger, registration2023, registered, useSeededApi } from './support/fixtures';

// The sweep's notifications are logged locally; these tests read the alerts themselves.
process.env.ALERT_LOG = 'off';
const api = useSeededApi();
const HEADER = '交易日期,金额（元）,收款人名称,收款人统一社会信用代码,凭证号,摘要';
const OCTET = 'application/octet-stream';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Row { date: string; fen: number; payee?: string; code?: string | null; voucher?: string | null; memo?: string }
const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
const csvText = (rows: Row[]) => [HEADER, ...rows.map((r) => [r.date, yuan(r.fen), r.payee ?? '南京某生物医药有限公司', r.code ?? '', r.voucher ?? '', r.memo ?? ''].join(','))].join('\r\n') + '\r\n';
const csv = (rows: Row[]) => Buffer.from(csvText(rows), 'utf8');

/** Amounts unique to one test, so that statements of one test never find another's payments. */
let amountSeq = 0;
const amount = () => (700_000 + ++amountSeq * 137) * YUAN + amountSeq;

const upload = (token: string, bytes: Buffer, dryRun = false, contentType = OCTET) =>
  api.request('POST', `/statements${dryRun ? '?dryRun=true' : ''}`, { token, rawBody: bytes, contentType });

/** Every ledger item (entries, states, markers, idempotency records): what reconciliation must never change. */
const ledgerItems = async () => (await readTable(api.tableName)).filter((i) => String(i.pk).startsWith('PROJECT#') && !String(i.sk).startsWith('ALERT#'));

/** An inside-zone project of NJ-HTZ with province money transferred and paid on by the zone committee. */
async function paidProject(payments: { fen: number; paidOn: string }[], zoneId = 'NJ-HTZ') {
  const reg = registration2023({ zoneId, clusterId: zoneId === 'NJ-HTZ' ? 'NJ-BIO-2023' : 'SZ-BIO-2023' });
  const { id, l } = await registered(api, reg);
  const total = payments.reduce((t, p) => t + p.fen, 0);
  await l.allocateMatched(id, total);
  expectOk(await l.transfer(id, total, '2023-08-15'));
  const entries: { entryId: string; reference: string; fen: number; paidOn: string }[] = [];
  for (const p of payments) {
    const res = expectOk(await l.disburse(id, 'province', p.fen, p.paidOn));
    entries.push({ entryId: res.body.entry.entryId, reference: res.body.entry.reference, fen: p.fen, paidOn: p.paidOn });
  }
  return { id, reg, l, owner: reg.owner.creditCode, entries };
}

const lineOf = (res: TestResponse, lineNo: number) => (res.body.lines as { lineNo: number }[]).find((x) => x.lineNo === lineNo) as any;

describe('POST /statements: dry run, store, the same file again', () => {
  it('matches by voucher and by payee and date, names what is left; a dry run stores nothing; storing changes no ledger item', async () => {
    const a = amount();
    const b = amount();
    const c = amount();
    const p = await paidProject([{ fen: a, paidOn: '2023-09-15' }, { fen: b, paidOn: '2023-09-20' }, { fen: c, paidOn: '2023-09-22' }]);
    const l = p.l;
    const bytes = csv([
      { date: '2023-09-15', fen: a, code: null, voucher: p.entries[0]!.reference },
      { date: '2023-09-22', fen: b, code: p.owner, voucher: null },
      { date: '2023-09-23', fen: amount(), code: null, voucher: 'BANK-ONLY-1' },
    ]);
    const before = await readTable(api.tableName);
    const dry = await upload(l.zone, bytes, true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ statementId: sha(bytes), dryRun: true, account: 'zone:NJ-HTZ', format: 'csv', encoding: 'utf-8', matched: 2, statementOnly: 1 });
    expect(lineOf(dry, 1).match).toEqual({ entryId: p.entries[0]!.entryId, projectId: p.id, how: 'voucher' });
    expect(lineOf(dry, 2).match).toEqual({ entryId: p.entries[1]!.entryId, projectId: p.id, how: 'payee-date' });
    expect(lineOf(dry, 3)).toMatchObject({ match: null, unmatched: { reason: 'none', candidates: [] } });
    // c was paid within the statement's dates and no line says so.
    expect(dry.body.ledgerOnly.map((m: { entryId: string }) => m.entryId)).toEqual([p.entries[2]!.entryId]);
    expect(await readTable(api.tableName)).toEqual(before);

    const ledgerBefore = await ledgerItems();
    const stored = await upload(l.zone, bytes);
    expect(stored.status).toBe(201);
    expect(stored.headers.location).toBe(`/statements/${sha(bytes)}`);
    expect({ ...stored.body, dryRun: true, status: 'draft' }).toEqual(dry.body);
    expect(await ledgerItems()).toEqual(ledgerBefore);

    const again = await upload(l.zone2, bytes);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(stored.body);

    const read = expectOk(await api.request('GET', `/statements/${sha(bytes)}`, { token: l.auditor }));
    expect(read.body).toMatchObject({ statementId: sha(bytes), status: 'complete', uploadedBy: { sub: 'zc-NJ-HTZ', role: 'zone-committee' }, linesTotal: 3, linesDone: 3, matched: 2, statementOnly: 1, firstDate: '2023-09-15', lastDate: '2023-09-23', nextCursor: null, events: [] });
    expect(read.body.lines).toEqual(stored.body.lines);
    expect(read.body.ledgerOnly.map((m: { entryId: string }) => m.entryId)).toEqual([p.entries[2]!.entryId]);
  });

  it('a dry run of a statement stored already answers what is stored (200, nothing new)', async () => {
    const a = amount();
    const p = await paidProject([{ fen: a, paidOn: '2023-09-15' }]);
    const bytes = csv([{ date: '2023-09-16', fen: a, voucher: p.entries[0]!.reference }]);
    expect((await upload(p.l.zone, bytes)).status).toBe(201);
    const before = await readTable(api.tableName);
    const dry = await upload(p.l.zone, bytes, true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: false, status: 'complete', matched: 1 });
    expect(await readTable(api.tableName)).toEqual(before);
  });

  it('an XLSX statement (the template filled in) is read like its CSV', async () => {
    const a = amount();
    const p = await paidProject([{ fen: a, paidOn: '2023-10-08' }]);
    const template = expectOk(await api.request('GET', '/statements/template.xlsx', { token: p.l.zone }));
    expect(template.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(template.headers['content-disposition']).toContain(encodeURIComponent('对账单模板.xlsx'));
    const { newWorkbook, toBuffer } = await import('../../functions/lib/excel/workbook');
    const filled = await newWorkbook();
    const ws = filled.addWorksheet('对账单');
    ws.addRow(HEADER.split(','));
    ws.addRow(['2023-10-09', yuan(a), '南京某生物医药有限公司', '', p.entries[0]!.reference, '']);
    const bytes = await toBuffer(filled);
    const res = await upload(p.l.zone, bytes, true, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ format: 'xlsx', encoding: null, matched: 1 });
  });
});

describe('files that cannot be read are refused whole, nothing stored', () => {
  it('bad rows: 400 with one error per row and column', async () => {
    const bytes = Buffer.from(`${HEADER}\r\n2023-02-30,100.00,甲公司,,V1,\r\n2023-03-01,1.005,乙公司,,V2,\r\n2023-03-02,5.00,,,V3,\r\n`, 'utf8');
    const before = await readTable(api.tableName);
    const res = await upload(api.token('finance-officer'), bytes);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['rows.1.交易日期', 'rows.2.金额（元）', 'rows.3.收款人名称']);
    expect(res.body.errors[1].message).toContain('1.005');
    expect(await readTable(api.tableName)).toEqual(before);
  });

  it('GBK (a Chinese bank’s CSV) is read as GBK and matched', async () => {
    const a = amount();
    const p = await paidProject([{ fen: a, paidOn: '2023-10-10' }]);
    const bytes = encodeGbk(csvText([{ date: '2023-10-10', fen: a, payee: '南京某生物医药有限公司', voucher: p.entries[0]!.reference, memo: '项目拨款' }]));
    const res = await upload(p.l.zone, bytes, true);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ encoding: 'gbk', matched: 1 });
    expect(lineOf(res, 1)).toMatchObject({ payeeName: '南京某生物医药有限公司', memo: '项目拨款' });
  });

  it('mojibake (UTF-8 read as Latin-1 and saved again), UTF-16 and a GBK file converted the wrong way: 400 saying what to do', async () => {
    const good = csvText([{ date: '2023-10-10', fen: 10_000, payee: '工商银行', voucher: 'M-1' }]);
    const mangle = (text: string) => Buffer.from(Buffer.from(text, 'utf8').toString('latin1'), 'utf8').toString('utf8');
    const wholeFile = Buffer.from(mangle(good), 'utf8');
    const oneCell = Buffer.from(good.replace('工商银行', mangle('工商银行')), 'utf8');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good, 'utf16le')]);
    const before = await readTable(api.tableName);
    for (const bytes of [wholeFile, oneCell, utf16]) {
      const res = await upload(api.token('finance-officer'), bytes, true);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].message).toMatch(/乱码|UTF-16/);
    }
    const converted = Buffer.concat([Buffer.from(HEADER + '\r\n', 'utf8'), Buffer.from('2023-10-10,100.00,', 'utf8'), Buffer.from([0xb9, 0xa4, 0xc9, 0xcc]), Buffer.from(',,M-2,\r\n')]);
    const res = await upload(api.token('finance-officer'), converted, true);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('rows.0.文件');
    expect(await readTable(api.tableName)).toEqual(before);
  });

  it('more lines than a request body may carry: 400 naming the upload route', async () => {
    const rows = Array.from({ length: 2_001 }, (_, i) => ({ date: '2023-10-10', fen: 100 + i, voucher: `L-${i}` }));
    const res = await upload(api.token('finance-officer'), csv(rows), true);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toContain('POST /statements/uploads');
  });
});

describe('matching is one to one and never a guess', () => {
  it('a line that fits two payments, and two lines that fit one payment, stay unmatched and name their candidates', async () => {
    const a = amount();
    const b = amount();
    const p = await paidProject([{ fen: a, paidOn: '2023-11-01' }, { fen: a, paidOn: '2023-11-03' }, { fen: b, paidOn: '2023-11-10' }]);
    const res = await upload(p.l.zone, csv([
      { date: '2023-11-02', fen: a, code: p.owner },
      { date: '2023-11-10', fen: b, code: p.owner, memo: '一' },
      { date: '2023-11-11', fen: b, code: p.owner, memo: '二' },
    ]), true);
    expect(lineOf(res, 1)).toMatchObject({ match: null, unmatched: { reason: 'ambiguous', candidates: [p.entries[0]!.entryId, p.entries[1]!.entryId] } });
    expect(lineOf(res, 2)).toMatchObject({ match: null, unmatched: { reason: 'ambiguous', candidates: [p.entries[2]!.entryId] } });
    expect(lineOf(res, 3)).toMatchObject({ match: null, unmatched: { reason: 'ambiguous' } });
    expect(res.body.matched).toBe(0);
  });

  it('two statements stored at once claim a payment once: one line matched, the other taken', async () => {
    const a = amount();
    const p = await paidProject([{ fen: a, paidOn: '2023-11-15' }]);
    const one = csv([{ date: '2023-11-15', fen: a, voucher: p.entries[0]!.reference, memo: '网银' }]);
    // A day apart, so that whichever is stored second sees the payment taken, not a duplicate of the
    // first's line (the same date, amount, payee and voucher), however the two interleave.
    const two = csv([{ date: '2023-11-16', fen: a, voucher: p.entries[0]!.reference, memo: '柜台' }]);
    const [r1, r2] = await Promise.all([upload(p.l.zone, one), upload(p.l.zone, two)]);
    expect([r1.status, r2.status]).toEqual([201, 201]);
    const outcomes = [lineOf(r1, 1), lineOf(r2, 1)];
    expect(outcomes.filter((o) => o.match !== null)).toHaveLength(1);
    expect(outcomes.filter((o) => o.match === null).map((o) => o.unmatched.reason)).toEqual(['taken']);
    const rec = expectOk(await api.request('GET', `/reconciliation?projectId=${p.id}`, { token: p.l.auditor }));
    expect(rec.body.entries.find((e: { entryId: string }) => e.entryId === p.entries[0]!.entryId).statementLines).toHaveLength(1);
  });

  it('a reversed payment is no candidate', async () => {
    const a = amount();
    const p = await paidProject([{ fen: a, paidOn: '2023-11-20' }]);
    expectOk(await p.l.reverse(p.id, p.entries[0]!.entryId, p.l.zone2));
    const res = await upload(p.l.zone, csv([{ date: '2023-11-20', fen: a, voucher: p.entries[0]!.reference }]), true);
    expect(lineOf(res, 1)).toMatchObject({ match: null, unmatched: { reason: 'none' } });
  });

  it('the same bank line in an overlapping statement is a duplicate, not statement-only', async () => {
    const a = amount();
    const p = await paidProject([{ fen: a, paidOn: '2023-11-25' }]);
    const line = { date: '2023-11-25', fen: a, voucher: p.entries[0]!.reference };
    expectOk(await upload(p.l.zone, csv([line])));
    const res = await upload(p.l.zone, csv([line, { date: '2023-11-26', fen: amount(), voucher: 'OTHER' }]));
    expect(lineOf(res, 1)).toMatchObject({ match: null, unmatched: { reason: 'duplicate', duplicateOf: { statementId: sha(csv([line])), lineNo: 1 } } });
    expect(res.body.statementOnly).toBe(1);
  });
});

describe('manual matches and undos, four-eyes', () => {
  async function storedWithOpenLine() {
    const a = amount();
    const p = await paidProject([{ fen: a, paidOn: '2023-12-01' }, { fen: a, paidOn: '2023-12-02' }]);
    const bytes = csv([{ date: '2023-12-05', fen: a, voucher: '网银-7731' }]);
    const stored = expectOk(await upload(p.l.zone, bytes));
    return { ...p, statementId: stored.body.statementId as string, fen: a };
  }
  const match = (token: string, statementId: string, body: unknown) => api.request('POST', `/statements/${statementId}/matches`, { token, body });
  const undo = (token: string, statementId: string, lineNo: number, reason: string) => api.request('POST', `/statements/${statementId}/matches/${lineNo}/undo`, { token, body: { reason } });

  it('refusals: the uploader (four-eyes), another role, another zone, a city bureau, no reason, no such line, another amount, another account, a reversed entry', async () => {
    const s = await storedWithOpenLine();
    const body = { lineNo: 1, entryId: s.entries[0]!.entryId, reason: '回单核对：同一笔' };
    const other = await paidProject([{ fen: amount(), paidOn: '2023-12-03' }]);
    const before = await readTable(api.tableName);
    const sz = ledger(api, 'SZ-SIP');
    const four = await match(s.l.zone, s.statementId, body);
    expect([four.status, four.body.rule]).toEqual([422, 'four-eyes']);
    expect((await match(s.l.finance, s.statementId, body)).status).toBe(403);
    expect((await match(sz.zone, s.statementId, body)).status).toBe(404);
    expect((await match(s.l.cityBureau, s.statementId, body)).status).toBe(403);
    const blank = await match(s.l.zone2, s.statementId, { ...body, reason: '  ' });
    expect([blank.status, blank.body.errors[0].path]).toEqual([400, 'reason']);
    expect((await match(s.l.zone2, s.statementId, { ...body, lineNo: 9 })).status).toBe(404);
    expect((await match(s.l.zone2, s.statementId, { ...body, entryId: `${s.id}.999` })).status).toBe(404);
    const amountMismatch = await match(s.l.zone2, s.statementId, { ...body, entryId: other.entries[0]!.entryId });
    expect([amountMismatch.status, amountMismatch.body.rule]).toEqual([422, 'amount-mismatch']);
    // The transfer left the province's account, not the zone's.
    const history = expectOk(await api.request('GET', `/projects/${s.id}/history`, { token: s.l.auditor })).body.entries as { entryId: string; type: string }[];
    const transfer = history.find((e) => e.type === 'transfer')!.entryId;
    const accountMismatch = await match(s.l.zone2, s.statementId, { ...body, entryId: transfer });
    expect([accountMismatch.status, accountMismatch.body.rule]).toEqual([422, 'account-mismatch']);
    const notMatched = await undo(s.l.zone2, s.statementId, 1, '误操作');
    expect([notMatched.status, notMatched.body.rule]).toEqual([409, 'line-not-matched']);
    expect(await readTable(api.tableName)).toEqual(before);
    expectOk(await s.l.reverse(s.id, s.entries[1]!.entryId, s.l.zone2));
    const reversed = await match(s.l.zone2, s.statementId, { ...body, entryId: s.entries[1]!.entryId });
    expect([reversed.status, reversed.body.rule]).toEqual([409, 'entry-reversed']);
  });

  it('another person of the uploader’s role matches, undoes and matches again: each kept with who, when and why; the ledger never changes', async () => {
    const s = await storedWithOpenLine();
    const ledgerBefore = await ledgerItems();
    const first = await match(s.l.zone2, s.statementId, { lineNo: 1, entryId: s.entries[0]!.entryId, reason: '回单号 7731 对应 12月1日拨付' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ line: { lineNo: 1, match: { entryId: s.entries[0]!.entryId, projectId: s.id, how: 'manual' }, unmatched: null }, event: { kind: 'match', by: { sub: 'zc2-NJ-HTZ', role: 'zone-committee' }, reason: '回单号 7731 对应 12月1日拨付' } });
    const again = await match(s.l.zone2, s.statementId, { lineNo: 1, entryId: s.entries[1]!.entryId, reason: '再对一次' });
    expect([again.status, again.body.rule]).toEqual([409, 'line-already-matched']);

    // A second statement's line cannot take the entry the first holds.
    const second = expectOk(await upload(s.l.zone, csv([{ date: '2023-12-06', fen: s.fen, voucher: '网银-9999' }])));
    const taken = await match(s.l.zone2, second.body.statementId, { lineNo: 1, entryId: s.entries[0]!.entryId, reason: '同一笔' });
    expect([taken.status, taken.body.rule]).toEqual([409, 'entry-already-matched']);

    const undone = await undo(s.l.zone2, s.statementId, 1, '对错了：应为12月2日那笔');
    expect(undone.status).toBe(201);
    // The rule had found nothing for the line (its 凭证号 is the bank's own): that is why it is open again.
    expect(undone.body).toMatchObject({ line: { match: null, unmatched: { reason: 'none' } }, event: { kind: 'undo', entryId: s.entries[0]!.entryId, reason: '对错了：应为12月2日那笔' } });
    expectOk(await match(s.l.zone2, s.statementId, { lineNo: 1, entryId: s.entries[1]!.entryId, reason: '12月2日拨付' }));
    // The entry undone is free again: the second statement may have it now.
    expectOk(await match(s.l.zone2, second.body.statementId, { lineNo: 1, entryId: s.entries[0]!.entryId, reason: '同一笔' }));

    const read = expectOk(await api.request('GET', `/statements/${s.statementId}`, { token: s.l.finance }));
    expect(read.body.events.map((e: { kind: string; entryId: string; by: { sub: string } }) => [e.kind, e.entryId, e.by.sub])).toEqual([
      ['match', s.entries[0]!.entryId, 'zc2-NJ-HTZ'], ['undo', s.entries[0]!.entryId, 'zc2-NJ-HTZ'], ['match', s.entries[1]!.entryId, 'zc2-NJ-HTZ'],
    ]);
    expect(read.body.events.every((e: { at: string }) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
    expect(lineOf(read, 1).match).toEqual({ entryId: s.entries[1]!.entryId, projectId: s.id, how: 'manual' });
    expect(await ledgerItems()).toEqual(ledgerBefore);
  });
});

describe('who may do what', () => {
  let zoneStatement: string;
  let provinceStatement: string;
  let p: Awaited<ReturnType<typeof paidProject>>;
  beforeAll(async () => {
    p = await paidProject([{ fen: amount(), paidOn: '2024-01-05' }]);
    zoneStatement = expectOk(await upload(p.l.zone, csv([{ date: '2024-01-05', fen: p.entries[0]!.fen, voucher: p.entries[0]!.reference }]))).body.statementId;
    provinceStatement = expectOk(await upload(p.l.finance, csv([{ date: '2024-01-06', fen: amount(), voucher: 'PROV-ONLY' }]))).body.statementId;
  });

  it('uploads: finance officers (the province’s account) and zone committees (their zone’s); no one else', async () => {
    const bytes = csv([{ date: '2024-01-07', fen: amount(), voucher: 'X' }]);
    const l = ledger(api, 'NJ-HTZ');
    for (const token of [l.admin, l.auditor, l.cityBureau]) {
      expect((await upload(token, bytes, true)).status).toBe(403);
      expect((await api.request('POST', '/statements/uploads', { token, body: { contentType: 'text/csv', sizeBytes: bytes.length, sha256: sha(bytes) } })).status).toBe(403);
      expect((await api.request('POST', `/statements/uploads/${sha(bytes)}/complete`, { token })).status).toBe(403);
    }
    expect((await upload(l.finance, bytes, true)).body.account).toBe('province');
    expect((await upload(l.zone, bytes, true)).body.account).toBe('zone:NJ-HTZ');
  });

  it('reads: a zone committee sees only its own zone’s statements (another’s is a 404, like an unknown id); city bureaus none', async () => {
    const nj = ledger(api, 'NJ-HTZ');
    const sz = ledger(api, 'SZ-SIP');
    for (const token of [nj.finance, nj.admin, nj.auditor, nj.zone]) expect((await api.request('GET', `/statements/${zoneStatement}`, { token })).status).toBe(200);
    const unknown = await api.request('GET', `/statements/${'0'.repeat(64)}`, { token: sz.zone });
    const other = await api.request('GET', `/statements/${zoneStatement}`, { token: sz.zone });
    expect([other.status, other.body.detail.replace(zoneStatement, 'X')]).toEqual([404, unknown.body.detail.replace('0'.repeat(64), 'X')]);
    expect((await api.request('GET', `/statements/${provinceStatement}`, { token: nj.zone })).status).toBe(404);
    expect((await api.request('GET', `/statements/${zoneStatement}`, { token: nj.cityBureau })).status).toBe(403);
    expect((await api.request('GET', '/statements/not-a-hash', { token: nj.auditor })).status).toBe(400);

    const own = expectOk(await api.request('GET', '/statements', { token: nj.zone })).body.statements as { statementId: string; zoneId: string }[];
    expect(own.map((x) => x.statementId)).toContain(zoneStatement);
    expect(own.every((x) => x.zoneId === 'NJ-HTZ')).toBe(true);
    expect(expectOk(await api.request('GET', '/statements', { token: sz.zone })).body.statements.map((x: { statementId: string }) => x.statementId)).not.toContain(zoneStatement);
    expect((await api.request('GET', '/statements?zoneId=NJ-HTZ', { token: sz.zone })).status).toBe(403);
    expect((await api.request('GET', '/statements', { token: nj.cityBureau })).status).toBe(403);
    const all = expectOk(await api.request('GET', '/statements?limit=500', { token: nj.auditor })).body.statements.map((x: { statementId: string }) => x.statementId);
    expect(all).toEqual(expect.arrayContaining([zoneStatement, provinceStatement]));
    for (const token of [nj.finance, nj.admin, nj.auditor, nj.zone]) expect((await api.request('GET', '/statements/template.xlsx', { token })).status).toBe(200);
    expect((await api.request('GET', '/statements/template.xlsx', { token: nj.cityBureau })).status).toBe(403);
  });

  it('GET /reconciliation: a zone committee its zone’s account only, never another zone’s lines; the others by zone or all', async () => {
    const nj = ledger(api, 'NJ-HTZ');
    const sz = ledger(api, 'SZ-SIP');
    const q = '?from=2024-01-01&to=2024-01-31';
    const own = expectOk(await api.request('GET', `/reconciliation${q}`, { token: nj.zone })).body;
    expect(own.entries.find((e: { entryId: string }) => e.entryId === p.entries[0]!.entryId)).toMatchObject({ reconciled: true, account: 'zone:NJ-HTZ', statementLines: [{ statementId: zoneStatement, lineNo: 1, how: 'voucher' }] });
    expect(own.entries.every((e: { account: string }) => e.account === 'zone:NJ-HTZ')).toBe(true);
    expect(own.statementOnly.every((x: { account: string }) => x.account === 'zone:NJ-HTZ')).toBe(true);
    const theirs = expectOk(await api.request('GET', `/reconciliation${q}`, { token: sz.zone })).body;
    expect(theirs.entries.map((e: { entryId: string }) => e.entryId)).not.toContain(p.entries[0]!.entryId);
    expect(theirs.statementOnly.map((x: { statementId: string }) => x.statementId)).not.toContain(provinceStatement);
    expect((await api.request('GET', `/reconciliation${q}&zoneId=NJ-HTZ`, { token: sz.zone })).status).toBe(403);
    expect((await api.request('GET', `/reconciliation?projectId=${p.id}`, { token: sz.zone })).status).toBe(404);
    expect((await api.request('GET', `/reconciliation${q}`, { token: nj.cityBureau })).status).toBe(403);
    const everyone = expectOk(await api.request('GET', `/reconciliation${q}`, { token: nj.finance })).body;
    expect(everyone.statementOnly.map((x: { statementId: string }) => x.statementId)).toContain(provinceStatement);
    expect((await api.request('GET', '/reconciliation?from=2024-02-01&to=2024-01-01', { token: nj.auditor })).status).toBe(400);
    expect((await api.request('GET', '/reconciliation?from=2022-01-01&to=2024-01-01', { token: nj.auditor })).status).toBe(400);
  });
});

describe('large statements: uploaded like evidence, run in the background', () => {
  async function uploadFile(token: string, bytes: Buffer): Promise<string> {
    const declared = await api.request('POST', '/statements/uploads', { token, body: { contentType: 'text/csv', sizeBytes: bytes.length, sha256: sha(bytes) } });
    expect(declared.status).toBe(201);
    const put = await fetch(declared.body.uploadUrl, { method: 'PUT', headers: declared.body.uploadHeaders, body: new Uint8Array(bytes) });
    expect(put.status).toBe(200);
    return declared.body.statementId;
  }
  async function finished(token: string, statementId: string): Promise<TestResponse> {
    for (;;) {
      const res = expectOk(await api.request('GET', `/statements/${statementId}?limit=10`, { token }));
      if (res.body.status !== 'processing') return res;
      expect(res.body.linesDone).toBeLessThanOrEqual(res.body.linesTotal);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('1,500 lines: a dry run leaves a draft that claims nothing, then stored; progress readable; nothing uploaded is a 409', async () => {
    const a = amount();
    const p = await paidProject([{ fen: a, paidOn: '2024-02-01' }]);
    const rows: Row[] = [{ date: '2024-02-01', fen: a, voucher: p.entries[0]!.reference }];
    for (let i = 0; i < 1_499; i++) rows.push({ date: '2024-02-02', fen: 5_000_000 + i, voucher: `BULK-${amountSeq}-${i}` });
    const bytes = csv(rows);
    const statementId = await uploadFile(p.l.zone, bytes);

    const trial = await api.request('POST', `/statements/uploads/${statementId}/complete?dryRun=true`, { token: p.l.zone, body: { fileName: '工行对账单.csv' } });
    expect(trial.status).toBe(202);
    expect(trial.body).toMatchObject({ statementId, status: 'processing', linesTotal: 1_500 });
    const draft = await finished(p.l.zone, statementId);
    expect(draft.body).toMatchObject({ status: 'draft', linesDone: 1_500, matched: 1, statementOnly: 1_499 });
    expect(draft.body.nextCursor).not.toBeNull();
    const rec = expectOk(await api.request('GET', `/reconciliation?projectId=${p.id}`, { token: p.l.zone })).body;
    expect(rec.entries.find((e: { entryId: string }) => e.entryId === p.entries[0]!.entryId).reconciled).toBe(false);
    expect((await api.request('GET', '/statements?limit=500', { token: p.l.zone })).body.statements.map((x: { statementId: string }) => x.statementId)).not.toContain(statementId);

    const ledgerBefore = await ledgerItems();
    const store = await api.request('POST', `/statements/uploads/${statementId}/complete`, { token: p.l.zone });
    expect(store.status).toBe(202);
    const done = await finished(p.l.zone, statementId);
    expect(done.body).toMatchObject({ status: 'complete', fileName: '工行对账单.csv', linesTotal: 1_500, linesDone: 1_500, matched: 1, statementOnly: 1_499 });
    const page2 = expectOk(await api.request('GET', `/statements/${statementId}?limit=10&cursor=${done.body.nextCursor}`, { token: p.l.zone }));
    expect(page2.body.lines.map((x: { lineNo: number }) => x.lineNo)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    const after = expectOk(await api.request('GET', `/reconciliation?projectId=${p.id}`, { token: p.l.zone })).body;
    expect(after.entries.find((e: { entryId: string }) => e.entryId === p.entries[0]!.entryId).reconciled).toBe(true);
    expect(await ledgerItems()).toEqual(ledgerBefore);

    const again = await api.request('POST', '/statements/uploads', { token: p.l.zone, body: { contentType: 'text/csv', sizeBytes: bytes.length, sha256: statementId } });
    expect(again.body).toMatchObject({ statementId, status: 'complete', uploadUrl: null });
    const missing = await api.request('POST', `/statements/uploads/${'a'.repeat(64)}/complete`, { token: p.l.zone });
    expect(missing.status).toBe(409);

    // An automatic match undone by a second person: the line says so, the payment is open again.
    const undone = await api.request('POST', `/statements/${statementId}/matches/1/undo`, { token: p.l.zone2, body: { reason: '银行更正：此行为退票' } });
    expect(undone.status).toBe(201);
    expect(undone.body.line.unmatched).toEqual({ reason: 'undone', candidates: [p.entries[0]!.entryId], duplicateOf: null });
    const reopened = expectOk(await api.request('GET', `/reconciliation?projectId=${p.id}`, { token: p.l.zone })).body;
    expect(reopened.entries.find((e: { entryId: string }) => e.entryId === p.entries[0]!.entryId).reconciled).toBe(false);
  }, 240_000);

  it('an uploaded file with a bad row is refused on completion (400), nothing kept', async () => {
    const bytes = Buffer.from(`${HEADER}\r\n2024-02-30,1.00,甲,,V,\r\n`, 'utf8');
    const statementId = await uploadFile(api.token('finance-officer'), bytes);
    const before = await readTable(api.tableName);
    const res = await api.request('POST', `/statements/uploads/${statementId}/complete`, { token: api.token('finance-officer') });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('rows.1.交易日期');
    expect(await readTable(api.tableName)).toEqual(before);
  });
});

describe('alerts through the sweep', () => {
  /**
   * The daily sweep as the scheduled function runs it (no 10 s limit of an API function): by now
   * this table holds the 1,500-line statement's unmatched lines, each an alert to raise, and in a
   * full run the emulator holds every earlier file's tables too. The route itself is alerts.test's.
   */
  const sweepOf = async (asOf: string) => {
    const { runSweep } = await import('../../functions/lib/alerts/sweep');
    return runSweep(asOf, new Date(), { publish: async () => undefined }, { publishOlderThanMs: 0 });
  };

  it('unrecorded-payment per unmatched line and unreconciled-payment per project, resolved once matched', async () => {
    const sz = ledger(api, 'SZ-SIP');
    const a = amount();
    const p = await paidProject([{ fen: a, paidOn: '2024-03-01' }], 'SZ-SIP');
    const bank = amount();
    const bytes = csv([{ date: '2024-03-05', fen: bank, voucher: 'BANK-ONLY' }, { date: '2024-03-06', fen: a, voucher: '网银-3' }]);
    const statementId = expectOk(await upload(sz.zone, bytes)).body.statementId as string;
    // The province's transfer to the zone is on the province's statement (other tests store province statements too).
    const history = expectOk(await api.request('GET', `/projects/${p.id}/history`, { token: sz.auditor })).body.entries as { type: string; reference: string; valueDate: string }[];
    const transfer = history.find((e) => e.type === 'transfer')!;
    expect(expectOk(await upload(sz.finance, csv([{ date: transfer.valueDate, fen: a, voucher: transfer.reference }]))).body.matched).toBe(1);
    const asOf = '2024-04-15';
    await sweepOf(asOf);
    const open = async () => expectOk(await api.request('GET', '/alerts?status=open&zoneId=SZ-SIP&limit=500', { token: sz.auditor })).body.alerts as any[];
    let alerts = await open();
    const unrecorded = alerts.filter((x) => x.kind === 'unrecorded-payment' && x.statementId === statementId);
    expect(unrecorded.map((x) => [x.lineNo, x.gapFen, x.projectId, x.funder, x.alertId])).toEqual([
      [1, bank, null, 'zone', `${statementId}.1.unrecorded-payment.${asOf}`],
      [2, a, null, 'zone', `${statementId}.2.unrecorded-payment.${asOf}`],
    ]);
    const unreconciled = alerts.find((x) => x.kind === 'unreconciled-payment' && x.projectId === p.id);
    expect(unreconciled).toMatchObject({ gapFen: a, daysOverdue: 15, responsible: 'zone', alertId: `${p.id}.unreconciled-payment.project.${asOf}` });
    // A zone committee of another zone sees none of them.
    const nj = expectOk(await api.request('GET', '/alerts?status=open&limit=500', { token: ledger(api, 'NJ-HTZ').zone })).body.alerts as any[];
    expect(nj.filter((x) => x.statementId === statementId || x.projectId === p.id)).toEqual([]);

    expectOk(await api.request('POST', `/statements/${statementId}/matches`, { token: sz.zone2, body: { lineNo: 2, entryId: p.entries[0]!.entryId, reason: '网银回单 3 即此笔' } }));
    await sweepOf('2024-04-16');
    alerts = await open();
    expect(alerts.filter((x) => x.statementId === statementId).map((x) => x.lineNo)).toEqual([1]);
    expect(alerts.find((x) => x.kind === 'unreconciled-payment' && x.projectId === p.id)).toBeUndefined();
    const resolved = expectOk(await api.request('GET', `/alerts?status=resolved&projectId=${p.id}&kind=unreconciled-payment`, { token: sz.auditor })).body.alerts;
    expect(resolved).toEqual([expect.objectContaining({ alertId: `${p.id}.unreconciled-payment.project.${asOf}`, resolvedOn: '2024-04-16' })]);
  }, 240_000);
});

describe('entries of an earlier release: the backfill', () => {
  async function forget(entryIds: string[]): Promise<void> {
    const gone = new Set(entryIds);
    const client = rawClient();
    try {
      for (const item of await readTable(api.tableName)) {
        if (String(item.pk).startsWith('RECON#') && gone.has(item.entryId)) await client.send(new DeleteCommand({ TableName: api.tableName, Key: { pk: item.pk, sk: item.sk } }));
      }
    } finally {
      client.destroy();
    }
  }

  it('writes the missing movements (reversed ones reversed, before or after the release), leaves a matched one alone, and is safe to run again', async () => {
    const [a, b, c, d] = [amount(), amount(), amount(), amount()];
    const p = await paidProject([{ fen: a, paidOn: '2024-05-02' }, { fen: b, paidOn: '2024-05-03' }, { fen: c, paidOn: '2024-05-04' }, { fen: d, paidOn: '2024-05-06' }]);
    const [ea, eb, ec, ed] = p.entries as [typeof p.entries[0], typeof p.entries[0], typeof p.entries[0], typeof p.entries[0]];
    // b reversed before the release; c matched since; a and b lose their items, as entries written
    // before this release never had them; d is reversed after the release, its movement missing.
    expectOk(await p.l.reverse(p.id, eb.entryId, p.l.zone2));
    const matchedStatement = csv([{ date: '2024-05-04', fen: c, voucher: ec.reference }]);
    expectOk(await upload(p.l.zone, matchedStatement));
    await forget([ea.entryId, eb.entryId, ed.entryId]);
    expectOk(await p.l.reverse(p.id, ed.entryId, p.l.zone2));

    const before = expectOk(await api.request('GET', `/reconciliation?projectId=${p.id}`, { token: p.l.auditor })).body.entries.map((e: { entryId: string }) => e.entryId);
    expect(before).not.toContain(ea.entryId);
    const refused = await api.request('POST', `/statements/${sha(matchedStatement)}/matches`, { token: p.l.zone2, body: { lineNo: 1, entryId: ea.entryId, reason: '旧记录' } });
    expect(refused.status).toBe(409);
    const ledgerBefore = await ledgerItems();

    const first = await backfillMovements();
    expect([first.written, first.reversed]).toEqual([3, 2]);
    const after = expectOk(await api.request('GET', `/reconciliation?projectId=${p.id}`, { token: p.l.auditor })).body.entries as { entryId: string; reconciled: boolean }[];
    expect(after.map((e) => [e.entryId, e.reconciled])).toEqual(expect.arrayContaining([[ea.entryId, false], [ec.entryId, true]]));
    expect(after.map((e) => e.entryId)).not.toContain(eb.entryId);
    expect(after.map((e) => e.entryId)).not.toContain(ed.entryId);
    const found = await upload(p.l.zone, csv([{ date: '2024-05-02', fen: a, voucher: ea.reference }, { date: '2024-05-03', fen: b, voucher: eb.reference }, { date: '2024-05-06', fen: d, voucher: ed.reference }]), true);
    expect([lineOf(found, 1).match?.entryId, lineOf(found, 2).unmatched?.reason, lineOf(found, 3).unmatched?.reason]).toEqual([ea.entryId, 'none', 'none']);

    const tableBefore = await readTable(api.tableName);
    expect((await backfillMovements()).written).toBe(0);
    expect(await readTable(api.tableName)).toEqual(tableBefore);
    expect(await ledgerItems()).toEqual(ledgerBefore);
  });

  it('runs once per table for npm start: a marker says it ran to the end', async () => {
    const e = amount();
    const p = await paidProject([{ fen: e, paidOn: '2024-05-08' }]);
    await forget([p.entries[0]!.entryId]);
    expect((await backfillMovementsOnce())?.written).toBeGreaterThanOrEqual(1);
    await forget([p.entries[0]!.entryId]);
    expect(await backfillMovementsOnce()).toBeNull();
    const listed = expectOk(await api.request('GET', `/reconciliation?projectId=${p.id}`, { token: p.l.auditor })).body.entries.map((x: { entryId: string }) => x.entryId);
    expect(listed).not.toContain(p.entries[0]!.entryId);
  });

  it('on AWS the deploy’s seed custom resource runs it, once per table', async () => {
    const { handler } = await import('../../functions/handlers/seed-programs');
    const e = amount();
    const p = await paidProject([{ fen: e, paidOn: '2024-05-09' }]);
    await forget([p.entries[0]!.entryId]);
    // A table of an earlier release: no marker yet.
    const client = rawClient();
    try {
      await client.send(new DeleteCommand({ TableName: api.tableName, Key: { pk: 'RECON#BACKFILL', sk: 'DONE' } }));
    } finally {
      client.destroy();
    }
    const deploy = { RequestType: 'Update', ResourceProperties: {}, OldResourceProperties: {}, PhysicalResourceId: 'fundledger-seed-programs' } as never;
    expect(await handler(deploy)).toEqual({ PhysicalResourceId: 'fundledger-seed-programs' });
    const listed = expectOk(await api.request('GET', `/reconciliation?projectId=${p.id}`, { token: p.l.auditor })).body.entries.map((x: { entryId: string }) => x.entryId);
    expect(listed).toContain(p.entries[0]!.entryId);
    // The next deploy reads the marker and writes nothing.
    const before = await readTable(api.tableName);
    await handler(deploy);
    expect(await readTable(api.tableName)).toEqual(before);
  });
});
