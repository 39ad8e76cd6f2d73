import { mulDivFloor } from '../../money';
import { isValidCreditCode } from '../../credit-code';
import { programRules, ruleDigest } from '../../programs/program';
import type { DecideContext } from '../commands';
import { evolve } from '../evolve';
import { invalid, violation, type Decision } from '../outcome';
import { recordDraft, sealDraft } from '../posting';
import type { ProjectState, Registration } from '../types';
import { termsViolation } from './terms-rules';

/** Registration: entry 1, checked against the program the contract names and its cluster. */
export function decideRegistration(state: ProjectState | null, reg: Registration, ctx: DecideContext): Decision {
  if (state) return { ok: false, conflict: `Project ${reg.projectId} is already registered.` };
  const program = ctx.program;
  if (!program) return invalid('programCode', `unknown program ${reg.programCode}`);
  if (!isValidCreditCode(reg.owner.creditCode)) {
    return invalid('owner.creditCode', 'not a valid unified social credit code (GB 32100-2015 check character)');
  }
  const rules = programRules(program);
  const cluster = ctx.cluster;
  if (!cluster) return violation({ rule: 'cluster-mismatch', detail: `unknown cluster ${reg.clusterId}` });
  if (cluster.programCode !== reg.programCode || cluster.zoneId !== reg.zoneId) {
    return violation({ rule: 'cluster-mismatch', detail: `cluster ${cluster.clusterId} belongs to program ${cluster.programCode} in zone ${cluster.zoneId}` });
  }
  if (cluster.closedOn) return violation({ rule: 'cluster-mismatch', detail: `cluster ${cluster.clusterId} closed its cycle on ${cluster.closedOn}` });

  const share = rules.caps.jointShareOfNewInvestment;
  const terms = { contract: reg.contract, schedule: reg.schedule, newInvestmentFen: reg.newInvestmentFen };
  const broken = termsViolation(terms, reg.insideZone, rules, {
    provincePerProjectFen: rules.caps.provincePerProjectFen,
    jointPerProjectFen: rules.caps.jointPerProjectFen,
    jointShareLimitFen: share && Number.isSafeInteger(reg.newInvestmentFen) && reg.newInvestmentFen > 0 ? mulDivFloor(reg.newInvestmentFen, share.numerator, share.denominator) : null,
  });
  if (broken) return broken;
  const quota = rules.quotas;
  if (quota.projectsPerEnterprise !== null && (ctx.enterpriseProjectCount ?? 0) >= quota.projectsPerEnterprise) {
    return violation({ rule: 'enterprise-quota', detail: `enterprise ${reg.owner.creditCode} already has ${ctx.enterpriseProjectCount} project(s) under ${rules.code}; the quota is ${quota.projectsPerEnterprise}` });
  }
  if (quota.projectsPerCluster !== null && cluster.projectCount >= quota.projectsPerCluster) {
    return violation({ rule: 'cluster-quota', detail: `cluster ${cluster.clusterId} already has ${cluster.projectCount} project(s); the quota is ${quota.projectsPerCluster}` });
  }

  const entry = sealDraft(reg.projectId, null, ruleDigest(program), recordDraft({
    type: 'registration',
    valueDate: reg.contract.signedOn,
    reference: null,
    memo: null,
    refersTo: null,
    status: 'registered',
    details: { registration: reg, rules },
  }), ctx);
  return { ok: true, entry, after: evolve(null, entry) };
}
