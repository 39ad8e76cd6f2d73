import * as z from 'zod';
import { lazySchema, real } from './lazy';
import { CAP_FIELDS } from '../../../domain/programs/caps';
import { businessDate, dateOut, fen, id, reference, text } from './common';

const ratio = lazySchema(() => z.strictObject({ numerator: z.int().min(1).max(1_000_000), denominator: z.int().min(1).max(1_000_000) }));
const match = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.enum(['exact', 'at-least']), zone: z.int().min(1).max(1000), province: z.int().min(1).max(1000) }),
    z.strictObject({ kind: z.literal('none') }),
  ]),
);
const caps = lazySchema(() =>
  z.strictObject({
    provincePerProjectFen: real(fen).nullable(),
    jointPerProjectFen: real(fen).nullable(),
    jointShareOfNewInvestment: real(ratio).nullable(),
    provincePerClusterFen: real(fen).nullable(),
    zonePerClusterFen: real(fen).nullable().optional().meta({ description: 'Default null' }),
    inPrinciple: z.array(z.enum(CAP_FIELDS)).max(CAP_FIELDS.length).optional().meta({ description: 'Cap fields that are 原则上 (in principle): raisable by an approved exception. Default []' }),
  }),
);
const quotas = lazySchema(() =>
  z.strictObject({
    projectsPerEnterprise: z.int().min(1).nullable(),
    projectsPerCluster: z.int().min(1).nullable(),
    clustersPerZone: z.int().min(1).nullable(),
  }),
);
const funderNames = lazySchema(() => z.strictObject({ province: text(20), zone: text(20) }));

/** Program body: the fields added with the money path and lifecycle are optional (API.md defaults). */
export const programSchema = lazySchema(() =>
  z
    .strictObject({
      code: id(),
      name: text(200),
      basis: text(2000),
      year: z.int().min(2000).max(2100),
      match: real(match),
      caps: real(caps),
      implementationMonths: z.int().min(1).max(240),
      matchDeadlineDays: z.int().min(0).max(3650),
      graceDays: z.int().min(0).max(3650),
      quotas: real(quotas),
      outsideZoneCountsInClusterCap: z.boolean().optional().meta({ description: 'Default true' }),
      onwardPaymentDays: z.int().min(0).max(3650).optional().meta({ description: 'Default 30' }),
      maxExtensionMonths: z.int().min(0).max(120).optional().meta({ description: 'Default 12' }),
      acceptanceApplicationDays: z.int().min(0).max(3650).optional().meta({ description: 'Default 90' }),
      funderNames: real(funderNames).optional().meta({ description: 'Default { province: 省级, zone: 高新区 }' }),
    })
    .meta({ id: 'ProgramInput' }),
);

export const programOut = lazySchema(() =>
  z
    .strictObject({
      code: z.string(),
      name: z.string(),
      basis: z.string(),
      year: z.int(),
      match: real(match),
      caps: real(caps).required(),
      implementationMonths: z.int(),
      matchDeadlineDays: z.int(),
      graceDays: z.int(),
      quotas: real(quotas),
      outsideZoneCountsInClusterCap: z.boolean(),
      onwardPaymentDays: z.int(),
      maxExtensionMonths: z.int(),
      acceptanceApplicationDays: z.int(),
      funderNames: real(funderNames),
    })
    .meta({ id: 'Program' }),
);
export const storedProgramOut = lazySchema(() => real(programOut).extend({ ruleDigest: z.string(), projectCount: z.int() }).meta({ id: 'StoredProgram' }));
export const programListOut = lazySchema(() => z.strictObject({ programs: z.array(real(programOut)) }).meta({ id: 'ProgramList' }));

export const zoneSchema = lazySchema(() =>
  z
    .strictObject({ zoneId: id(), name: text(200), city: text(100), level: z.enum(['national', 'provincial']) })
    .meta({ id: 'Zone' }),
);
export const zoneListOut = lazySchema(() => z.strictObject({ zones: z.array(real(zoneSchema)) }).meta({ id: 'ZoneList' }));

export const clusterSchema = lazySchema(() =>
  z
    .strictObject({ clusterId: id(), programCode: id(), zoneId: id(), name: text(200), industry: text(100) })
    .meta({ id: 'ClusterInput' }),
);

export const clusterCloseSchema = lazySchema(() =>
  z
    .strictObject({ closedOn: real(businessDate), reference: real(reference) })
    .meta({ id: 'ClusterClose', description: "Closes the cluster's cycle: no new projects; its place in the zone's cluster quota is freed" }),
);

const usageLine = lazySchema(() => z.strictObject({ allocatedFen: real(fen), limitFen: real(fen).nullable(), headroomFen: real(fen).nullable() }));
export const clusterOut = lazySchema(() =>
  z
    .strictObject({
      clusterId: z.string(),
      programCode: z.string(),
      zoneId: z.string(),
      name: z.string(),
      industry: z.string(),
      closedOn: real(dateOut).nullable(),
      closeReference: z.string().nullable(),
      usage: z.strictObject({
        province: real(usageLine),
        zone: real(usageLine),
        projects: z.strictObject({ count: z.int(), limit: z.int().nullable() }),
      }),
    })
    .meta({ id: 'Cluster' }),
);
export const clusterListOut = lazySchema(() => z.strictObject({ clusters: z.array(real(clusterOut)) }).meta({ id: 'ClusterList' }));
export const clusterListQuery = lazySchema(() => z.strictObject({ zoneId: id().optional(), programCode: id().optional() }));
