import { addFen, subFen, type Fen } from '../money';
import { addMonths, chinaDate, compareDates, type BusinessDate } from '../dates';
import { isValidCreditCode } from '../credit-code';
import { programRules, ruleDigest } from '../programs/program';
import type { Command, DecideContext } from './commands';
import { invalid, violation, type Decision, type RuleId, type RuleViolation } from './outcome';
import { allocationRecord, balances, jointAllocatedFen, jointShareLimitFen } from './position';
import { exactlyMatchable, needsMatch, requiredZoneFen, satisfiesMatch } from './ratio';
import { GENESIS_HASH, sealEntry } from './chain';
import type { Entry, EntryDetails, EntryStatus, EntryType, Funder, ProjectState, Registration } from './types';

export const entryIdFor = (projectId: string, seq: number): string => `${projectId}.${seq}`;

/** Pure decision: the entry a command produces, or why it must not be posted. */
export function decide(state: ProjectState | null, command: Command, ctx: DecideContext): Decision {
  if (command.kind === 'register') return decideRegistration(state, command.registration, ctx);
  if (!state) return invalid('projectId', 'no such project');
  // Money posted is a positive safe integer of fen, whatever the caller validated before.
  if (command.kind !== 'reverse' && !(Number.isSafeInteger(command.amountFen) && command.amountFen > 0)) {
    return invalid('amountFen', 'must be a positive safe integer of fen');
  }
  switch (command.kind) {
    case 'allocate':
      return decideAllocation(state, command, ctx);
    case 'confirm-match':
      return decideConfirmation(state, command, ctx);
    case 'disburse':
      return decideDisbursement(state, command, ctx);
    case 'reverse':
      return decideReversal(state, command, ctx);
  }
}

/** Which funder's owner may issue the command (drives authorization outside the domain). */
export function commandFunder(state: ProjectState, command: Command): Funder | null {
  switch (command.kind) {
    case 'register':
    case 'allocate':
      return 'province';
    case 'confirm-match':
      return 'zone';
    case 'disburse':
      return command.funder;
    case 'reverse': {
      const target = state.records[command.entryId];
      if (!target || target.kind === 'reversal') return null;
      if (target.kind === 'allocation') return 'province';
      if (target.kind === 'match-confirmation') return 'zone';
      return target.funder;
    }
  }
}

// ---------------------------------------------------------------------------------------------

interface Draft {
  type: EntryType;
  funder: Funder | null;
  amountFen: Fen | null;
  valueDate: BusinessDate;
  reference: string | null;
  memo: string | null;
  refersTo: string | null;
  status: EntryStatus;
  details: EntryDetails;
}

function post(projectId: string, state: ProjectState | null, digest: string, draft: Draft, ctx: DecideContext): Decision {
  const seq = (state?.version ?? 0) + 1;
  const entry: Entry = sealEntry({
    projectId,
    seq,
    entryId: entryIdFor(projectId, seq),
    ...draft,
    recordedAt: ctx.now,
    actor: { sub: ctx.actor.sub, role: ctx.actor.role },
    ruleDigest: digest,
    prevHash: state?.headHash ?? GENESIS_HASH,
  });
  return { ok: true, entry };
}

/** A cap check: `used + attempted ≤ limit`, or the violation that says by how much it is not. */
function overLimit(rule: RuleId, limitFen: Fen | null | undefined, usedFen: Fen, attemptedFen: Fen, what: string): RuleViolation | null {
  if (limitFen === null || limitFen === undefined) return null;
  if (addFen(usedFen, attemptedFen) <= limitFen) return null;
  return {
    rule,
    detail: `${what}: ${usedFen} fen already counted + ${attemptedFen} fen attempted exceeds the limit of ${limitFen} fen`,
    limitFen,
    usedFen,
    attemptedFen,
  };
}

const first = (...checks: (RuleViolation | null)[]): RuleViolation | null => checks.find((c) => c !== null) ?? null;

function withinContract(state: ProjectState, date: BusinessDate, field: string): RuleViolation | null {
  const { signedOn, endsOn } = state.registration.contract;
  if (compareDates(date, signedOn) < 0 || compareDates(date, endsOn) > 0) {
    return { rule: 'implementation-period', detail: `${field} ${date} is outside the contract period ${signedOn}..${endsOn}` };
  }
  return null;
}

// --- registration ----------------------------------------------------------------------------

function decideRegistration(state: ProjectState | null, reg: Registration, ctx: DecideContext): Decision {
  if (state) return invalid('projectId', 'project already registered');
  const program = ctx.program;
  if (!program) return invalid('programCode', `unknown program ${reg.programCode}`);
  if (!isValidCreditCode(reg.owner.creditCode)) {
    return invalid('owner.creditCode', 'not a valid unified social credit code (GB 32100-2015 check character)');
  }
  const seen = new Set<string>();
  for (const [i, t] of reg.schedule.entries()) {
    if (seen.has(t.trancheId)) return invalid(`schedule.${i}.trancheId`, `duplicate trancheId ${t.trancheId}`);
    seen.add(t.trancheId);
  }

  const cluster = ctx.cluster;
  const rules = programRules(program);
  const { contract } = reg;
  const joint = addFen(contract.provinceGrantFen, contract.zoneGrantFen);
  const share = rules.caps.jointShareOfNewInvestment;
  const shareLimit = share
    ? jointShareLimitFen({ registration: reg, rules } as ProjectState)
    : null;
  const quota = rules.quotas;

  const broken = first(
    !cluster
      ? { rule: 'cluster-mismatch', detail: `unknown cluster ${reg.clusterId}` }
      : cluster.programCode !== reg.programCode || cluster.zoneId !== reg.zoneId
        ? { rule: 'cluster-mismatch', detail: `cluster ${cluster.clusterId} belongs to program ${cluster.programCode} in zone ${cluster.zoneId}` }
        : null,
    periodViolation(reg, rules.implementationMonths),
    matchViolationForGrants(reg, rules),
    overLimit('province-per-project', rules.caps.provincePerProjectFen, 0, contract.provinceGrantFen, 'province grant'),
    overLimit('joint-per-project', rules.caps.jointPerProjectFen, 0, joint, 'joint grant'),
    overLimit('joint-share-of-new-investment', shareLimit, 0, joint, 'joint grant against new investment'),
    scheduleViolation(reg),
    quota.projectsPerEnterprise !== null && (ctx.enterpriseProjectCount ?? 0) >= quota.projectsPerEnterprise
      ? { rule: 'enterprise-quota', detail: `enterprise ${reg.owner.creditCode} already has ${ctx.enterpriseProjectCount} project(s) under ${rules.code}; the quota is ${quota.projectsPerEnterprise}` }
      : null,
    cluster && quota.projectsPerCluster !== null && cluster.projectCount >= quota.projectsPerCluster
      ? { rule: 'cluster-quota', detail: `cluster ${cluster.clusterId} already has ${cluster.projectCount} project(s); the quota is ${quota.projectsPerCluster}` }
      : null,
  );
  if (broken) return violation(broken);

  return post(reg.projectId, null, ruleDigest(rules), {
    type: 'registration',
    funder: null,
    amountFen: null,
    valueDate: contract.signedOn,
    reference: null,
    memo: null,
    refersTo: null,
    status: 'registered',
    details: { registration: reg, rules },
  }, ctx);
}

function periodViolation(reg: Registration, months: number): RuleViolation | null {
  const { signedOn, startsOn, endsOn } = reg.contract;
  const v = (detail: string): RuleViolation => ({ rule: 'implementation-period', detail });
  if (compareDates(startsOn, signedOn) < 0) return v(`startsOn ${startsOn} is before signedOn ${signedOn}`);
  if (compareDates(endsOn, startsOn) < 0) return v(`endsOn ${endsOn} is before startsOn ${startsOn}`);
  // A period of M months starting on S ends at the latest the day before S + M months.
  const limit = addMonths(startsOn, months);
  if (compareDates(endsOn, limit) >= 0) return v(`the period ${startsOn}..${endsOn} is longer than ${months} months`);
  for (const t of reg.schedule) {
    if (compareDates(t.dueOn, signedOn) < 0 || compareDates(t.dueOn, endsOn) > 0) {
      return v(`tranche ${t.trancheId} is due ${t.dueOn}, outside ${signedOn}..${endsOn}`);
    }
  }
  return null;
}

function matchViolationForGrants(reg: Registration, rules: ReturnType<typeof programRules>): RuleViolation | null {
  const { provinceGrantFen, zoneGrantFen } = reg.contract;
  if (!reg.insideZone) {
    return zoneGrantFen === 0 ? null : { rule: 'match-ratio', detail: 'an enterprise outside the zone gets province adjustment support alone: zoneGrantFen must be 0', limitFen: 0, attemptedFen: zoneGrantFen };
  }
  if (satisfiesMatch(rules.match, zoneGrantFen, provinceGrantFen)) return null;
  const m = rules.match as { kind: string; zone: number; province: number };
  return {
    rule: 'match-ratio',
    detail: `zone grant ${zoneGrantFen} fen does not satisfy zone:province ${m.kind} ${m.zone}:${m.province} against the province grant ${provinceGrantFen} fen`,
    limitFen: requiredZoneFen(rules.match, provinceGrantFen, true),
    attemptedFen: zoneGrantFen,
  };
}

function scheduleViolation(reg: Registration): RuleViolation | null {
  for (const funder of ['province', 'zone'] as const) {
    const grant = funder === 'province' ? reg.contract.provinceGrantFen : reg.contract.zoneGrantFen;
    const scheduled = reg.schedule.filter((t) => t.funder === funder).reduce((s, t) => addFen(s, t.amountFen), 0);
    if (scheduled !== grant) {
      return { rule: 'schedule-mismatch', detail: `${funder} tranches total ${scheduled} fen but the ${funder} grant is ${grant} fen`, limitFen: grant, attemptedFen: scheduled };
    }
  }
  return null;
}

// --- allocation ------------------------------------------------------------------------------

function decideAllocation(state: ProjectState, cmd: Extract<Command, { kind: 'allocate' }>, ctx: DecideContext): Decision {
  const { rules, registration } = state;
  const matched = needsMatch(rules.match, registration.insideZone);
  const b = balances(state);
  const zoneNeeded = requiredZoneFen(rules.match, cmd.amountFen, registration.insideZone);
  const jointUsed = jointAllocatedFen(b);
  const jointAttempt = addFen(cmd.amountFen, zoneNeeded);
  const cluster = ctx.cluster;

  const broken = first(
    withinContract(state, cmd.valueDate, 'valueDate'),
    matched && !exactlyMatchable(rules.match, cmd.amountFen)
      ? { rule: 'match-ratio', detail: `${cmd.amountFen} fen cannot be matched exactly in whole fen at the program's ratio` }
      : null,
    overLimit('province-per-project', rules.caps.provincePerProjectFen, b.province.allocatedFen, cmd.amountFen, 'province money for this project'),
    overLimit('joint-per-project', rules.caps.jointPerProjectFen, jointUsed, jointAttempt, 'joint money for this project (with the zone match it requires)'),
    overLimit('joint-share-of-new-investment', jointShareLimitFen(state), jointUsed, jointAttempt, 'joint money against one share of new investment (with the zone match it requires)'),
    overLimit('province-per-cluster', rules.caps.provincePerClusterFen, cluster?.provinceAllocatedFen ?? 0, cmd.amountFen, `province money for cluster ${registration.clusterId}`),
    overLimit('contract-grant', registration.contract.provinceGrantFen, b.province.allocatedFen, cmd.amountFen, 'province grant of the contract'),
    overLimit('contract-grant', registration.contract.zoneGrantFen, b.zone.allocatedFen, zoneNeeded, 'zone grant of the contract (the match this allocation requires)'),
  );
  if (broken) return violation(broken);

  return post(registration.projectId, state, state.ruleDigest, {
    type: 'allocation',
    funder: 'province',
    amountFen: cmd.amountFen,
    valueDate: cmd.valueDate,
    reference: cmd.reference,
    memo: cmd.memo ?? null,
    refersTo: null,
    status: matched ? 'pending-match' : 'confirmed',
    details: {},
  }, ctx);
}

// --- match confirmation ----------------------------------------------------------------------

function decideConfirmation(state: ProjectState, cmd: Extract<Command, { kind: 'confirm-match' }>, ctx: DecideContext): Decision {
  const { rules, registration } = state;
  const b = balances(state);
  const standalone = cmd.allocationEntryId === undefined || cmd.allocationEntryId === null;
  let allocationAmount = 0;
  let releasedZone = 0;
  if (standalone) {
    if (rules.match.kind !== 'none') {
      return violation({ rule: 'match-not-pending', detail: 'a match confirmation must name the pending province allocation it matches (allocationEntryId)' });
    }
  } else {
    const alloc = allocationRecord(state, cmd.allocationEntryId!);
    if (!alloc || alloc.status !== 'pending-match') {
      return violation({
        rule: 'match-not-pending',
        detail: alloc ? `allocation ${cmd.allocationEntryId} is ${alloc.status}, not pending-match` : `no allocation ${cmd.allocationEntryId} in project ${registration.projectId}`,
      });
    }
    if (compareDates(cmd.valueDate, alloc.valueDate) < 0) {
      return invalid('valueDate', `must not be before the allocation's valueDate ${alloc.valueDate}`);
    }
    allocationAmount = alloc.amountFen;
    releasedZone = alloc.requiredZoneFen;
  }
  // The pending requirement of this allocation is replaced by the confirmed amount.
  const jointUsed = subFen(jointAllocatedFen(b), releasedZone);
  const zoneUsed = subFen(b.zone.allocatedFen, releasedZone);
  const m = rules.match;

  const broken = first(
    withinContract(state, cmd.valueDate, 'valueDate'),
    !standalone && !satisfiesMatch(m, cmd.amountFen, allocationAmount)
      ? {
          rule: 'match-ratio' as const,
          detail: m.kind === 'exact'
            ? `zone money must be exactly ${requiredZoneFen(m, allocationAmount, true)} fen (zone:province ${m.zone}:${m.province})`
            : `zone money must be at least ${requiredZoneFen(m, allocationAmount, true)} fen (zone:province ≥ ${m.kind === 'at-least' ? `${m.zone}:${m.province}` : ''})`,
          limitFen: requiredZoneFen(m, allocationAmount, true),
          attemptedFen: cmd.amountFen,
        }
      : null,
    overLimit('joint-per-project', rules.caps.jointPerProjectFen, jointUsed, cmd.amountFen, 'joint money for this project'),
    overLimit('joint-share-of-new-investment', jointShareLimitFen(state), jointUsed, cmd.amountFen, 'joint money against one share of new investment'),
    overLimit('contract-grant', registration.contract.zoneGrantFen, zoneUsed, cmd.amountFen, 'zone grant of the contract'),
  );
  if (broken) return violation(broken);

  return post(registration.projectId, state, state.ruleDigest, {
    type: 'match-confirmation',
    funder: 'zone',
    amountFen: cmd.amountFen,
    valueDate: cmd.valueDate,
    reference: cmd.reference,
    memo: cmd.memo ?? null,
    refersTo: standalone ? null : cmd.allocationEntryId!,
    status: 'confirmed',
    details: {},
  }, ctx);
}

// --- disbursement ----------------------------------------------------------------------------

function decideDisbursement(state: ProjectState, cmd: Extract<Command, { kind: 'disburse' }>, ctx: DecideContext): Decision {
  const today = chinaDate(new Date(ctx.now));
  if (compareDates(cmd.paidOn, today) > 0) return invalid('paidOn', `must not be after today (${today}, China time)`);
  const b = balances(state)[cmd.funder];
  const trancheId = cmd.trancheId ?? null;
  const tranche = trancheId === null ? null : state.registration.schedule.find((t) => t.trancheId === trancheId);

  const broken = first(
    withinContract(state, cmd.paidOn, 'paidOn'),
    trancheId !== null && (!tranche || tranche.funder !== cmd.funder)
      ? { rule: 'schedule-mismatch', detail: `the contract has no ${cmd.funder} tranche ${trancheId}` }
      : null,
    b.disbursedFen + cmd.amountFen > b.confirmedFen
      ? {
          rule: 'insufficient-confirmed-funds',
          detail: `${cmd.funder}: ${b.disbursedFen} fen disbursed + ${cmd.amountFen} fen exceeds the ${b.confirmedFen} fen confirmed`,
          limitFen: b.confirmedFen,
          usedFen: b.disbursedFen,
          attemptedFen: cmd.amountFen,
        }
      : null,
  );
  if (broken) return violation(broken);

  return post(state.registration.projectId, state, state.ruleDigest, {
    type: 'disbursement',
    funder: cmd.funder,
    amountFen: cmd.amountFen,
    valueDate: cmd.paidOn,
    reference: cmd.reference,
    memo: cmd.memo ?? null,
    refersTo: null,
    status: 'posted',
    details: { trancheId },
  }, ctx);
}

// --- reversal --------------------------------------------------------------------------------

function decideReversal(state: ProjectState, cmd: Extract<Command, { kind: 'reverse' }>, ctx: DecideContext): Decision {
  const target = state.records[cmd.entryId];
  const notAllowed = (detail: string) => violation({ rule: 'reversal-not-allowed', detail });
  if (!target) return notAllowed(`no reversible entry ${cmd.entryId} in project ${state.registration.projectId}`);
  if (target.kind === 'reversal') return notAllowed('a reversal cannot itself be reversed');
  if (target.kind === 'match-confirmation' && target.allocationEntryId !== null) {
    return notAllowed('a match confirmation is undone by reversing the allocation it matches');
  }
  const already = target.kind === 'allocation' ? target.status === 'void' || target.status === 'reversed' : target.reversed;
  if (already) return notAllowed(`entry ${cmd.entryId} is already reversed`);
  if (target.postedBy === ctx.actor.sub) {
    return violation({ rule: 'four-eyes', detail: `entry ${cmd.entryId} was posted by ${target.postedBy}; a different person must reverse it` });
  }

  // Every invariant must still hold afterwards: disbursed never exceeds confirmed.
  const b = balances(state);
  let funder: Funder;
  let amount: Fen;
  const confirmedLoss: Record<Funder, Fen> = { province: 0, zone: 0 };
  if (target.kind === 'allocation') {
    funder = 'province';
    amount = target.amountFen;
    if (target.status === 'confirmed') {
      confirmedLoss.province = target.amountFen;
      const match = target.matchedBy ? state.records[target.matchedBy] : undefined;
      if (match && match.kind === 'match-confirmation') confirmedLoss.zone = match.amountFen;
    }
  } else if (target.kind === 'match-confirmation') {
    funder = 'zone';
    amount = target.amountFen;
    confirmedLoss.zone = target.amountFen;
  } else {
    funder = target.funder;
    amount = target.amountFen;
  }
  for (const f of ['province', 'zone'] as const) {
    if (b[f].disbursedFen > b[f].confirmedFen - confirmedLoss[f]) {
      return notAllowed(`${f} disbursements (${b[f].disbursedFen} fen) would exceed confirmed money (${b[f].confirmedFen - confirmedLoss[f]} fen); reverse the disbursements first`);
    }
  }

  return post(state.registration.projectId, state, state.ruleDigest, {
    type: 'reversal',
    funder,
    amountFen: amount,
    valueDate: chinaDate(new Date(ctx.now)),
    reference: null,
    memo: cmd.reason,
    refersTo: cmd.entryId,
    status: 'posted',
    details: { reason: cmd.reason },
  }, ctx);
}
