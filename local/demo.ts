/**
 * Demo data for the local stack, loaded through the HTTP API as the console's ready identities
 * (local/identities.ts), so every entry is exactly what a client would have posted. Dates are
 * relative to `today` (a China business date) so that today's sweep shows every kind of alert.
 * Each project tells one story of the path of the money or of a project's life (see DEMO_STORIES).
 *
 * Idempotent within a day: fixed Idempotency-Keys (a retry replays), 409 on zones/clusters/projects
 * means "already there". Any other failure throws with the problem body.
 */
import { createHash } from 'node:crypto';
import { addDays, addMonths } from '../domain/dates';
import { formatYuan } from '../domain/money';
import { makeCreditCode } from '../domain/credit-code';
import { seedPrograms } from '../domain/programs/seed';
import { receiptPdf, statementCsv } from './demo-files';
import { LOCAL_IDENTITIES, mintLocalToken } from './identities';

export interface DemoTokens {
  admin: string;
  /** A second admin (different `sub`): approves what the first proposed (four-eyes). */
  admin2: string;
  /** Posts province allocations, transfers, decommitments. */
  financeOfficer: string;
  /** A second finance officer: reverses what the first posted (four-eyes). */
  financeOfficer2: string;
  /** zone-committee token per zoneId. */
  zone: Record<string, string>;
  /** city-bureau token per city. */
  city: Record<string, string>;
  auditor: string;
}

export const DEMO_ZONES = [
  { zoneId: 'NJ-HTZ', name: '南京高新技术产业开发区', city: '南京市', level: 'national' },
  { zoneId: 'SZ-SIP', name: '苏州工业园区', city: '苏州市', level: 'national' },
] as const;

/**
 * The demo's one program that is not a seed: the 2023 cluster rules, and every payment needs its
 * bank receipt within 15 days (`evidenceRequired`), so the demo shows the evidence-missing alert.
 * An operating choice the documents do not make; its basis says so.
 */
const RECEIPT_BASE = seedPrograms.find((p) => p.code === 'JS-2023-C')!;
export const DEMO_RECEIPT_PROGRAM = {
  ...RECEIPT_BASE,
  code: 'JS-2023-RCPT',
  name: '演示专项：付款须附银行回单（规则同 2023 年度集群试点）',
  basis:
    '演示数据，不是政策文件中的专项：资助规则与 JS-2023-C 相同（见其依据）。以下是本系统的操作选择，文件未作规定：' +
    '每笔拨付须在付款日后 15 天内上传银行回单，逾期未传即预警「缺少凭证」。' +
    '预算控制：每笔省级资金下达须指明预算指标；演示数据中的金额仅为示例。',
  evidenceRequired: ['disbursement' as const],
  evidenceGraceDays: 15,
};

export const DEMO_CLUSTERS = [
  { clusterId: 'NJ-BIO-2023', programCode: 'JS-2023-C', zoneId: 'NJ-HTZ', name: '南京高新区生物医药创新型产业集群', industry: '生物医药' },
  { clusterId: 'SZ-NANO-2021', programCode: 'JS-2021-CLUSTER', zoneId: 'SZ-SIP', name: '苏州工业园区纳米技术应用创新型产业集群', industry: '纳米技术' },
  { clusterId: 'NJ-AI-CITY', programCode: 'NJ-CITY-CLUSTER', zoneId: 'NJ-HTZ', name: '南京高新区人工智能市级创新型产业集群', industry: '人工智能' },
  { clusterId: 'NJ-MED-RCPT', programCode: 'JS-2023-RCPT', zoneId: 'NJ-HTZ', name: '南京高新区医疗器械集群（演示：付款须附回单）', industry: '医疗器械' },
] as const;

/** The demo project registered last: if it exists, the demo was loaded. */
export const DEMO_MARKER_PROJECT = 'NJ2024-0301';

export function makeDemoTokens(): DemoTokens {
  const token = (identityId: string) => mintLocalToken(LOCAL_IDENTITIES.find((i) => i.identityId === identityId)!).token;
  return {
    admin: token('admin'),
    admin2: token('admin-2'),
    financeOfficer: token('finance-officer'),
    financeOfficer2: token('finance-officer-2'),
    zone: Object.fromEntries(DEMO_ZONES.map((z) => [z.zoneId, token(`zone-committee-${z.zoneId}`)])),
    city: { 南京市: token('city-bureau-nanjing') },
    auditor: token('auditor'),
  };
}

export class DemoRequestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly problem: unknown,
  ) {
    super(`${method} ${path} → ${status}: ${problem === undefined || problem === '' ? '(empty body)' : typeof problem === 'string' ? problem : JSON.stringify(problem, null, 2)}`);
    this.name = 'DemoRequestError';
  }
}

interface CallOptions {
  /** Bearer token; none for a presigned upload URL, which carries its own. */
  token?: string;
  body?: unknown;
  /** A file as the body, with the headers it goes with (its content type, an upload URL's checksum). */
  file?: { bytes: Buffer; headers: Record<string, string> };
  idempotencyKey?: string;
  /** Statuses that count as success (default 200/201). */
  ok?: number[];
}

async function call<T = any>(baseUrl: string, method: string, path: string, opts: CallOptions): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { accept: 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.file?.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  const body = opts.file ? new Uint8Array(opts.file.bytes) : opts.body !== undefined ? JSON.stringify(opts.body) : undefined;
  const res = await fetch(baseUrl + path, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let answer: unknown = text;
  try {
    answer = text ? JSON.parse(text) : undefined;
  } catch {
    /* keep text */
  }
  if (!(opts.ok ?? [200, 201]).includes(res.status)) throw new DemoRequestError(method, path, res.status, answer);
  return { status: res.status, body: answer as T };
}

/** True when the demo's last project is already registered (persisted store). */
export async function isDemoLoaded(baseUrl: string, adminToken: string): Promise<boolean> {
  const { status } = await call(baseUrl, 'GET', `/projects/${DEMO_MARKER_PROJECT}`, { token: adminToken, ok: [200, 404] });
  return status === 200;
}

const YUAN = 100;
const W = 10_000 * YUAN; // 万元 in fen

/** The demo's budget indicator (预算指标) of a program and fiscal year. The amounts are examples: the documents give no budget totals. */
const DEMO_INDICATOR_ISSUER: Record<string, string> = { 'JS-2021-CLUSTER': '苏财教', 'JS-2023-C': '苏财教', 'NJ-CITY-CLUSTER': '宁财教', 'JS-2023-RCPT': '苏财教' };
export const demoIndicatorNo = (programCode: string, fiscalYear: number): string => `${DEMO_INDICATOR_ISSUER[programCode] ?? '财'}〔${fiscalYear}〕指标${programCode}号`;
const DEMO_INDICATOR_WAN = 5_000;

/**
 * Every program's indicator for each fiscal year the stories allocate in (the oldest allocation is
 * about 1,300 days back), as the finance officer records them; the same body again answers 200.
 */
async function recordIndicators(baseUrl: string, tokens: DemoTokens, today: string): Promise<void> {
  const thisYear = Number(today.slice(0, 4));
  const firstYear = Number(addDays(today, -1300).slice(0, 4));
  for (const programCode of Object.keys(DEMO_INDICATOR_ISSUER)) {
    for (let fiscalYear = firstYear; fiscalYear <= thisYear; fiscalYear++) {
      const issuedOn = fiscalYear === thisYear ? `${fiscalYear}-01-01` : `${fiscalYear}-01-10`;
      await call(baseUrl, 'POST', '/budget-indicators', {
        token: tokens.financeOfficer,
        body: { indicatorNo: demoIndicatorNo(programCode, fiscalYear), fiscalYear, programCode, amountFen: DEMO_INDICATOR_WAN * W, issuedOn, reference: '演示数据：金额为示例' },
      });
    }
  }
}

type Funder = 'province' | 'zone';

/** A project's ledger, posted as the right person for each event, with replay-safe keys. */
class Story {
  /** Events posted so far per project: the Idempotency-Key of each is the project and its number. */
  private static counts = new Map<string, number>();
  constructor(private readonly url: string, private readonly t: DemoTokens, readonly projectId: string, readonly zoneId: string, readonly programCode: string) {}

  static reset(): void {
    Story.counts.clear();
  }

  private get n(): number {
    return Story.counts.get(this.projectId) ?? 0;
  }

  private async post(route: string, token: string, body: unknown): Promise<any> {
    const path = route === '' ? '/projects' : `/projects/${this.projectId}/${route}`;
    Story.counts.set(this.projectId, this.n + 1);
    const key = `demo-${this.projectId}-${this.n}`;
    return (await call(this.url, 'POST', path, { token, body, idempotencyKey: key, ok: route === '' ? [201, 409] : [201] })).body;
  }
  private get zone() {
    return this.t.zone[this.zoneId]!;
  }

  register(registration: unknown) {
    return this.post('', this.t.financeOfficer, registration);
  }
  /** Draws on the demo's budget indicator of the program and the value date's year (the seed programs are under budgetControl). */
  async allocate(amountFen: number, valueDate: string, reference: string): Promise<string> {
    const indicatorNo = demoIndicatorNo(this.programCode, Number(valueDate.slice(0, 4)));
    return (await this.post('allocations', this.t.financeOfficer, { amountFen, valueDate, reference, indicatorNo })).entry.entryId;
  }
  confirm(allocationEntryId: string | null, amountFen: number, valueDate: string) {
    return this.post('match-confirmations', this.zone, { ...(allocationEntryId ? { allocationEntryId } : {}), amountFen, valueDate, reference: `${this.zoneId}-配套-${this.n + 1}` });
  }
  transfer(amountFen: number, valueDate: string) {
    return this.post('transfers', this.t.financeOfficer, { amountFen, valueDate, reference: `苏财教下达〔${valueDate.slice(0, 4)}〕${this.n + 1}号` });
  }
  /** Inside the zone the zone committee pays both shares; outside, the province pays its own. */
  pay(funder: Funder, amountFen: number, paidOn: string, trancheId: string, outside = false) {
    return this.post('disbursements', outside ? this.t.financeOfficer : this.zone, { funder, amountFen, paidOn, reference: `拨付-${this.projectId}-${trancheId}`, trancheId });
  }
  /**
   * The bank receipt of a payment, as the zone committee that paid attaches it: declared, PUT to
   * its upload URL, then completed (checked and chained as an `evidence` entry).
   */
  async attachReceipt(payment: { entryId: string; amountFen: number; paidOn: string; trancheId: string }) {
    const bytes = receiptPdf([
      'DEMO BANK RECEIPT - demo data, not a real document',
      `Project: ${this.projectId}   Tranche: ${payment.trancheId}`,
      `Payer: zone account ${this.zoneId}`,
      `Amount: CNY ${formatYuan(payment.amountFen)}`,
      `Value date: ${payment.paidOn}`,
    ]);
    const ticket = await this.post('evidence', this.zone, {
      refersTo: payment.entryId, kind: 'payment-receipt', fileName: `回单-${this.projectId}-${payment.trancheId}.pdf`, contentType: 'application/pdf',
      sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    // The upload URL names the public address, which answers 503 until the demo is loaded: the same path and token through ours.
    const upload = new URL(ticket.uploadUrl);
    await call(this.url, 'PUT', upload.pathname + upload.search, { file: { bytes, headers: ticket.uploadHeaders }, ok: [200, 201, 204] });
    return this.post(`evidence/${ticket.evidenceId}/complete`, this.zone, undefined);
  }
  recover(funder: Funder, amountFen: number, valueDate: string, reason: string) {
    return this.post('recoveries', funder === 'province' ? this.t.financeOfficer : this.zone, { funder, amountFen, valueDate, reference: `缴回-${this.projectId}`, reason });
  }
  decommit(amounts: { provinceFen?: number; zoneFen?: number }, valueDate: string, reason: string) {
    return this.post('decommitments', this.t.financeOfficer, { ...amounts, valueDate, reference: `苏科资核减〔${valueDate.slice(0, 4)}〕${this.n + 1}号`, reason });
  }
  reverse(entryId: string, reason: string) {
    return this.post('reversals', this.t.financeOfficer2, { entryId, reason });
  }
  async exception(rule: string, limitFen: number, reference: string) {
    const proposal = await this.post('cap-exceptions', this.t.admin, { rule, limitFen, reference, reason: '经厅长办公会研究同意，项目技术先进、带动作用显著' });
    return this.post(`cap-exceptions/${proposal.entry.entryId}/approval`, this.t.admin2, {});
  }
  async adjust(change: unknown, reference: string, reason: string) {
    const proposal = await this.post('adjustments', this.t.financeOfficer, { ...(change as object), reference, reason });
    return this.post(`adjustments/${proposal.entry.entryId}/approval`, this.t.admin, {});
  }
  inspect(kind: 'mid-term' | 'supervision' | 'fund-use', inspectedOn: string, result: 'pass' | 'rectify' | 'fail', notes: string, by: string) {
    return this.post('inspections', by, { kind, inspectedOn, result, reference: `检查-${this.projectId}-${kind}`, notes });
  }
  hold(reason: string) {
    return this.post('holds', this.t.admin, { reason, reference: `苏科资暂停〔2026〕${this.n + 1}号` });
  }
  applyAcceptance(appliedOn: string) {
    return this.post('acceptance-applications', this.zone, { appliedOn, reference: `${this.zoneId}-验收申请` });
  }
  decideAcceptance(result: 'pass' | 'fail', decidedOn: string, by: string) {
    return this.post('acceptance-results', by, { result, decidedOn, reference: `宁科验〔${decidedOn.slice(0, 4)}〕${this.n + 1}号` });
  }
  async terminate(reason: string, recoveryDueFen: number, recoveryDueOn: string) {
    const proposal = await this.post('termination', this.t.admin, { reason, reference: `苏科资终止〔2026〕${this.n + 1}号`, recoveryDueFen, recoveryDueOn });
    return this.post(`termination/${proposal.entry.entryId}/approval`, this.t.admin2, {});
  }
}

interface ProjectSpec {
  projectId: string;
  programCode: string;
  clusterId: string;
  zoneId: string;
  insideZone: boolean;
  title: string;
  owner: string;
  code: string;
  newInvestmentYuan: number;
  provinceWan: number;
  zoneWan: number;
  /** Months of the period; the contract starts `startsAgoDays` before today. */
  months: number;
  startsAgoDays: number;
  /** Tranches: [id, funder, due in days from today (negative: past), 万元]. */
  tranches: [string, Funder, number, number][];
}

function registration(s: ProjectSpec, today: string) {
  const startsOn = addDays(today, -s.startsAgoDays);
  return {
    projectId: s.projectId,
    programCode: s.programCode,
    clusterId: s.clusterId,
    zoneId: s.zoneId,
    insideZone: s.insideZone,
    title: s.title,
    owner: { name: s.owner, creditCode: makeCreditCode(s.code) },
    newInvestmentFen: s.newInvestmentYuan * YUAN,
    contract: {
      signedOn: addDays(startsOn, -20),
      startsOn,
      endsOn: addDays(addMonths(startsOn, s.months), -1),
      provinceGrantFen: s.provinceWan * W,
      zoneGrantFen: s.zoneWan * W,
    },
    schedule: s.tranches.map(([trancheId, funder, dueIn, wan]) => ({ trancheId, funder, dueOn: addDays(today, dueIn), amountFen: wan * W })),
  };
}

/** The stories, in the order they are loaded (the marker project last). */
export const DEMO_STORIES: { projectId: string; story: string }[] = [
  { projectId: 'BA2023-0101', story: 'the whole path: plan document → zone matches in two parts and tops up above 1:1 → transfer → the zone pays both shares' },
  { projectId: 'BA2023-0102', story: 'money held at the zone: transferred 80 days ago, one third paid on (funds-held-at-zone, lag with the zone responsible)' },
  { projectId: 'BA2023-0103', story: 'pending match: a province allocation waiting 45 days for the zone (match-overdue)' },
  { projectId: 'BA2023-0104', story: 'at risk: tranches due in 7 and 10 days, only part confirmed (disbursement-at-risk)' },
  { projectId: 'BA2023-0105', story: 'approved exception: province cap 600 万元 raised to 700 万元 (four-eyes), contract adjusted, allocated' },
  { projectId: 'BA2023-0106', story: 'closed after acceptance: last payment after the period (afterPeriod), accepted by the Nanjing city bureau' },
  { projectId: 'BA2023-0107', story: 'on hold: mid-term inspection asked for rectification; transfers and payments suspended' },
  { projectId: 'OUT2023-0108', story: 'outside the zone: province adjustment support paid by the province directly' },
  { projectId: 'BA2021-0201', story: '2021 exact 1:1: paid in full; the owner returned misused money (recovery); a mistaken allocation reversed' },
  { projectId: 'BA2021-0202', story: 'lagging: tranches due 120 days ago, province money never transferred (lag, province responsible); part decommitted' },
  { projectId: 'BA2021-0203', story: 'terminated: four-eyes termination, pending money voided, 150 万元 to be recovered within 20 days' },
  { projectId: 'BA2023-0109', story: 'evidence: a program that requires the bank receipt of every payment; one paid with its receipt, one 30 days ago without (evidence-missing)' },
  { projectId: 'NJ2024-0301', story: 'Nanjing city cluster: 市级 money to the park, paid on by the park (市级 / 园区)' },
];

export interface DemoSummary {
  zones: string[];
  clusters: string[];
  projects: { projectId: string; story: string }[];
}

export async function loadDemo(baseUrl: string, tokens: DemoTokens, today: string): Promise<DemoSummary> {
  Story.reset();
  const d = (n: number): string => addDays(today, n);
  for (const zone of DEMO_ZONES) await call(baseUrl, 'POST', '/zones', { token: tokens.admin, body: zone, ok: [201, 409] });
  await call(baseUrl, 'POST', '/programs', { token: tokens.admin, body: DEMO_RECEIPT_PROGRAM, ok: [201, 409] });
  for (const cluster of DEMO_CLUSTERS) await call(baseUrl, 'POST', '/clusters', { token: tokens.admin, body: cluster, ok: [201, 409] });
  await recordIndicators(baseUrl, tokens, today);

  const nj2023 = { programCode: 'JS-2023-C', clusterId: 'NJ-BIO-2023', zoneId: 'NJ-HTZ', insideZone: true, months: 42 };
  const sz2021 = { programCode: 'JS-2021-CLUSTER', clusterId: 'SZ-NANO-2021', zoneId: 'SZ-SIP', insideZone: true, months: 42 };
  const story = async (spec: ProjectSpec, run: (s: Story) => Promise<void>) => {
    const s = new Story(baseUrl, tokens, spec.projectId, spec.zoneId, spec.programCode);
    await s.register(registration(spec, today));
    await run(s);
  };
  const nanjingBureau = tokens.city['南京市']!;

  // One provincial plan document funds three projects at once (each line its own allocation).
  const specs: Record<string, ProjectSpec> = {
    '0101': { ...nj2023, projectId: 'BA2023-0101', title: '新型mRNA疫苗递送系统产业化', owner: '南京启衡生物科技有限公司', code: '91320100MA1P00101', newInvestmentYuan: 45_000_000, provinceWan: 600, zoneWan: 750, startsAgoDays: 200, tranches: [['P1', 'province', -60, 300], ['P2', 'province', 400, 300], ['Z1', 'zone', -50, 400], ['Z2', 'zone', 400, 350]] },
    '0103': { ...nj2023, projectId: 'BA2023-0103', title: '高通量基因测序仪核心部件研发及产业化', owner: '南京澄源医疗器械有限公司', code: '91320100MA1P00103', newInvestmentYuan: 36_000_000, provinceWan: 500, zoneWan: 600, startsAgoDays: 100, tranches: [['P1', 'province', 90, 200], ['P2', 'province', 400, 300], ['Z1', 'zone', 90, 240], ['Z2', 'zone', 400, 360]] },
    '0104': { ...nj2023, projectId: 'BA2023-0104', title: '细胞治疗无血清培养基国产化', owner: '南京赛培生物技术有限公司', code: '91320100MA1P00104', newInvestmentYuan: 30_000_000, provinceWan: 300, zoneWan: 300, startsAgoDays: 80, tranches: [['P1', 'province', 7, 150], ['P2', 'province', 200, 150], ['Z1', 'zone', 10, 150], ['Z2', 'zone', 200, 150]] },
  };
  for (const spec of Object.values(specs)) await new Story(baseUrl, tokens, spec.projectId, spec.zoneId, spec.programCode).register(registration(spec, today));
  const documentNo = `苏财教〔${today.slice(0, 4)}〕12号`;
  const document = await call(baseUrl, 'POST', '/allocation-documents', {
    token: tokens.financeOfficer,
    body: { documentNo, issuedOn: d(-150), indicatorNo: demoIndicatorNo('JS-2023-C', Number(d(-150).slice(0, 4))), lines: [{ projectId: 'BA2023-0101', amountFen: 600 * W }, { projectId: 'BA2023-0103', amountFen: 200 * W }, { projectId: 'BA2023-0104', amountFen: 150 * W }] },
  });
  const lineEntry = (i: number) => (document.body as { lines: { entryId: string }[] }).lines[i]!.entryId;

  {
    const s = new Story(baseUrl, tokens, 'BA2023-0101', 'NJ-HTZ', 'JS-2023-C');
    await s.confirm(lineEntry(0), 240 * W, d(-140));
    await s.confirm(lineEntry(0), 360 * W, d(-120));
    await s.confirm(null, 150 * W, d(-110)); // above 1:1: the zone gives more, as the 2023 guide encourages
    await s.transfer(400 * W, d(-90));
    const p1 = await s.pay('province', 400 * W, d(-70), 'P1'); // all it received: 300 for P1, 100 towards P2
    const z1 = await s.pay('zone', 400 * W, d(-60), 'Z1');
    // The zone's bank receipts behind both payments, their SHA-256 in the chain.
    await s.attachReceipt({ entryId: p1.entry.entryId, amountFen: 400 * W, paidOn: d(-70), trancheId: 'P1' });
    await s.attachReceipt({ entryId: z1.entry.entryId, amountFen: 400 * W, paidOn: d(-60), trancheId: 'Z1' });
  }
  await story({ ...nj2023, projectId: 'BA2023-0102', title: '高端医疗影像设备关键部件产业化', owner: '南京影联医疗科技有限公司', code: '91320100MA1P00102', newInvestmentYuan: 36_000_000, provinceWan: 450, zoneWan: 450, startsAgoDays: 250, tranches: [['P1', 'province', -60, 300], ['P2', 'province', 300, 150], ['Z1', 'zone', -60, 300], ['Z2', 'zone', 300, 150]] }, async (s) => {
    const a = await s.allocate(450 * W, d(-200), '苏财教〔2025〕8号');
    await s.confirm(a, 450 * W, d(-180));
    await s.transfer(300 * W, d(-80));
    await s.pay('province', 100 * W, d(-40), 'P1');
    await s.pay('zone', 300 * W, d(-45), 'Z1');
    await s.decommit({ provinceFen: 20 * W, zoneFen: 20 * W }, d(-10), '核减：高新区预算调整，省地同比例核减');
  });
  {
    // Pending match overdue: a second allocation 45 days ago that the zone has not matched.
    const s = new Story(baseUrl, tokens, 'BA2023-0103', 'NJ-HTZ', 'JS-2023-C');
    await s.confirm(lineEntry(1), 240 * W, d(-140));
    await s.allocate(100 * W, d(-45), '苏财教〔2025〕15号');
  }
  {
    const s = new Story(baseUrl, tokens, 'BA2023-0104', 'NJ-HTZ', 'JS-2023-C');
    await s.confirm(lineEntry(2), 100 * W, d(-20)); // two thirds of the 150 万元 line confirmed, the rest still pending
  }
  await story({ ...nj2023, projectId: 'BA2023-0105', title: '国产高端质谱仪研发及产业化', owner: '南京谱析仪器有限公司', code: '91320100MA1P00105', newInvestmentYuan: 45_000_000, provinceWan: 600, zoneWan: 750, startsAgoDays: 120, tranches: [['P1', 'province', 60, 600], ['Z1', 'zone', 90, 750]] }, async (s) => {
    await s.exception('province-per-project', 700 * W, '苏科资〔2025〕88号 厅长办公会纪要');
    await s.adjust({ contract: { provinceGrantFen: 700 * W }, schedule: [
      { trancheId: 'P1', funder: 'province', dueOn: d(60), amountFen: 700 * W },
      { trancheId: 'Z1', funder: 'zone', dueOn: d(90), amountFen: 750 * W },
    ] }, '苏科资调〔2025〕3号', '经批准的例外：省级资助提高至 700 万元');
    const a = await s.allocate(700 * W, d(-30), '苏财教〔2025〕21号');
    await s.confirm(a, 750 * W, d(-20));
  });
  await story({ ...nj2023, projectId: 'BA2023-0106', title: '生物可降解血管支架产业化', owner: '南京润脉生物材料有限公司', code: '91320100MA1P00106', newInvestmentYuan: 30_000_000, provinceWan: 400, zoneWan: 400, startsAgoDays: 42 * 30 + 10, tranches: [['P1', 'province', -900, 200], ['P2', 'province', -200, 200], ['Z1', 'zone', -900, 200], ['Z2', 'zone', -200, 200]] }, async (s) => {
    const a = await s.allocate(400 * W, d(-1200), '苏财教〔2023〕31号');
    await s.confirm(a, 400 * W, d(-1190));
    await s.transfer(400 * W, d(-1000));
    await s.pay('province', 200 * W, d(-905), 'P1');
    await s.pay('zone', 200 * W, d(-905), 'Z1');
    await s.pay('zone', 200 * W, d(-210), 'Z2');
    await s.inspect('mid-term', d(-600), 'pass', '中期检查：进度符合合同', nanjingBureau);
    await s.pay('province', 200 * W, d(-5), 'P2'); // after the period: late, recorded with afterPeriod
    await s.applyAcceptance(d(-4));
    await s.decideAcceptance('pass', d(-1), nanjingBureau);
  });
  await story({ ...nj2023, projectId: 'BA2023-0107', title: '智能康复外骨骼机器人产业化', owner: '南京行健智能科技有限公司', code: '91320100MA1P00107', newInvestmentYuan: 24_000_000, provinceWan: 300, zoneWan: 300, startsAgoDays: 540, tranches: [['P1', 'province', -300, 150], ['P2', 'province', 200, 150], ['Z1', 'zone', -300, 150], ['Z2', 'zone', 200, 150]] }, async (s) => {
    const a = await s.allocate(300 * W, d(-500), '苏财教〔2025〕5号');
    await s.confirm(a, 300 * W, d(-490));
    await s.transfer(150 * W, d(-320));
    await s.pay('province', 150 * W, d(-310), 'P1');
    await s.pay('zone', 150 * W, d(-310), 'Z1');
    await s.inspect('mid-term', d(-15), 'rectify', '中期检查：配套资金使用不规范，限期整改', nanjingBureau);
    await s.hold('中期检查要求整改，暂停拨付');
  });
  await story({ ...nj2023, projectId: 'OUT2023-0108', insideZone: false, title: '工业级激光雷达产业化（区外调剂支持）', owner: '南京雷感光电科技有限公司', code: '91320100MA1P00108', newInvestmentYuan: 9_000_000, provinceWan: 200, zoneWan: 0, startsAgoDays: 300, tranches: [['P1', 'province', -100, 100], ['P2', 'province', 200, 100]] }, async (s) => {
    await s.allocate(200 * W, d(-260), '苏财教〔2025〕9号');
    await s.pay('province', 100 * W, d(-110), 'P1', true);
  });
  await story({ ...sz2021, projectId: 'BA2021-0201', title: '纳米压印光刻关键材料与装备产业化', owner: '苏州纳锐微纳科技有限公司', code: '91320594MA1P00201', newInvestmentYuan: 30_000_000, provinceWan: 400, zoneWan: 400, startsAgoDays: 400, tranches: [['P1', 'province', -300, 400], ['Z1', 'zone', -280, 400]] }, async (s) => {
    const a = await s.allocate(350 * W, d(-380), '苏财教〔2024〕3号');
    await s.confirm(a, 350 * W, d(-370));
    const mistaken = await s.allocate(50 * W, d(-365), '苏财教〔2024〕3号（重复录入）');
    await s.reverse(mistaken, '重复下达，冲销（复核人：李强）');
    const b = await s.allocate(50 * W, d(-360), '苏财教〔2024〕6号');
    await s.confirm(b, 50 * W, d(-355));
    await s.transfer(400 * W, d(-330));
    await s.pay('province', 400 * W, d(-310), 'P1');
    await s.pay('zone', 400 * W, d(-290), 'Z1');
    await s.recover('province', 30 * W, d(-30), '专项审计发现部分资金用于非项目支出，责令缴回');
  });
  await story({ ...sz2021, projectId: 'BA2021-0202', title: '碳纳米管导电浆料规模化制备', owner: '苏州碳衡新材料有限公司', code: '91320594MA1P00202', newInvestmentYuan: 30_000_000, provinceWan: 500, zoneWan: 500, startsAgoDays: 380, tranches: [['P1', 'province', -120, 250], ['P2', 'province', 300, 250], ['Z1', 'zone', -120, 250], ['Z2', 'zone', 300, 250]] }, async (s) => {
    const a = await s.allocate(500 * W, d(-200), '苏财教〔2025〕2号');
    await s.confirm(a, 500 * W, d(-190));
    await s.pay('zone', 100 * W, d(-125), 'Z1');
    await s.decommit({ provinceFen: 50 * W, zoneFen: 50 * W }, d(-30), '项目调整，核减 2026 年度未拨资金');
  });
  await story({ ...sz2021, projectId: 'BA2021-0203', title: '高性能纳米银线透明导电膜', owner: '苏州晶导纳米材料有限公司', code: '91320594MA1P00203', newInvestmentYuan: 24_000_000, provinceWan: 400, zoneWan: 400, startsAgoDays: 500, tranches: [['P1', 'province', -400, 200], ['P2', 'province', 100, 200], ['Z1', 'zone', -400, 200], ['Z2', 'zone', 100, 200]] }, async (s) => {
    const a = await s.allocate(200 * W, d(-450), '苏财教〔2024〕7号');
    await s.confirm(a, 200 * W, d(-440));
    await s.transfer(200 * W, d(-420));
    await s.pay('province', 200 * W, d(-410), 'P1');
    await s.pay('zone', 200 * W, d(-405), 'Z1');
    await s.allocate(200 * W, d(-100), '苏财教〔2025〕19号'); // pending when terminated: voided
    await s.terminate('企业经营异常，项目无法继续实施', 150 * W, d(20));
  });
  await story({ ...nj2023, programCode: DEMO_RECEIPT_PROGRAM.code, clusterId: 'NJ-MED-RCPT', projectId: 'BA2023-0109', title: '手术机器人精密减速器国产化', owner: '南京精衡医疗装备有限公司', code: '91320100MA1P00109', newInvestmentYuan: 30_000_000, provinceWan: 300, zoneWan: 300, startsAgoDays: 160, tranches: [['P1', 'province', -50, 150], ['P2', 'province', 300, 150], ['Z1', 'zone', -25, 150], ['Z2', 'zone', 300, 150]] }, async (s) => {
    const a = await s.allocate(300 * W, d(-120), `苏财教〔${d(-120).slice(0, 4)}〕33号`);
    await s.confirm(a, 300 * W, d(-110));
    await s.transfer(150 * W, d(-80));
    const p1 = await s.pay('province', 150 * W, d(-65), 'P1');
    await s.attachReceipt({ entryId: p1.entry.entryId, amountFen: 150 * W, paidOn: d(-65), trancheId: 'P1' });
    await s.pay('zone', 150 * W, d(-30), 'Z1'); // no receipt 30 days on: evidence-missing (15 days' grace)
  });
  // The zone's bank statement of the weeks of BA2023-0101's payments, reconciled: its two lines
  // match those payments by voucher number; BA2023-0109's payment of those weeks is not on it
  // (ledger-only).
  // The same file again (a reload the same day) answers its stored result: 200.
  await call(baseUrl, 'POST', '/statements', { token: tokens.zone['NJ-HTZ']!, file: { bytes: statementCsv([
    { date: d(-70), amountFen: 400 * W, payeeName: '南京启衡生物科技有限公司', payeeCreditCode: makeCreditCode('91320100MA1P00101'), voucherNo: '拨付-BA2023-0101-P1', memo: '省级资助资金拨付' },
    { date: d(-60), amountFen: 400 * W, payeeName: '南京启衡生物科技有限公司', payeeCreditCode: makeCreditCode('91320100MA1P00101'), voucherNo: '拨付-BA2023-0101-Z1', memo: '高新区配套资金拨付' },
  ]), headers: { 'content-type': 'application/octet-stream' } } });
  await story({ projectId: 'NJ2024-0301', programCode: 'NJ-CITY-CLUSTER', clusterId: 'NJ-AI-CITY', zoneId: 'NJ-HTZ', insideZone: true, months: 36, title: '大模型推理芯片设计平台（市级集群）', owner: '南京芯算智能科技有限公司', code: '91320100MA1P00301', newInvestmentYuan: 20_000_000, provinceWan: 300, zoneWan: 200, startsAgoDays: 150, tranches: [['P1', 'province', 30, 300], ['Z1', 'zone', 60, 200]] }, async (s) => {
    await s.allocate(300 * W, d(-120), '宁科〔2025〕45号');
    await s.confirm(null, 200 * W, d(-110));
    await s.transfer(300 * W, d(-60));
    await s.pay('province', 300 * W, d(-40), 'P1');
    await s.pay('zone', 100 * W, d(-35), 'Z1');
  });

  // Year end: last year's 2023-programme indicator carries its rest over to this year, once (结转).
  const lastYear = Number(today.slice(0, 4)) - 1;
  await call(baseUrl, 'POST', `/budget-indicators/${encodeURIComponent(demoIndicatorNo('JS-2023-C', lastYear))}/carry-over`, {
    token: tokens.financeOfficer, body: { indicatorNo: `苏财教〔${lastYear + 1}〕结转${lastYear}号`, reference: `苏财教〔${lastYear + 1}〕结转通知` },
  });

  return {
    zones: DEMO_ZONES.map((z) => z.zoneId),
    clusters: DEMO_CLUSTERS.map((c) => c.clusterId),
    projects: DEMO_STORIES,
  };
}
