/** The portfolio's groups and how they turn into filters of /projects. */
export type GroupBy = 'program' | 'zone' | 'cluster' | 'city';

/** The /projects filter that lists a group's projects. */
export function groupFilter(groupBy: GroupBy, group: string): Record<string, string> {
  const name = { program: 'programCode', zone: 'zoneId', cluster: 'clusterId', city: 'city' }[groupBy];
  return { [name]: group };
}

/** An integer pair as a percentage with one decimal, rounded half up, by integer arithmetic. */
export function percent(share: { numerator: number; denominator: number }): string {
  if (share.denominator === 0) return '—';
  const tenths = (BigInt(share.numerator) * 2000n + BigInt(share.denominator)) / (2n * BigInt(share.denominator));
  return `${tenths / 10n}.${tenths % 10n}%`;
}

/** Fen → 万元 as a number, for chart axes only (the figures shown as text come from format/money). */
export function wanNumber(fen: number): number {
  return Math.round(fen / 100) / 10_000;
}
