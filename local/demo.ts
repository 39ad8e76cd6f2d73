/**
 * Demo data for the local stack, loaded through the HTTP API (so it exercises exactly what a
 * client would). Dates are relative to `today` (a China business date) so that a sweep run today
 * shows every kind of alert:
 *
 *   BA2023-0101  NJ-HTZ / JS-2023-C       pending match for 45 days          → match-overdue
 *   BA2023-0102  NJ-HTZ / JS-2023-C       allocated and matched (≥ 1:1)       → no alert
 *   BA2021-0201  SZ-SIP / JS-2021-CLUSTER partly disbursed, one reversal      → no alert
 *   BA2021-0202  SZ-SIP / JS-2021-CLUSTER tranche due 120 days ago, unpaid    → disbursement-lag
 *   BA2023-0103  NJ-HTZ / JS-2023-C       tranche due in 7/10 days, underfunded → disbursement-at-risk
 *
 * Idempotent within a day: fixed Idempotency-Keys (a retry replays), 409 on zones/clusters/projects
 * means "already there". Any other failure throws with the problem body.
 */
import { addDays, addMonths } from '../domain/dates';
import { makeCreditCode } from '../domain/credit-code';
import { signTokenSync } from './jwt';

export interface DemoTokens {
  admin: string;
  /** Posts province allocations and disbursements. */
  financeOfficer: string;
  /** A second finance officer (different `sub`): reverses what the first posted (four-eyes). */
  financeOfficer2: string;
  /** zone-committee token per zoneId. */
  zone: Record<string, string>;
  auditor: string;
}

export const DEMO_ZONES = [
  { zoneId: 'NJ-HTZ', name: '南京高新技术产业开发区', city: '南京市', level: 'national' },
  { zoneId: 'SZ-SIP', name: '苏州工业园区', city: '苏州市', level: 'national' },
] as const;

export const DEMO_CLUSTERS = [
  { clusterId: 'NJ-BIO-2023', programCode: 'JS-2023-C', zoneId: 'NJ-HTZ', name: '南京高新区生物医药创新型产业集群', industry: '生物医药' },
  { clusterId: 'SZ-NANO-2021', programCode: 'JS-2021-CLUSTER', zoneId: 'SZ-SIP', name: '苏州工业园区纳米技术应用创新型产业集群', industry: '纳米技术' },
] as const;

/** The demo project registered last: if it exists, the demo was loaded. */
export const DEMO_MARKER_PROJECT = 'BA2023-0103';

export function makeDemoTokens(): DemoTokens {
  return {
    admin: signTokenSync({ role: 'admin' }),
    financeOfficer: signTokenSync({ role: 'finance-officer', sub: 'local-finance-officer', name: '省财务 张敏' }),
    financeOfficer2: signTokenSync({ role: 'finance-officer', sub: 'local-finance-officer-2', name: '省财务 李强' }),
    zone: Object.fromEntries(DEMO_ZONES.map((z) => [z.zoneId, signTokenSync({ role: 'zone-committee', zone: z.zoneId })])),
    auditor: signTokenSync({ role: 'auditor' }),
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
  token: string;
  body?: unknown;
  idempotencyKey?: string;
  /** Statuses that count as success (default 200/201). */
  ok?: number[];
}

async function call<T = any>(baseUrl: string, method: string, path: string, opts: CallOptions): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { authorization: `Bearer ${opts.token}` };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  const res = await fetch(baseUrl + path, {
    method,
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* keep text */
  }
  if (!(opts.ok ?? [200, 201]).includes(res.status)) throw new DemoRequestError(method, path, res.status, body);
  return { status: res.status, body: body as T };
}

/** True when the demo's last project is already registered (persisted store). */
export async function isDemoLoaded(baseUrl: string, adminToken: string): Promise<boolean> {
  const { status } = await call(baseUrl, 'GET', `/projects/${DEMO_MARKER_PROJECT}`, { token: adminToken, ok: [200, 404] });
  return status === 200;
}

type Funder = 'province' | 'zone';
type Step =
  | { kind: 'allocate'; ref: string; amountFen: number; valueDate: string; by?: 'fo1' | 'fo2'; memo?: string }
  | { kind: 'match'; allocation: string; amountFen: number; valueDate: string }
  | { kind: 'disburse'; funder: Funder; amountFen: number; paidOn: string; trancheId: string }
  | { kind: 'reverse'; target: string; reason: string; by: 'fo1' | 'fo2' };

interface DemoProject {
  story: string;
  registration: {
    projectId: string;
    programCode: string;
    clusterId: string;
    zoneId: string;
    insideZone: boolean;
    title: string;
    owner: { name: string; creditCode: string };
    newInvestmentFen: number;
    contract: { signedOn: string; startsOn: string; endsOn: string; provinceGrantFen: number; zoneGrantFen: number };
    schedule: { trancheId: string; funder: Funder; dueOn: string; amountFen: number }[];
  };
  steps: Step[];
}

const YUAN = 100;

/** The demo projects for a given day. Exported for tests and for the start banner. */
export function demoProjects(today: string): DemoProject[] {
  const d = (n: number): string => addDays(today, n);
  /** 36 months (the shortest demo program period is 42) from startsOn, inclusive. */
  const contract = (signedAgo: number, startsAgo: number, provinceYuan: number, zoneYuan: number) => {
    const startsOn = d(-startsAgo);
    return {
      signedOn: d(-signedAgo),
      startsOn,
      endsOn: addDays(addMonths(startsOn, 36), -1),
      provinceGrantFen: provinceYuan * YUAN,
      zoneGrantFen: zoneYuan * YUAN,
    };
  };
  const tranche = (trancheId: string, funder: Funder, dueIn: number, yuan: number) => ({
    trancheId,
    funder,
    dueOn: d(dueIn),
    amountFen: yuan * YUAN,
  });

  return [
    {
      story: 'pending match: a province allocation waiting 45 days for the zone (match-overdue)',
      registration: {
        projectId: 'BA2023-0101',
        programCode: 'JS-2023-C',
        clusterId: 'NJ-BIO-2023',
        zoneId: 'NJ-HTZ',
        insideZone: true,
        title: '新型mRNA疫苗递送系统产业化',
        owner: { name: '南京启衡生物科技有限公司', creditCode: makeCreditCode('91320100MA1P00101') },
        newInvestmentFen: 45_000_000 * YUAN,
        contract: contract(120, 100, 6_000_000, 6_000_000),
        schedule: [
          tranche('P1', 'province', 60, 3_000_000),
          tranche('P2', 'province', 400, 3_000_000),
          tranche('Z1', 'zone', 60, 3_000_000),
          tranche('Z2', 'zone', 400, 3_000_000),
        ],
      },
      steps: [{ kind: 'allocate', ref: 'A1', amountFen: 3_000_000 * YUAN, valueDate: d(-45) }],
    },
    {
      story: 'matched: province allocation confirmed by the zone at 1.2 : 1 (at least 1:1)',
      registration: {
        projectId: 'BA2023-0102',
        programCode: 'JS-2023-C',
        clusterId: 'NJ-BIO-2023',
        zoneId: 'NJ-HTZ',
        insideZone: true,
        title: '高通量基因测序仪核心部件研发及产业化',
        owner: { name: '南京澄源医疗器械有限公司', creditCode: makeCreditCode('91320100MA1P00102') },
        newInvestmentFen: 36_000_000 * YUAN,
        contract: contract(60, 45, 5_000_000, 6_000_000),
        schedule: [
          tranche('P1', 'province', 90, 2_000_000),
          tranche('P2', 'province', 400, 3_000_000),
          tranche('Z1', 'zone', 90, 2_400_000),
          tranche('Z2', 'zone', 400, 3_600_000),
        ],
      },
      steps: [
        { kind: 'allocate', ref: 'A1', amountFen: 2_000_000 * YUAN, valueDate: d(-20) },
        { kind: 'match', allocation: 'A1', amountFen: 2_400_000 * YUAN, valueDate: d(-10) },
      ],
    },
    {
      story: 'partly disbursed: province tranche paid in full, zone tranche in part; a mistaken allocation reversed by a second officer',
      registration: {
        projectId: 'BA2021-0201',
        programCode: 'JS-2021-CLUSTER',
        clusterId: 'SZ-NANO-2021',
        zoneId: 'SZ-SIP',
        insideZone: true,
        title: '纳米压印光刻关键材料与装备产业化',
        owner: { name: '苏州纳锐微纳科技有限公司', creditCode: makeCreditCode('91320594MA1P00201') },
        newInvestmentFen: 24_000_000 * YUAN,
        contract: contract(200, 180, 4_000_000, 4_000_000),
        schedule: [
          tranche('P1', 'province', -100, 2_000_000),
          tranche('P2', 'province', 200, 2_000_000),
          tranche('Z1', 'zone', 100, 2_000_000),
          tranche('Z2', 'zone', 200, 2_000_000),
        ],
      },
      steps: [
        { kind: 'allocate', ref: 'A1', amountFen: 2_000_000 * YUAN, valueDate: d(-150) },
        { kind: 'match', allocation: 'A1', amountFen: 2_000_000 * YUAN, valueDate: d(-140) },
        { kind: 'allocate', ref: 'A2', amountFen: 500_000 * YUAN, valueDate: d(-130), memo: '误录：重复下达' },
        { kind: 'reverse', target: 'A2', reason: '重复下达，冲销（复核人：李强）', by: 'fo2' },
        { kind: 'disburse', funder: 'province', amountFen: 2_000_000 * YUAN, paidOn: d(-110), trancheId: 'P1' },
        { kind: 'disburse', funder: 'zone', amountFen: 1_200_000 * YUAN, paidOn: d(-105), trancheId: 'Z1' },
      ],
    },
    {
      story: 'lagging: first tranches due 120 days ago, province paid 40 %, zone nothing (disbursement-lag)',
      registration: {
        projectId: 'BA2021-0202',
        programCode: 'JS-2021-CLUSTER',
        clusterId: 'SZ-NANO-2021',
        zoneId: 'SZ-SIP',
        insideZone: true,
        title: '碳纳米管导电浆料规模化制备',
        owner: { name: '苏州碳衡新材料有限公司', creditCode: makeCreditCode('91320594MA1P00202') },
        newInvestmentFen: 30_000_000 * YUAN,
        contract: contract(400, 380, 5_000_000, 5_000_000),
        schedule: [
          tranche('P1', 'province', -120, 2_500_000),
          tranche('P2', 'province', 300, 2_500_000),
          tranche('Z1', 'zone', -120, 2_500_000),
          tranche('Z2', 'zone', 300, 2_500_000),
        ],
      },
      steps: [
        { kind: 'allocate', ref: 'A1', amountFen: 2_500_000 * YUAN, valueDate: d(-200) },
        { kind: 'match', allocation: 'A1', amountFen: 2_500_000 * YUAN, valueDate: d(-190) },
        { kind: 'disburse', funder: 'province', amountFen: 1_000_000 * YUAN, paidOn: d(-125), trancheId: 'P1' },
      ],
    },
    {
      story: 'at risk: tranches due in 7 and 10 days, only two thirds confirmed (disbursement-at-risk)',
      registration: {
        projectId: 'BA2023-0103',
        programCode: 'JS-2023-C',
        clusterId: 'NJ-BIO-2023',
        zoneId: 'NJ-HTZ',
        insideZone: true,
        title: '细胞治疗无血清培养基国产化',
        owner: { name: '南京赛培生物技术有限公司', creditCode: makeCreditCode('91320100MA1P00103') },
        newInvestmentFen: 30_000_000 * YUAN,
        contract: contract(90, 80, 3_000_000, 3_000_000),
        schedule: [
          tranche('P1', 'province', 7, 1_500_000),
          tranche('P2', 'province', 200, 1_500_000),
          tranche('Z1', 'zone', 10, 1_500_000),
          tranche('Z2', 'zone', 200, 1_500_000),
        ],
      },
      steps: [
        { kind: 'allocate', ref: 'A1', amountFen: 1_000_000 * YUAN, valueDate: d(-20) },
        { kind: 'match', allocation: 'A1', amountFen: 1_000_000 * YUAN, valueDate: d(-15) },
      ],
    },
  ];
}

export interface DemoSummary {
  zones: string[];
  clusters: string[];
  projects: { projectId: string; story: string }[];
}

export async function loadDemo(baseUrl: string, tokens: DemoTokens, today: string): Promise<DemoSummary> {
  const post = (path: string, token: string, body: unknown, idempotencyKey?: string, ok?: number[]) =>
    call(baseUrl, 'POST', path, { token, body, ...(idempotencyKey ? { idempotencyKey } : {}), ...(ok ? { ok } : {}) });

  for (const zone of DEMO_ZONES) await post('/zones', tokens.admin, zone, undefined, [200, 201, 409]);
  for (const cluster of DEMO_CLUSTERS) await post('/clusters', tokens.admin, cluster, undefined, [200, 201, 409]);

  const projects = demoProjects(today);
  for (const project of projects) {
    const { projectId, zoneId } = project.registration;
    await post('/projects', tokens.financeOfficer, project.registration, `demo-${projectId}-register`, [200, 201, 409]);
    const zoneToken = tokens.zone[zoneId];
    if (!zoneToken) throw new Error(`demo: no zone-committee token for ${zoneId}`);
    const officer = (by: 'fo1' | 'fo2' | undefined): string => (by === 'fo2' ? tokens.financeOfficer2 : tokens.financeOfficer);
    const entryIds = new Map<string, string>();
    let n = 0;
    for (const step of project.steps) {
      n += 1;
      const key = `demo-${projectId}-${n}-${step.kind}`;
      const base = `/projects/${projectId}`;
      switch (step.kind) {
        case 'allocate': {
          const res = await post(`${base}/allocations`, officer(step.by), {
            amountFen: step.amountFen,
            valueDate: step.valueDate,
            reference: `苏科资〔${step.valueDate.slice(0, 4)}〕${projectId.slice(-3)}-${step.ref}`,
            ...(step.memo ? { memo: step.memo } : {}),
          }, key);
          entryIds.set(step.ref, (res.body as { entry: { entryId: string } }).entry.entryId);
          break;
        }
        case 'match': {
          const allocationEntryId = entryIds.get(step.allocation);
          if (!allocationEntryId) throw new Error(`demo: ${projectId} has no allocation ${step.allocation}`);
          await post(`${base}/match-confirmations`, zoneToken, {
            allocationEntryId,
            amountFen: step.amountFen,
            valueDate: step.valueDate,
            reference: `${zoneId}-配套-${projectId.slice(-4)}-${step.allocation}`,
          }, key);
          break;
        }
        case 'disburse':
          await post(`${base}/disbursements`, step.funder === 'province' ? tokens.financeOfficer : zoneToken, {
            funder: step.funder,
            amountFen: step.amountFen,
            paidOn: step.paidOn,
            reference: `拨付-${projectId}-${step.trancheId}`,
            trancheId: step.trancheId,
          }, key);
          break;
        case 'reverse': {
          const entryId = entryIds.get(step.target);
          if (!entryId) throw new Error(`demo: ${projectId} has no entry ${step.target}`);
          await post(`${base}/reversals`, officer(step.by), { entryId, reason: step.reason }, key);
          break;
        }
      }
    }
  }

  return {
    zones: DEMO_ZONES.map((z) => z.zoneId),
    clusters: DEMO_CLUSTERS.map((c) => c.clusterId),
    projects: projects.map((p) => ({ projectId: p.registration.projectId, story: p.story })),
  };
}
