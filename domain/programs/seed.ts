import type { Program } from './program';

const YUAN = 100;

/** The budget sentence of the province programs' basis (API.md v3, Budget indicators). */
const BUDGET_BASIS =
  '预算控制（budgetControl）：每笔省级资金下达须指明其所据的省财政厅预算指标（指标文号）。' +
  '政策文件未给出本专项的预算总额：指标及其金额按财政厅的指标文件录入；演示数据中的金额仅为示例。';

/**
 * The programs of shared/RULES.md, as data. Each `basis` (in Chinese: the program office reads it on
 * the program's page) names the clauses its numbers come from and says which numbers are not in the
 * documents but local operating choices of this ledger.
 * Caps the documents mark 原则上 are listed in `caps.inPrinciple`: enforced like any other cap,
 * raisable only by a four-eyes approved exception citing its approval document.
 */
export const seedPrograms: Program[] = [
  {
    code: 'JS-2021-CLUSTER',
    name: '2021年省科技成果转化专项资金 创新型产业集群培育试点项目',
    basis:
      '政策依据（S1 000_245ea50619fceb49.txt）：三.5 及承诺事项第 3 条——1:1 配套，每个集群省级 3,000 万元、高新区 3,000 万元，' +
      '单个项目联合资助原则上不超过 1,000 万元，且不超过新增投入的 1/3；三.6——实施期 3.5 年；三.2–3、四.3——每个高新区一个集群，推荐项目不超过 8 个，' +
      '每家企业限报一个集群项目。以下不是文件规定，而是本系统的操作选择：配套期限 30 天，宽限 30 天，转拨期限 30 天，' +
      '延期不超过 12 个月，实施期结束后 90 天内申请验收；区外项目的省级资金计入集群上限（文件未明，默认如此）。' +
      BUDGET_BASIS,
    year: 2021,
    match: { kind: 'exact', zone: 1, province: 1 },
    caps: {
      provincePerProjectFen: null,
      jointPerProjectFen: 10_000_000 * YUAN,
      jointShareOfNewInvestment: { numerator: 1, denominator: 3 },
      provincePerClusterFen: 30_000_000 * YUAN,
      zonePerClusterFen: 30_000_000 * YUAN,
      inPrinciple: ['jointPerProjectFen'],
    },
    implementationMonths: 42,
    matchDeadlineDays: 30,
    graceDays: 30,
    quotas: { projectsPerEnterprise: 1, projectsPerCluster: 8, clustersPerZone: 1 },
    outsideZoneCountsInClusterCap: true,
    onwardPaymentDays: 30,
    maxExtensionMonths: 12,
    acceptanceApplicationDays: 90,
    funderNames: { province: '省级', zone: '高新区' },
    evidenceRequired: [],
    evidenceGraceDays: 15,
    budgetControl: true,
  },
  {
    code: 'JS-2023-C',
    name: '2023年度省科技成果转化专项资金 创新型产业集群培育试点',
    basis:
      '政策依据（S2 001_cd0006b7815f605e.txt）：三.5 及承诺事项第 3 条——高新区配套不少于省级资金的 1:1（鼓励多配），单个项目省级资助原则上不超过 600 万元，' +
      '联合资助不超过新增投入的 1/3；三.7——实施期 3.5 年；三.2——每个高新区一个试点方案（集群），按每区一个集群执行。以下条款作用于遴选阶段、早于任何合同，' +
      '本系统不据以检查：三.2 每市推荐一个高新区，三.3 每个产业领域原则上不超过两个高新区。' +
      '以下不是文件规定，而是本系统的操作选择：配套期限 30 天，宽限 30 天，转拨期限 30 天，延期不超过 12 个月，实施期结束后 90 天内申请验收；' +
      '每家企业限报一个项目在 2023 年指南中没有对应条款（沿用 S1 四.3，作为本地选择）。' +
      BUDGET_BASIS,
    year: 2023,
    match: { kind: 'at-least', zone: 1, province: 1 },
    caps: {
      provincePerProjectFen: 6_000_000 * YUAN,
      jointPerProjectFen: null,
      jointShareOfNewInvestment: { numerator: 1, denominator: 3 },
      provincePerClusterFen: null,
      zonePerClusterFen: null,
      inPrinciple: ['provincePerProjectFen'],
    },
    implementationMonths: 42,
    matchDeadlineDays: 30,
    graceDays: 30,
    quotas: { projectsPerEnterprise: 1, projectsPerCluster: null, clustersPerZone: 1 },
    outsideZoneCountsInClusterCap: true,
    onwardPaymentDays: 30,
    maxExtensionMonths: 12,
    acceptanceApplicationDays: 90,
    funderNames: { province: '省级', zone: '高新区' },
    evidenceRequired: [],
    evidenceGraceDays: 15,
    budgetControl: true,
  },
  {
    code: 'NJ-CITY-CLUSTER',
    name: '南京市创新型产业集群 试点项目',
    basis:
      '政策依据（S5 004_167a31377d1c989d.txt）：七.3——建设周期一般为三年，开展中期检查和绩效评价；七.4——每个园区每个周期原则上一个集群项目；' +
      '由市级资金资助园区，文件未给出金额或比例。以下为本系统的操作选择：实施期 36 个月，可延期至多 12 个月（周期为一般情形，并非硬性上限），' +
      '宽限 30 天，转拨期限 30 天，实施期结束后 90 天内申请验收。' +
      '预算控制（budgetControl）：每笔市级资金下达须指明其所据的市财政局预算指标（指标文号）。文件未给出预算总额：' +
      '指标及其金额按财政局的指标文件录入；演示数据中的金额仅为示例。',
    year: 2023,
    match: { kind: 'none' },
    caps: {
      provincePerProjectFen: null,
      jointPerProjectFen: null,
      jointShareOfNewInvestment: null,
      provincePerClusterFen: null,
      zonePerClusterFen: null,
      inPrinciple: [],
    },
    implementationMonths: 36,
    matchDeadlineDays: 30,
    graceDays: 30,
    quotas: { projectsPerEnterprise: null, projectsPerCluster: null, clustersPerZone: 1 },
    outsideZoneCountsInClusterCap: true,
    onwardPaymentDays: 30,
    maxExtensionMonths: 12,
    acceptanceApplicationDays: 90,
    funderNames: { province: '市级', zone: '园区' },
    evidenceRequired: [],
    evidenceGraceDays: 15,
    budgetControl: true,
  },
];
