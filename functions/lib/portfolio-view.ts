import { subFen, addFen } from '../../domain/money';
import type { Contribution } from '../../domain/portfolio/contribution';
import type { PortfolioRow } from '../../domain/portfolio/report';

/** A rollup's sums as the report shows them (schemas/portfolio.ts). */
export function figuresOf(c: Contribution) {
  const paid = addFen(c.province_paidFen, c.zone_paidFen);
  const recovered = addFen(c.province_recoveredFen, c.zone_recoveredFen);
  return {
    projects: c.projects,
    byStatus: { active: c.status_active, 'on-hold': c['status_on-hold'], 'closed-accepted': c['status_closed-accepted'], 'closed-failed': c['status_closed-failed'], terminated: c.status_terminated },
    province: {
      grantFen: c.province_grantFen, allocatedFen: c.province_allocatedFen, confirmedFen: c.province_confirmedFen, transferredFen: c.province_transferredFen,
      heldAtZoneFen: c.province_heldAtZoneFen, paidFen: c.province_paidFen, recoveredFen: c.province_recoveredFen, decommittedFen: c.province_decommittedFen,
    },
    zone: {
      grantFen: c.zone_grantFen, allocatedFen: c.zone_allocatedFen, confirmedFen: c.zone_confirmedFen, paidFen: c.zone_paidFen,
      recoveredFen: c.zone_recoveredFen, decommittedFen: c.zone_decommittedFen,
    },
    paidShare: { numerator: subFen(paid, recovered), denominator: addFen(c.province_grantFen, c.zone_grantFen) },
    laggingCount: c.lagging,
    heldCount: c.held,
  };
}

export const rowView = (r: PortfolioRow) => ({ group: r.group, attributes: r.attributes, ...figuresOf(r.sums) });
