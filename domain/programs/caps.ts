/** Cap fields and their rule ids: no hashing here, so browsers can import it too. */
/** The cap fields of a program; `inPrinciple` lists those an approved exception may raise. */
export const CAP_FIELDS = [
  'provincePerProjectFen',
  'jointPerProjectFen',
  'jointShareOfNewInvestment',
  'provincePerClusterFen',
  'zonePerClusterFen',
] as const;
export type CapField = (typeof CAP_FIELDS)[number];

/** The rule id that enforces each cap field (API.md rule ids). */
export const CAP_RULE = {
  provincePerProjectFen: 'province-per-project',
  jointPerProjectFen: 'joint-per-project',
  jointShareOfNewInvestment: 'joint-share-of-new-investment',
  provincePerClusterFen: 'province-per-cluster',
  zonePerClusterFen: 'zone-per-cluster',
} as const satisfies Record<CapField, string>;
export type CapRule = (typeof CAP_RULE)[CapField];

export const capFieldOf = (rule: string): CapField | null =>
  CAP_FIELDS.find((f) => CAP_RULE[f] === rule) ?? null;

