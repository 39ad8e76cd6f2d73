import * as z from 'zod/mini';
import { meta } from '../../../domain/schema/meta';
import { lazySchema, real } from '../../../domain/schema/lazy';
import { CAP_FIELDS } from '../../../domain/programs/caps';
import { ENTRY_TYPES } from '../../../domain/project/kinds';
import { businessDate, cursor, dateOut, fen, id, limit, reference, text, cityName } from './common';

const ratio = lazySchema(() => z.strictObject({ numerator: z.int().check(z.minimum(1), z.maximum(1_000_000)), denominator: z.int().check(z.minimum(1), z.maximum(1_000_000)) }));
const match = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.enum(['exact', 'at-least']), zone: z.int().check(z.minimum(1), z.maximum(1000)), province: z.int().check(z.minimum(1), z.maximum(1000)) }),
    z.strictObject({ kind: z.literal('none') }),
  ]),
);
const caps = lazySchema(() =>
  z.strictObject({
    provincePerProjectFen: z.nullable(real(fen)),
    jointPerProjectFen: z.nullable(real(fen)),
    jointShareOfNewInvestment: z.nullable(real(ratio)),
    provincePerClusterFen: z.nullable(real(fen)),
    zonePerClusterFen: meta(z.optional(z.nullable(real(fen))), { description: 'Default null' }),
    inPrinciple: meta(z.optional(z.array(z.enum(CAP_FIELDS)).check(z.maxLength(CAP_FIELDS.length))), { description: 'Cap fields that are 原则上 (in principle): raisable by an approved exception. Default []' }),
  }),
);
const quotas = lazySchema(() =>
  z.strictObject({
    projectsPerEnterprise: z.nullable(z.int().check(z.minimum(1))),
    projectsPerCluster: z.nullable(z.int().check(z.minimum(1))),
    clustersPerZone: z.nullable(z.int().check(z.minimum(1))),
  }),
);
const funderNames = lazySchema(() => z.strictObject({ province: text(20), zone: text(20) }));
/** Entry types evidence may be required for: any but evidence itself. */
const EVIDENCE_REQUIRABLE = ENTRY_TYPES.filter((t) => t !== 'evidence') as [string, ...string[]];
const evidenceRequired = lazySchema(() =>
  z.array(z.enum(EVIDENCE_REQUIRABLE)).check(
    z.maxLength(EVIDENCE_REQUIRABLE.length),
    z.refine((types) => new Set(types).size === types.length, { message: 'each entry type at most once' }),
  ),
);

/** Program body: the fields added with the money path and lifecycle are optional (API.md defaults). */
export const programSchema = lazySchema(() =>
  meta(
    z.strictObject({
      code: id(),
      name: text(200),
      basis: text(2000),
      year: z.int().check(z.minimum(2000), z.maximum(2100)),
      match: real(match),
      caps: real(caps),
      implementationMonths: z.int().check(z.minimum(1), z.maximum(240)),
      matchDeadlineDays: z.int().check(z.minimum(0), z.maximum(3650)),
      graceDays: z.int().check(z.minimum(0), z.maximum(3650)),
      quotas: real(quotas),
      outsideZoneCountsInClusterCap: meta(z.optional(z.boolean()), { description: 'Default true' }),
      onwardPaymentDays: meta(z.optional(z.int().check(z.minimum(0), z.maximum(3650))), { description: 'Default 30' }),
      maxExtensionMonths: meta(z.optional(z.int().check(z.minimum(0), z.maximum(120))), { description: 'Default 12' }),
      acceptanceApplicationDays: meta(z.optional(z.int().check(z.minimum(0), z.maximum(3650))), { description: 'Default 90' }),
      funderNames: meta(z.optional(real(funderNames)), { description: 'Default { province: 省级, zone: 高新区 }' }),
      evidenceRequired: meta(z.optional(real(evidenceRequired)), { description: 'Entry types that need evidence (e.g. ["disbursement"]): such an entry without evidence evidenceGraceDays after its value date raises evidence-missing. Default []' }),
      evidenceGraceDays: meta(z.optional(z.int().check(z.minimum(0), z.maximum(3650))), { description: 'Default 15' }),
      budgetControl: meta(z.optional(z.boolean()), { description: 'Default false. v3: every province allocation and plan document names a budget indicator it draws on' }),
    }),
    { id: 'ProgramInput' },
  ),
);

export const programOut = lazySchema(() =>
  meta(
    z.strictObject({
      code: z.string(),
      name: z.string(),
      basis: z.string(),
      year: z.int(),
      match: real(match),
      caps: z.required(real(caps)),
      implementationMonths: z.int(),
      matchDeadlineDays: z.int(),
      graceDays: z.int(),
      quotas: real(quotas),
      outsideZoneCountsInClusterCap: z.boolean(),
      onwardPaymentDays: z.int(),
      maxExtensionMonths: z.int(),
      acceptanceApplicationDays: z.int(),
      funderNames: real(funderNames),
      evidenceRequired: z.array(z.string()),
      evidenceGraceDays: z.int(),
      budgetControl: z.boolean(),
    }),
    { id: 'Program' },
  ),
);
export const storedProgramOut = lazySchema(() => meta(z.extend(real(programOut), { ruleDigest: z.string(), projectCount: z.int() }), { id: 'StoredProgram' }));
export const programListOut = lazySchema(() => meta(z.strictObject({ programs: z.array(real(programOut)) }), { id: 'ProgramList' }));

export const zoneSchema = lazySchema(() =>
  meta(
    z.strictObject({ zoneId: id(), name: text(200), city: cityName(), level: z.enum(['national', 'provincial']) }),
    { id: 'Zone' },
  ),
);
export const zoneListOut = lazySchema(() => meta(z.strictObject({ zones: z.array(real(zoneSchema)) }), { id: 'ZoneList' }));

export const clusterSchema = lazySchema(() =>
  meta(
    z.strictObject({ clusterId: id(), programCode: id(), zoneId: id(), name: text(200), industry: text(100) }),
    { id: 'ClusterInput' },
  ),
);

export const clusterCloseSchema = lazySchema(() =>
  meta(
    z.strictObject({ closedOn: real(businessDate), reference: real(reference) }),
    { id: 'ClusterClose', description: "Closes the cluster's cycle: no new projects; its place in the zone's cluster quota is freed" },
  ),
);

const usageLine = lazySchema(() => z.strictObject({ allocatedFen: real(fen), limitFen: z.nullable(real(fen)), headroomFen: z.nullable(real(fen)) }));
export const clusterOut = lazySchema(() =>
  meta(
    z.strictObject({
      clusterId: z.string(),
      programCode: z.string(),
      zoneId: z.string(),
      name: z.string(),
      industry: z.string(),
      closedOn: z.nullable(real(dateOut)),
      closeReference: z.nullable(z.string()),
      usage: z.strictObject({
        province: real(usageLine),
        zone: real(usageLine),
        projects: z.strictObject({ count: z.int(), limit: z.nullable(z.int()) }),
      }),
    }),
    { id: 'Cluster' },
  ),
);
export const clusterListOut = lazySchema(() => meta(z.strictObject({ clusters: z.array(real(clusterOut)), nextCursor: z.nullable(z.string()) }), { id: 'ClusterList' }));
export const clusterListQuery = lazySchema(() =>
  z.strictObject({ zoneId: z.optional(id()), programCode: z.optional(id()), cursor: real(cursor), limit: real(limit) }),
);
