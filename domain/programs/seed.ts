import type { Program } from './program';

const YUAN = 100;

/** The budget sentence of the province programs' basis (API.md v3, Budget indicators). */
const BUDGET_BASIS =
  'Budget control (budgetControl): every province allocation names the provincial finance department\'s budget indicator (预算指标) it draws on. ' +
  'The documents give no budget totals for the program: indicators and their amounts are recorded from the finance department\'s indicator documents (指标文号); ' +
  'the amounts in the demo data are examples.';

/**
 * The programs of shared/RULES.md, as data. Each `basis` names the clauses its numbers come from
 * and says which numbers are not in the documents but local operating choices of this ledger.
 * Caps the documents mark 原则上 are listed in `caps.inPrinciple`: enforced like any other cap,
 * raisable only by a four-eyes approved exception citing its approval document.
 */
export const seedPrograms: Program[] = [
  {
    code: 'JS-2021-CLUSTER',
    name: '2021年省科技成果转化专项资金 创新型产业集群培育试点项目',
    basis:
      'Policy (S1 000_245ea50619fceb49.txt): 三.5 and commitment item 3 — 1:1 match, 30,000,000 yuan per cluster from the province and 30,000,000 from the zone, ' +
      'joint support per project ≤ 10,000,000 yuan 原则上 (in principle) and ≤ 1/3 of new investment; 三.6 — 3.5 years; 三.2–3, 四.3 — one cluster per zone, ≤ 8 projects recommended, ' +
      'one cluster project per enterprise. Local operating choices, not in the documents: match deadline 30 days, grace 30 days, onward payment 30 days, ' +
      'extension ≤ 12 months, acceptance application ≤ 90 days after the end; outside-zone province money counts in the cluster cap (open reading, default). ' +
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
      'Policy (S2 001_cd0006b7815f605e.txt): 三.5 and commitment item 3 — zone:province ≥ 1:1 (the zone is encouraged to give more), province ≤ 6,000,000 yuan per project 原则上 (in principle), ' +
      'joint ≤ 1/3 of new investment; 三.7 — 3.5 years; 三.2 — one pilot plan (cluster) per zone, enforced as clustersPerZone 1. Not enforced here, because they act at ' +
      'selection before any contract exists: 三.2 one zone recommended per city, 三.3 at most two zones per industry field 原则上. ' +
      'Local operating choices, not in the documents: match deadline 30 days, grace 30 days, ' +
      'onward payment 30 days, extension ≤ 12 months, acceptance application ≤ 90 days after the end; the one-project-per-enterprise quota has no sentence in the 2023 guide ' +
      '(carried over from S1 四.3 as a local choice). ' +
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
      'Policy (S5 004_167a31377d1c989d.txt): 七.3 — construction cycle normally (一般) three years, with a mid-term check and performance evaluation; 七.4 — one cluster project per park per cycle 原则上; ' +
      'the city (市级) funds the park (园区); no amounts or ratios are given. Local operating choices: 36 months with extensions up to 12 months (the cycle is normal, not a wall), ' +
      'grace 30 days, onward payment 30 days, acceptance application ≤ 90 days after the end. ' +
      'Budget control (budgetControl): every 市级 allocation names the city finance bureau\'s budget indicator (预算指标) it draws on. The documents give no budget totals: ' +
      'indicators and their amounts are recorded from the finance bureau\'s indicator documents (指标文号); the amounts in the demo data are examples.',
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
