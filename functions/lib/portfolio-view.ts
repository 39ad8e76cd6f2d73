import { subFen, addFen } from '../../domain/money';
import type { Contribution } from '../../domain/portfolio/contribution';
import type { FundedSums, PortfolioRow, PortfolioSums } from '../../domain/portfolio/report';

/** Counts of projects: a project is one whoever funds it, so these are over the whole group. */
function countsOf(c: Contribution) {
  return {
    projects: c.projects,
    byStatus: { active: c.status_active, 'on-hold': c['status_on-hold'], 'closed-accepted': c['status_closed-accepted'], 'closed-failed': c['status_closed-failed'], terminated: c.status_terminated },
    laggingCount: c.lagging,
    heldCount: c.held,
  };
}

/** The money of one pair of funding bodies, under their own names (schemas/portfolio.ts). */
function fundedView({ funderNames, sums: c }: FundedSums) {
  const paid = addFen(c.province_paidFen, c.zone_paidFen);
  const recovered = addFen(c.province_recoveredFen, c.zone_recoveredFen);
  return {
    funderNames,
    ...countsOf(c),
    province: {
      grantFen: c.province_grantFen, allocatedFen: c.province_allocatedFen, confirmedFen: c.province_confirmedFen, transferredFen: c.province_transferredFen,
      heldAtZoneFen: c.province_heldAtZoneFen, paidFen: c.province_paidFen, recoveredFen: c.province_recoveredFen, decommittedFen: c.province_decommittedFen,
    },
    zone: {
      grantFen: c.zone_grantFen, allocatedFen: c.zone_allocatedFen, confirmedFen: c.zone_confirmedFen, paidFen: c.zone_paidFen,
      recoveredFen: c.zone_recoveredFen, decommittedFen: c.zone_decommittedFen,
    },
    paidShare: { numerator: subFen(paid, recovered), denominator: addFen(c.province_grantFen, c.zone_grantFen) },
  };
}

/** A group's (or the totals') figures: its counts, and its money funding body by funding body. */
export const figuresOf = (s: PortfolioSums) => ({ ...countsOf(s.sums), funders: s.byFunders.map(fundedView) });

export const rowView = (r: PortfolioRow) => ({ group: r.group, attributes: r.attributes, ...figuresOf(r) });
