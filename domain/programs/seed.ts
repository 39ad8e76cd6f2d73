import type { Program } from './program';

const YUAN = 100;

/**
 * The programs of shared/RULES.md, as data. Each `basis` names the clause it comes from;
 * "in principle" caps are enforced like any other (RULES.md, "What follows" 1).
 */
export const seedPrograms: Program[] = [
  {
    code: 'JS-2021-CLUSTER',
    name: '2021年省科技成果转化专项资金 创新型产业集群培育试点项目',
    basis: 'S1 三.5 (1:1 match, 10,000,000 yuan joint per project, ≤ 1/3 of new investment, 30,000,000 yuan per cluster per funder), S1 三.6 (3.5 years), S1 三.2–3 / 四.3 (quotas)',
    year: 2021,
    match: { kind: 'exact', zone: 1, province: 1 },
    caps: {
      provincePerProjectFen: null,
      jointPerProjectFen: 10_000_000 * YUAN,
      jointShareOfNewInvestment: { numerator: 1, denominator: 3 },
      provincePerClusterFen: 30_000_000 * YUAN,
    },
    implementationMonths: 42,
    matchDeadlineDays: 30,
    graceDays: 30,
    // ≤ 8 projects recommended per cluster; one cluster project per enterprise; one cluster per zone a year.
    quotas: { projectsPerEnterprise: 1, projectsPerCluster: 8, clustersPerZone: 1 },
  },
  {
    code: 'JS-2023-C',
    name: '2023年度省科技成果转化专项资金 创新型产业集群培育试点',
    basis: 'S2 三.5 (zone:province ≥ 1:1, province ≤ 6,000,000 yuan per project, joint ≤ 1/3 of new investment), S2 三.7 (3.5 years), S2 三.2–3 (quotas)',
    year: 2023,
    match: { kind: 'at-least', zone: 1, province: 1 },
    caps: {
      provincePerProjectFen: 6_000_000 * YUAN,
      jointPerProjectFen: null,
      jointShareOfNewInvestment: { numerator: 1, denominator: 3 },
      provincePerClusterFen: null,
    },
    implementationMonths: 42,
    matchDeadlineDays: 30,
    graceDays: 30,
    quotas: { projectsPerEnterprise: 1, projectsPerCluster: null, clustersPerZone: 1 },
  },
  {
    code: 'NJ-CITY-CLUSTER',
    name: '南京市创新型产业集群 试点项目',
    basis: 'S5 七.3 (3-year construction cycle), S5 七.4 (one cluster project per park per cycle); no amounts or ratios given',
    year: 2023,
    match: { kind: 'none' },
    caps: {
      provincePerProjectFen: null,
      jointPerProjectFen: null,
      jointShareOfNewInvestment: null,
      provincePerClusterFen: null,
    },
    implementationMonths: 36,
    matchDeadlineDays: 30,
    graceDays: 30,
    quotas: { projectsPerEnterprise: null, projectsPerCluster: null, clustersPerZone: 1 },
  },
];
