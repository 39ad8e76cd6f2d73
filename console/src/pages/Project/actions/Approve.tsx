import { Alert, Descriptions } from 'antd';
import type { ReactNode } from 'react';
import { TextField } from '../../../components/forms';
import { formatFen, formatYuanDigits } from '../../../format/money';
import { useI18n } from '../../../i18n';
import { apiPath, useApi } from '../../../services/api';
import { approvalSchema, ledgerEventOut, type ProjectView, type Proposal } from '../../../services/schemas';
import { LedgerDialog, memoOf, strip, type ActionProps, type Values } from './shared';

const PROPOSAL_PATH: Record<Proposal['kind'], string> = {
  'cap-exception': 'cap-exceptions',
  adjustment: 'adjustments',
  termination: 'termination',
};

export function Approve({ project, onClose, proposal }: ActionProps & { proposal: Proposal }) {
  const api = useApi();
  const { t, label } = useI18n();
  return (
    <LedgerDialog
      onClose={onClose}
      title={t('dialog.approve', { v1: label('proposal', proposal.kind) })}
      formName="approve"
      initialValues={{ reference: proposal.reference ?? undefined }}
      intro={
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('dialog.fourEyesProposedByOn', { proposedBy: proposal.proposedBy, proposedOn: proposal.proposedOn })}
            {...(proposal.kind === 'adjustment' ? { description: t('dialog.approvalChecksEveryCapThe') } : {})}
          />
          <ProposalDetails proposal={proposal} project={project} />
        </>
      }
      toBody={(v: Values) => strip({ reference: memoOf(v.reference), memo: memoOf(v.memo) })}
      schema={approvalSchema}
      send={(body, key) =>
        api.post(`${apiPath`/projects/${project.projectId}/${PROPOSAL_PATH[proposal.kind]}/${proposal.entryId}`}/approval`, body, { schema: ledgerEventOut, idempotencyKey: key })
      }
      okText={t('ui.approve')}
    >
      <TextField name="reference" label={t('dialog.approvalDocumentNo')} required={false} />
      <TextField name="memo" label={t('dialog.approvalComments')} required={false} max={500} />
    </LedgerDialog>
  );
}

/** What a proposal would change, in words and 元. */
function ProposalDetails({ proposal, project }: { proposal: Proposal; project: ProjectView }) {
  const { t, label } = useI18n();
  const items: { key: string; label: string; children: ReactNode }[] = [{ key: 'entry', label: t('ui.proposalEntry'), children: <code>{proposal.entryId}</code> }];
  if (proposal.kind === 'cap-exception') {
    const current = project.limits.find((l) => l.rule === proposal.rule);
    items.push({ key: 'rule', label: t('dialog.capRule'), children: label('rule', proposal.rule) });
    if (current) items.push({ key: 'current', label: t('dialog.currentCap'), children: formatFen(current.limitFen) });
    items.push({ key: 'limit', label: t('dialog.proposedCap'), children: formatFen(proposal.limitFen) });
  } else if (proposal.kind === 'adjustment') {
    const c = proposal.change;
    if (c.contract?.provinceGrantFen !== undefined)
      items.push({ key: 'pg', label: t('dialog.grant'), children: `${formatFen(project.contract.provinceGrantFen)} → ${formatFen(c.contract.provinceGrantFen)}` });
    if (c.contract?.zoneGrantFen !== undefined)
      items.push({ key: 'zg', label: t('dialog.grant2'), children: `${formatFen(project.contract.zoneGrantFen)} → ${formatFen(c.contract.zoneGrantFen)}` });
    if (c.contract?.endsOn) items.push({ key: 'ends', label: t('dialog.implementationEndsOnExtension'), children: `${project.contract.endsOn} → ${c.contract.endsOn}` });
    if (c.newInvestmentFen !== undefined) items.push({ key: 'ni', label: t('dialog.newInvestment'), children: `${formatFen(project.newInvestmentFen)} → ${formatFen(c.newInvestmentFen)}` });
    if (c.schedule)
      items.push({
        key: 'schedule',
        label: t('ui.paymentSchedule'),
        children: c.schedule.map((tr) => t('dialog.trancheLine', { trancheId: tr.trancheId, v1: project.funderNames[tr.funder], dueOn: tr.dueOn, v2: formatYuanDigits(tr.amountFen) })).join(t('ui.listSeparator')),
      });
  } else {
    items.push({ key: 'due', label: t('ui.toRecover'), children: proposal.recoveryDue ? t('dialog.due', { v1: formatFen(proposal.recoveryDue.amountFen), dueOn: proposal.recoveryDue.dueOn }) : t('ui.none') });
  }
  items.push({ key: 'ref', label: t('ui.documentNo'), children: proposal.reference ?? '—' });
  return <Descriptions size="small" bordered column={1} style={{ marginBottom: 16 }} items={items} />;
}
