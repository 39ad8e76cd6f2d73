/**
 * The project's writes, one dialog each (a file per action in this folder), keyed by the entry
 * type it posts. DIALOGS is typed over the catalogue's project kinds (domain/project/kinds): a new
 * kind without a dialog here does not compile. The page keeps only which one is open and renders
 * that one: a dialog mounts when it opens and is gone when it closes. Every dialog validates with
 * the API's own request schema, posts once per opening (Idempotency-Key), shows amounts in 大写
 * before posting, explains a refusal in one Chinese sentence, and puts the write's answer into the
 * cache (services/project.ts).
 */
import type { ReactElement } from 'react';
import type { ProjectKind } from '../../../auth/permissions';
import type { Identity } from '../../../auth/types';
import type { Entry, Program, ProjectView, Proposal } from '../../../services/schemas';
import { Adjustment } from './Adjustment';
import { Allocate } from './Allocate';
import { ApplyAcceptance } from './ApplyAcceptance';
import { Approve } from './Approve';
import { CapException } from './CapException';
import { Confirm } from './Confirm';
import { DecideAcceptance } from './DecideAcceptance';
import { Decommit } from './Decommit';
import { Hold } from './Hold';
import { Inspect } from './Inspect';
import { Pay } from './Pay';
import { Recover } from './Recover';
import { Release } from './Release';
import { Reverse } from './Reverse';
import { Terminate } from './Terminate';
import { Transfer } from './Transfer';

/** The approvals answer a proposal: their dialog opens from the proposal (待批准的申请), not from the actions card. */
export const APPROVAL_OF: Record<Proposal['kind'], Extract<ProjectKind, `${string}-approval`>> = {
  'cap-exception': 'cap-exception-approval',
  adjustment: 'adjustment-approval',
  termination: 'termination-approval',
};

/** Which dialog is open, with what it acts on when that is more than the project. */
export interface OpenAction {
  type: ProjectKind;
  /** match-confirmation: the allocation matched (from 待配套的下达). */
  allocationEntryId?: string;
  /** reversal: the entry reversed. */
  entry?: Entry;
  /** an approval: the proposal approved. */
  proposal?: Proposal;
}

interface DialogProps {
  action: OpenAction;
  project: ProjectView;
  identity: Identity | null;
  program: Program | undefined;
  onClose: () => void;
}

const approve = ({ action, project, onClose }: DialogProps) => (action.proposal ? <Approve project={project} onClose={onClose} proposal={action.proposal} /> : null);

/** Every project kind's dialog: one per kind of the catalogue. */
export const DIALOGS: Record<ProjectKind, (props: DialogProps) => ReactElement | null> = {
  allocation: ({ project, onClose }) => <Allocate project={project} onClose={onClose} />,
  'match-confirmation': ({ project, onClose, action }) => <Confirm project={project} onClose={onClose} allocationEntryId={action.allocationEntryId} />,
  transfer: ({ project, onClose }) => <Transfer project={project} onClose={onClose} />,
  disbursement: ({ project, onClose, identity }) => <Pay project={project} onClose={onClose} identity={identity} />,
  recovery: ({ project, onClose, identity }) => <Recover project={project} onClose={onClose} identity={identity} />,
  decommitment: ({ project, onClose }) => <Decommit project={project} onClose={onClose} />,
  reversal: ({ project, onClose, action }) => (action.entry ? <Reverse project={project} onClose={onClose} entry={action.entry} /> : null),
  'cap-exception-proposal': ({ project, onClose, program }) => <CapException project={project} onClose={onClose} program={program} />,
  'cap-exception-approval': approve,
  'adjustment-proposal': ({ project, onClose, program }) => <Adjustment project={project} onClose={onClose} program={program} />,
  'adjustment-approval': approve,
  inspection: ({ project, onClose, identity }) => <Inspect project={project} onClose={onClose} identity={identity} />,
  hold: ({ project, onClose }) => <Hold project={project} onClose={onClose} />,
  'hold-release': ({ project, onClose }) => <Release project={project} onClose={onClose} />,
  'acceptance-application': ({ project, onClose }) => <ApplyAcceptance project={project} onClose={onClose} />,
  'acceptance-result': ({ project, onClose }) => <DecideAcceptance project={project} onClose={onClose} />,
  'termination-proposal': ({ project, onClose }) => <Terminate project={project} onClose={onClose} />,
  'termination-approval': approve,
  // Evidence is added from its entry's row in the ledger (../Evidence.tsx), never from the actions card.
  evidence: () => null,
};

export function ActionDialog(props: DialogProps) {
  const Dialog = DIALOGS[props.action.type];
  return <Dialog {...props} />;
}
