/**
 * The project's writes, one dialog each (a file per action in this folder). The page keeps only
 * which one is open and renders that one: a dialog mounts when it opens and is gone when it
 * closes. Every dialog validates with the API's own request schema, posts once per opening
 * (Idempotency-Key), shows amounts in 大写 before posting, explains a refusal in Chinese with its
 * figures, and puts the write's answer into the cache (services/project.ts).
 */
import type { ActionKey } from '../../../auth/permissions';
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

export const ACTION_LABEL: Record<ActionKey, string> = {
  allocate: '下达资金',
  confirm: '确认配套',
  transfer: '划转至高新区',
  pay: '拨付',
  recover: '收回',
  decommit: '核减',
  reverse: '冲正',
  'propose-exception': '申请上限例外',
  'propose-adjustment': '申请调整/延期',
  inspect: '记录检查',
  hold: '暂停拨付',
  release: '解除暂停',
  'apply-acceptance': '申请验收',
  'decide-acceptance': '录入验收结论',
  'propose-termination': '申请终止',
};

/** Which dialog is open, with what it acts on when that is more than the project. */
export type OpenAction =
  | { key: Exclude<ActionKey, 'reverse' | 'confirm'> }
  | { key: 'confirm'; allocationEntryId?: string }
  | { key: 'reverse'; entry: Entry }
  | { key: 'approve'; proposal: Proposal };

export function ActionDialog({ action, project, identity, program, onClose }: { action: OpenAction; project: ProjectView; identity: Identity | null; program: Program | undefined; onClose: () => void }) {
  const props = { project, onClose };
  switch (action.key) {
    case 'allocate':
      return <Allocate {...props} />;
    case 'confirm':
      return <Confirm {...props} allocationEntryId={action.allocationEntryId} />;
    case 'transfer':
      return <Transfer {...props} />;
    case 'pay':
      return <Pay {...props} identity={identity} />;
    case 'recover':
      return <Recover {...props} identity={identity} />;
    case 'decommit':
      return <Decommit {...props} />;
    case 'reverse':
      return <Reverse {...props} entry={action.entry} />;
    case 'propose-exception':
      return <CapException {...props} program={program} />;
    case 'approve':
      return <Approve {...props} proposal={action.proposal} />;
    case 'propose-adjustment':
      return <Adjustment {...props} program={program} />;
    case 'inspect':
      return <Inspect {...props} identity={identity} />;
    case 'hold':
      return <Hold {...props} />;
    case 'release':
      return <Release {...props} />;
    case 'apply-acceptance':
      return <ApplyAcceptance {...props} />;
    case 'decide-acceptance':
      return <DecideAcceptance {...props} />;
    case 'propose-termination':
      return <Terminate {...props} />;
    default: {
      const unknown: never = action;
      throw new Error(`no dialog for ${JSON.stringify(unknown)}`);
    }
  }
}
