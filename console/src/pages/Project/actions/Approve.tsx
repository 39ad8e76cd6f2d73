import { Alert, Descriptions } from 'antd';
import type { ReactNode } from 'react';
import { TextField } from '../../../components/forms';
import { formatFen, formatYuanDigits } from '../../../format/money';
import { useI18n } from '../../../i18n';
import { apiPath, useApi } from '../../../services/api';
import { ruleName } from '../../../services/problems';
import { approvalSchema, ledgerEventOut, type ProjectView, type Proposal } from '../../../services/schemas';
import { LedgerDialog, memoOf, strip, type ActionProps, type Values } from './shared';

const PROPOSAL_PATH: Record<Proposal['kind'], string> = {
  'cap-exception': 'cap-exceptions',
  adjustment: 'adjustments',
  termination: 'termination',
};

export function Approve({ project, onClose, proposal }: ActionProps & { proposal: Proposal }) {
  const api = useApi();
  const { label } = useI18n();
  return (
    <LedgerDialog
      onClose={onClose}
      title={`批准：${label('proposal', proposal.kind)}`}
      formName="approve"
      initialValues={{ reference: proposal.reference ?? undefined }}
      intro={
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={`双人复核：由 ${proposal.proposedBy} 于 ${proposal.proposedOn} 提出，须由另一人批准`}
            {...(proposal.kind === 'adjustment' ? { description: '批准时按调整后的合同重新检查全部上限、拨付计划与实施期限。' } : {})}
          />
          <ProposalDetails proposal={proposal} project={project} />
        </>
      }
      toBody={(v: Values) => strip({ reference: memoOf(v.reference), memo: memoOf(v.memo) })}
      schema={approvalSchema}
      send={(body, key) =>
        api.post(`${apiPath`/projects/${project.projectId}/${PROPOSAL_PATH[proposal.kind]}/${proposal.entryId}`}/approval`, body, { schema: ledgerEventOut, idempotencyKey: key })
      }
      okText="批准"
    >
      <TextField name="reference" label="批准文号" required={false} />
      <TextField name="memo" label="批示意见" required={false} max={500} />
    </LedgerDialog>
  );
}

/** What a proposal would change, in words and 元. */
function ProposalDetails({ proposal, project }: { proposal: Proposal; project: ProjectView }) {
  const items: { key: string; label: string; children: ReactNode }[] = [{ key: 'entry', label: '申请记录', children: <code>{proposal.entryId}</code> }];
  if (proposal.kind === 'cap-exception') {
    const current = project.limits.find((l) => l.rule === proposal.rule);
    items.push({ key: 'rule', label: '上限规则', children: ruleName(proposal.rule) });
    if (current) items.push({ key: 'current', label: '现上限', children: formatFen(current.limitFen) });
    items.push({ key: 'limit', label: '申请上限', children: formatFen(proposal.limitFen) });
  } else if (proposal.kind === 'adjustment') {
    const c = proposal.change;
    if (c.contract?.provinceGrantFen !== undefined)
      items.push({ key: 'pg', label: `${project.funderNames.province}资助`, children: `${formatFen(project.contract.provinceGrantFen)} → ${formatFen(c.contract.provinceGrantFen)}` });
    if (c.contract?.zoneGrantFen !== undefined)
      items.push({ key: 'zg', label: `${project.funderNames.zone}资助`, children: `${formatFen(project.contract.zoneGrantFen)} → ${formatFen(c.contract.zoneGrantFen)}` });
    if (c.contract?.endsOn) items.push({ key: 'ends', label: '实施结束日（延期）', children: `${project.contract.endsOn} → ${c.contract.endsOn}` });
    if (c.newInvestmentFen !== undefined) items.push({ key: 'ni', label: '新增投入', children: `${formatFen(project.newInvestmentFen)} → ${formatFen(c.newInvestmentFen)}` });
    if (c.schedule)
      items.push({
        key: 'schedule',
        label: '拨付计划',
        children: c.schedule.map((t) => `${t.trancheId} ${project.funderNames[t.funder]} ${t.dueOn} ${formatYuanDigits(t.amountFen)} 元`).join('；'),
      });
  } else {
    items.push({ key: 'due', label: '应收回', children: proposal.recoveryDue ? `${formatFen(proposal.recoveryDue.amountFen)}，期限 ${proposal.recoveryDue.dueOn}` : '无' });
  }
  items.push({ key: 'ref', label: '文号', children: proposal.reference ?? '—' });
  return <Descriptions size="small" bordered column={1} style={{ marginBottom: 16 }} items={items} />;
}
