import * as z from 'zod/mini';
import { isValidCreditCode } from '../../credit-code';
import { normalizeRules, type ProgramRules } from '../../programs/program';
import { meta } from '../../schema/meta';
import { lazySchema, real } from '../../schema/lazy';
import { businessDate, fen, funder, id, positiveFen, text } from '../../schema/fields';
import { emptyBook } from '../books';
import { decideRegistration } from '../deciders/registration';
import type { ProjectState, Registration } from '../types';
import { REGISTRATION_ROLES } from '../../access';
import type { EntryKind, EntryOf } from './kind';

export const trancheSchema = lazySchema(() => meta(z.strictObject({ trancheId: id(32), funder: real(funder), dueOn: real(businessDate), amountFen: real(positiveFen) }), { id: 'Tranche' }));

const contractIn = lazySchema(() =>
  z.strictObject({
    signedOn: real(businessDate),
    startsOn: real(businessDate),
    endsOn: real(businessDate),
    provinceGrantFen: real(positiveFen),
    zoneGrantFen: real(fen),
  }),
);

export const registrationSchema = lazySchema(() =>
  meta(
    z.strictObject({
      projectId: id(),
      programCode: id(),
      clusterId: id(),
      zoneId: id(),
      insideZone: z.boolean(),
      title: text(300),
      owner: z.strictObject({
        name: text(200),
        creditCode: z.string().check(z.refine(isValidCreditCode, { message: 'not a valid unified social credit code (GB 32100-2015)' })),
      }),
      newInvestmentFen: real(positiveFen),
      contract: real(contractIn),
      schedule: z.array(real(trancheSchema)).check(z.minLength(1), z.maxLength(100)),
    }),
    { id: 'ProjectRegistration' },
  ),
);

export interface RegistrationDetails {
  registration: Registration;
  rules: ProgramRules;
}
export type RegistrationEntry = EntryOf<'registration', RegistrationDetails>;
export interface RegistrationCommand {
  type: 'registration';
  registration: Registration;
}

/** Entry 1: the contract as registered, with the program's rules it was checked against. */
export const registration: EntryKind<'registration', RegistrationDetails, RegistrationCommand, ProjectState | null> = {
  type: 'registration',
  term: 'entry.registration',
  route: {
    path: '/projects',
    summary: 'Register a project contract',
    description: 'Finance officer. Entry 1 of the project’s ledger; Idempotency-Key honoured when sent.',
    tags: ['Projects'],
    body: registrationSchema,
    toCommand: (body: Registration) => ({ type: 'registration', registration: body }),
  },
  roles: REGISTRATION_ROLES,
  decide: (state, command, ctx) => decideRegistration(state, command.registration, ctx),
  evolve: (state, entry) => {
    if (state) throw new Error(`entry ${entry.entryId}: the project is already registered`);
    const reg = entry.details.registration;
    return {
      format: 2,
      registration: reg,
      terms: { contract: reg.contract, schedule: reg.schedule, newInvestmentFen: reg.newInvestmentFen },
      rules: normalizeRules(entry.details.rules),
      // The digest recorded with the registration: the rules exactly as they were checked.
      ruleDigest: entry.ruleDigest,
      registeredAt: entry.recordedAt,
      status: 'active',
      province: emptyBook(),
      zone: emptyBook(),
      openAllocations: [],
      transfers: [],
      exceptions: [],
      proposals: [],
      hold: null,
      acceptance: null,
      inspections: [],
      recoveryDue: null,
      lastValueDate: entry.valueDate,
      lastCommittedOn: null,
      version: entry.seq,
      headHash: entry.hash,
    };
  },
  sign: 0,
  reversible: false,
};
