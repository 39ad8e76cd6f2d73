/**
 * The project's ledger and lifecycle writes, one dialog each. Every dialog validates with the
 * API's own request schema, posts once per submission (Idempotency-Key), shows amounts in 大写
 * before posting, and explains a refusal in Chinese with its figures.
 */
import { Alert, Button, Checkbox, Descriptions, Form, Input, Radio, Select, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { addMonths } from '../../../../domain/dates';
import { CAP_RULE, type CapField } from '../../../../domain/programs/caps';
import type { Identity } from '../../auth/types';
import { ActionModal } from '../../components/ActionModal';
import { DateField, MoneyField, optionalFen, TextField, yuanToFen } from '../../components/forms';
import { todayInChina } from '../../format/dates';
import { formatFen, formatYuanDigits } from '../../format/money';
import { useI18n } from '../../i18n';
import { apiPath, useApi } from '../../services/api';
import { ruleName } from '../../services/problems';
import {
  acceptanceApplicationSchema,
  acceptanceResultSchema,
  adjustmentSchema,
  allocationSchema,
  approvalSchema,
  capExceptionSchema,
  decommitmentSchema,
  disbursementSchema,
  holdSchema,
  inspectionSchema,
  ledgerEventOut,
  matchConfirmationSchema,
  recoverySchema,
  releaseSchema,
  reversalSchema,
  terminationSchema,
  transferSchema,
  type Entry,
  type Funder,
  type LedgerEventResult,
  type Program,
  type ProjectView,
  type Proposal,
} from '../../services/schemas';

export interface ActionProps {
  project: ProjectView;
  open: boolean;
  onClose: () => void;
  onDone: (result: LedgerEventResult) => void;
}

type Values = Record<string, any>;

/** POST to one of the project's ledger routes with the submission's key. */
function usePoster(project: ProjectView, path: string) {
  const api = useApi();
  return (body: unknown, idempotencyKey: string) =>
    api.post(`${apiPath`/projects/${project.projectId}`}${path}`, body, { schema: ledgerEventOut, idempotencyKey });
}

const memoOf = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const strip = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

function Figures({ items }: { items: [string, number | null | undefined][] }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={2}
      style={{ marginBottom: 16 }}
      items={items.map(([label, fen]) => ({ key: label, label, children: <span className="amount">{fen === null || fen === undefined ? '—' : formatFen(fen)}</span> }))}
    />
  );
}

const limitOf = (p: ProjectView, rule: string, funder: string) => p.limits.find((l) => l.rule === rule && l.funder === funder);

// --- the path of the money ---------------------------------------------------------------------

export function AllocateModal({ project, open, onClose, onDone }: ActionProps) {
  const send = usePoster(project, '/allocations');
  const perProject = limitOf(project, 'province-per-project', 'province');
  const grant = limitOf(project, 'contract-grant', 'province');
  return (
    <ActionModal
      open={open}
      onClose={onClose}
      title={`下达${project.funderNames.province}资金（计划下达）`}
      formName="allocate"
      initialValues={{ valueDate: todayInChina() }}
      intro={
        <>
          <Typography.Paragraph type="secondary">
            {project.insideZone ? '区内项目：下达后为“待配套”，高新区确认配套后方可划转与拨付。' : '区外项目：省级单独支持，下达即确认。'}
            每次下达都按专项的全部上限（含待配套资金）检查。
          </Typography.Paragraph>
          <Figures
            items={[
              ['合同资助余量', grant?.headroomFen],
              ['单项目上限余量', perProject?.headroomFen],
            ]}
          />
        </>
      }
      toBody={(v: Values) => strip({ amountFen: yuanToFen(v.amountFen), valueDate: v.valueDate, reference: v.reference, memo: memoOf(v.memo) })}
      schema={allocationSchema}
      send={send}
      onDone={onDone}
    >
      <MoneyField name="amountFen" label="下达金额（元）" testId="capital-amount" />
      <DateField name="valueDate" label="下达日期" />
      <TextField name="reference" label="计划下达文号" placeholder="苏财教〔2025〕12号" />
      <TextField name="memo" label="备注" required={false} max={500} />
    </ActionModal>
  );
}

export function ConfirmModal({ project, open, onClose, onDone, allocationEntryId }: ActionProps & { allocationEntryId?: string | null }) {
  const send = usePoster(project, '/match-confirmations');
  const NONE = '__above-ratio__';
  const options = [
    ...project.pendingAllocations.map((a) => ({
      value: a.entryId,
      label: `${a.entryId} · 待配套 ${formatYuanDigits(a.pendingFen)} 元 · 下达 ${a.valueDate} · 配套期限 ${a.matchDueOn}`,
    })),
    { value: NONE, label: '不对应省级下达：高新区超出配套比例的资金' },
  ];
  const preset = allocationEntryId ?? project.pendingAllocations[0]?.entryId ?? NONE;
  return (
    <ActionModal
      open={open}
      onClose={onClose}
      title={`确认${project.funderNames.zone}配套资金`}
      formName="confirm"
      initialValues={{ allocationEntryId: preset, valueDate: todayInChina() }}
      intro={
        <Typography.Paragraph type="secondary">
          可分次确认：每次确认一笔省级下达的部分或全部待配套资金（配套金额 × 省 : 区 比例折算省级部分）；在“不低于 1:1”的专项下，超出比例的部分为高新区加大支持的资金。
        </Typography.Paragraph>
      }
      toBody={(v: Values) =>
        strip({
          allocationEntryId: v.allocationEntryId === NONE ? undefined : v.allocationEntryId,
          amountFen: yuanToFen(v.amountFen),
          valueDate: v.valueDate,
          reference: v.reference,
          memo: memoOf(v.memo),
        })
      }
      schema={matchConfirmationSchema}
      send={send}
      onDone={onDone}
    >
      <Form.Item name="allocationEntryId" label="对应的省级下达" rules={[{ required: true, message: '请选择' }]}>
        <Select options={options} />
      </Form.Item>
      <MoneyField name="amountFen" label={`${project.funderNames.zone}配套金额（元）`} testId="capital-amount" />
      <DateField name="valueDate" label="确认日期" />
      <TextField name="reference" label="配套文件文号" />
      <TextField name="memo" label="备注" required={false} max={500} />
    </ActionModal>
  );
}

export function TransferModal({ project, open, onClose, onDone }: ActionProps) {
  const send = usePoster(project, '/transfers');
  const p = project.balances.province;
  const transferable = p.confirmedFen - (p.transferredFen ?? 0);
  return (
    <ActionModal
      open={open}
      onClose={onClose}
      title={`${project.funderNames.province}资金划转至${project.funderNames.zone}`}
      formName="transfer"
      initialValues={{ valueDate: todayInChina() }}
      intro={
        <>
          <Typography.Paragraph type="secondary">省级资金经财政渠道下达到高新区，由高新区管委会连同配套资金拨付给承担单位。</Typography.Paragraph>
          <Figures
            items={[
              ['已确认', p.confirmedFen],
              ['已划转', p.transferredFen],
              ['可划转', transferable],
              ['高新区留存', p.heldAtZoneFen],
            ]}
          />
        </>
      }
      toBody={(v: Values) => strip({ amountFen: yuanToFen(v.amountFen), valueDate: v.valueDate, reference: v.reference, memo: memoOf(v.memo) })}
      schema={transferSchema}
      send={send}
      onDone={onDone}
    >
      <MoneyField name="amountFen" label="划转金额（元）" testId="capital-amount" />
      <DateField name="valueDate" label="划转日期" />
      <TextField name="reference" label="资金下达文号/凭证" />
      <TextField name="memo" label="备注" required={false} max={500} />
    </ActionModal>
  );
}

function payableFen(project: ProjectView, funder: Funder): number {
  const b = project.balances[funder];
  if (funder === 'province' && project.insideZone) return Math.max(0, (b.transferredFen ?? 0) - b.disbursedFen);
  return Math.max(0, b.confirmedFen - b.disbursedFen);
}

function TrancheSelect({ project }: { project: ProjectView }) {
  const form = Form.useFormInstance();
  const funder: Funder = Form.useWatch('funder', form) ?? 'province';
  const tranches = project.schedule.filter((t) => t.funder === funder);
  return (
    <Form.Item name="trancheId" label="对应批次">
      <Select
        allowClear
        placeholder="不指定"
        options={tranches.map((t) => ({
          value: t.trancheId,
          label: `${t.trancheId} · 应拨付 ${t.dueOn} · 计划 ${formatYuanDigits(t.amountFen)} 元 · 已拨 ${formatYuanDigits(t.paidFen)} 元`,
        }))}
      />
    </Form.Item>
  );
}

function PayFigures({ project }: { project: ProjectView }) {
  const form = Form.useFormInstance();
  const funder: Funder = Form.useWatch('funder', form) ?? 'province';
  return (
    <Figures
      items={[
        [`${project.funderNames[funder]}可拨付`, payableFen(project, funder)],
        [`${project.funderNames[funder]}已拨付`, project.balances[funder].disbursedFen],
      ]}
    />
  );
}

export function PayModal({ project, open, onClose, onDone, identity }: ActionProps & { identity: Identity | null }) {
  const send = usePoster(project, '/disbursements');
  const zonePays = project.insideZone && identity?.roles.includes('zone-committee');
  const funders: Funder[] = zonePays ? ['province', 'zone'] : ['province'];
  const firstDue = project.schedule.find((t) => t.status !== 'paid' && funders.includes(t.funder));
  return (
    <ActionModal
      open={open}
      onClose={onClose}
      title="拨付给承担单位"
      formName="pay"
      initialValues={{ funder: firstDue?.funder ?? 'province', paidOn: todayInChina(), ...(firstDue ? { trancheId: firstDue.trancheId } : {}) }}
      intro={
        <>
          <Typography.Paragraph type="secondary">
            {project.insideZone
              ? `区内项目由${project.funderNames.zone}管委会拨付两部分资金：${project.funderNames.province}部分以已划转到区的资金为限，${project.funderNames.zone}部分以已确认的配套资金为限。`
              : '区外项目由省级直接拨付给承担单位。'}
          </Typography.Paragraph>
          <PayFigures project={project} />
        </>
      }
      toBody={(v: Values) =>
        strip({ funder: v.funder, amountFen: yuanToFen(v.amountFen), paidOn: v.paidOn, reference: v.reference, trancheId: v.trancheId || undefined, memo: memoOf(v.memo) })
      }
      schema={disbursementSchema}
      send={send}
      onDone={onDone}
      onValuesChange={(changed, form) => {
        // The tranche belongs to the funder: switching the funder proposes its first unpaid tranche.
        if ('funder' in changed) form.setFieldValue('trancheId' as never, project.schedule.find((t) => t.funder === changed.funder && t.status !== 'paid')?.trancheId as never);
      }}
    >
      <Form.Item name="funder" label="资金来源" rules={[{ required: true }]}>
        <Radio.Group options={funders.map((f) => ({ value: f, label: project.funderNames[f] }))} optionType="button" />
      </Form.Item>
      <MoneyField name="amountFen" label="拨付金额（元）" testId="capital-amount" />
      <DateField name="paidOn" label="拨付日期" />
      <TrancheSelect project={project} />
      <TextField name="reference" label="支付凭证号" />
      <TextField name="memo" label="备注" required={false} max={500} />
    </ActionModal>
  );
}

export function RecoverModal({ project, open, onClose, onDone, identity }: ActionProps & { identity: Identity | null }) {
  const send = usePoster(project, '/recoveries');
  const funders: Funder[] = [
    ...(identity?.roles.includes('finance-officer') ? (['province'] as const) : []),
    ...(identity?.roles.includes('zone-committee') && identity.zoneId === project.zoneId ? (['zone'] as const) : []),
  ];
  return (
    <ActionModal
      open={open}
      onClose={onClose}
      title="收回资金（承担单位缴回）"
      formName="recover"
      initialValues={{ funder: funders[0], valueDate: todayInChina(), ...(project.recoveryDue ? { amountFen: formatYuanDigits(project.recoveryDue.outstandingFen) } : {}) }}
      intro={
        <>
          <Typography.Paragraph type="secondary">承担单位实际收到并实际缴回的资金：原拨付记录保留，不是冲正。</Typography.Paragraph>
          <Figures
            items={funders.flatMap((f) => [
              [`${project.funderNames[f]}已拨付`, project.balances[f].disbursedFen] as [string, number],
              [`${project.funderNames[f]}已收回`, project.balances[f].recoveredFen] as [string, number],
            ])}
          />
          {project.recoveryDue && (
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`应收回 ${formatFen(project.recoveryDue.amountFen)}，期限 ${project.recoveryDue.dueOn}，尚欠 ${formatFen(project.recoveryDue.outstandingFen)}`} />
          )}
        </>
      }
      toBody={(v: Values) => ({ funder: v.funder, amountFen: yuanToFen(v.amountFen), valueDate: v.valueDate, reference: v.reference, reason: v.reason })}
      schema={recoverySchema}
      send={send}
      onDone={onDone}
    >
      <Form.Item name="funder" label="资金来源" rules={[{ required: true }]}>
        <Radio.Group options={funders.map((f) => ({ value: f, label: project.funderNames[f] }))} optionType="button" />
      </Form.Item>
      <MoneyField name="amountFen" label="收回金额（元）" testId="capital-amount" />
      <DateField name="valueDate" label="缴回日期" />
      <TextField name="reference" label="缴款凭证号" />
      <TextField name="reason" label="收回原因" max={500} multiline />
    </ActionModal>
  );
}

export function DecommitModal({ project, open, onClose, onDone }: ActionProps) {
  const send = usePoster(project, '/decommitments');
  const { province, zone } = project.balances;
  return (
    <ActionModal
      open={open}
      onClose={onClose}
      title="核减（取消不再拨付的资金）"
      formName="decommit"
      initialValues={{ valueDate: todayInChina() }}
      intro={
        <>
          <Typography.Paragraph type="secondary">
            核减已承诺但不会拨付的资金（不是差错更正）：先核减待配套资金；{project.funderNames.province}资金以未划转（区外：未拨付）为限，{project.funderNames.zone}资金以未拨付为限。核减释放项目和集群额度。
          </Typography.Paragraph>
          <Figures
            items={[
              [`${project.funderNames.province}待配套`, province.pendingFen],
              [`${project.funderNames.province}已确认未划转`, province.confirmedFen - (province.transferredFen ?? 0)],
              [`${project.funderNames.zone}已确认未拨付`, zone.confirmedFen - zone.disbursedFen],
              ['已核减', province.decommittedFen + zone.decommittedFen],
            ]}
          />
        </>
      }
      toBody={(v: Values) => {
        const provinceFen = optionalFen(v.provinceFen);
        const zoneFen = optionalFen(v.zoneFen);
        if (!provinceFen && !zoneFen) throw new Error(`${project.funderNames.province}或${project.funderNames.zone}核减金额至少填一项`);
        return strip({ provinceFen, zoneFen, valueDate: v.valueDate, reference: v.reference, reason: v.reason });
      }}
      schema={decommitmentSchema}
      send={send}
      onDone={onDone}
    >
      <MoneyField name="provinceFen" label={`${project.funderNames.province}核减金额（元）`} required={false} />
      <MoneyField name="zoneFen" label={`${project.funderNames.zone}核减金额（元）`} required={false} />
      <DateField name="valueDate" label="核减日期" />
      <TextField name="reference" label="核减文号" />
      <TextField name="reason" label="核减原因" max={500} multiline />
    </ActionModal>
  );
}

export function ReverseModal({ project, open, onClose, onDone, entry }: ActionProps & { entry: Entry | null }) {
  const send = usePoster(project, '/reversals');
  const { label } = useI18n();
  return (
    <ActionModal
      open={open}
      onClose={onClose}
      title="冲正（差错更正）"
      formName="reverse"
      initialValues={{ entryId: entry?.entryId }}
      intro={
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="双人复核：冲正须由录入该记录的同岗位另一人办理"
            description="冲正视同该记录从未发生，仅当冲正后所有规则仍然成立时才被接受；每条记录只能冲正一次。资金确实拨出又确实退回的，请用“收回”，不要冲正。"
          />
          {entry && (
            <Descriptions
              size="small"
              bordered
              column={2}
              style={{ marginBottom: 16 }}
              items={[
                { key: 'id', label: '记录', children: <code>{entry.entryId}</code> },
                { key: 'type', label: '类型', children: label('entry', entry.type) },
                { key: 'amount', label: '金额', children: entry.amountFen === null ? '—' : formatFen(entry.amountFen) },
                { key: 'date', label: '业务日期', children: entry.valueDate },
                { key: 'actor', label: '录入人', children: entry.actor.sub },
                { key: 'ref', label: '文号/凭证', children: entry.reference ?? '—' },
              ]}
            />
          )}
        </>
      }
      toBody={(v: Values) => ({ entryId: v.entryId, reason: v.reason })}
      schema={reversalSchema}
      send={send}
      onDone={onDone}
      okText="冲正"
    >
      <Form.Item name="entryId" label="冲正的记录" rules={[{ required: true }]}>
        <Input readOnly />
      </Form.Item>
      <TextField name="reason" label="冲正原因" max={500} multiline />
    </ActionModal>
  );
}

// --- exceptions and lifecycle ------------------------------------------------------------------

export function CapExceptionModal({ project, open, onClose, onDone, program }: ActionProps & { program: Program | undefined }) {
  const send = usePoster(project, '/cap-exceptions');
  const rules = (program?.caps.inPrinciple ?? []).map((f: CapField) => CAP_RULE[f]);
  return (
    <ActionModal
      open={open}
      onClose={onClose}
      title="申请突破“原则上”上限（例外）"
      formName="capException"
      initialValues={{ rule: rules[0] }}
      intro={
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="双人复核：例外由一位管理员提出，另一位管理员批准后生效"
          description="只有专项列为“原则上”的上限可以例外，须引用批准文件；硬性上限（如比例、集群总额）不能例外。"
        />
      }
      toBody={(v: Values) => ({ rule: v.rule, limitFen: yuanToFen(v.limitFen), reference: v.reference, reason: v.reason })}
      schema={capExceptionSchema}
      send={send}
      onDone={onDone}
    >
      <Form.Item name="rule" label="上限规则" rules={[{ required: true, message: '请选择' }]} extra={rules.length === 0 ? '该专项没有可例外的上限。' : undefined}>
        <Select
          options={rules.map((r) => {
            const current = project.limits.find((l) => l.rule === r);
            return { value: r, label: `${ruleName(r)}${current ? `（现上限 ${formatYuanDigits(current.limitFen)} 元）` : ''}` };
          })}
        />
      </Form.Item>
      <MoneyField name="limitFen" label="提高后的上限（元）" testId="capital-amount" />
      <TextField name="reference" label="批准文件" />
      <TextField name="reason" label="理由" max={500} multiline />
    </ActionModal>
  );
}

const PROPOSAL_PATH: Record<Proposal['kind'], string> = {
  'cap-exception': 'cap-exceptions',
  adjustment: 'adjustments',
  termination: 'termination',
};

export function ApproveModal({ project, open, onClose, onDone, proposal }: ActionProps & { proposal: Proposal | null }) {
  const api = useApi();
  const { label } = useI18n();
  return (
    <ActionModal
      open={open}
      onClose={onClose}
      title={`批准：${proposal ? label('proposal', proposal.kind) : ''}`}
      formName="approve"
      initialValues={{ reference: proposal?.reference ?? undefined }}
      intro={
        proposal && (
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
        )
      }
      toBody={(v: Values) => strip({ reference: memoOf(v.reference), memo: memoOf(v.memo) })}
      schema={approvalSchema}
      send={(body, key) =>
        api.post(`${apiPath`/projects/${project.projectId}/${PROPOSAL_PATH[proposal!.kind]}/${proposal!.entryId}`}/approval`, body, { schema: ledgerEventOut, idempotencyKey: key })
      }
      onDone={onDone}
      okText="批准"
    >
      <TextField name="reference" label="批准文号" required={false} />
      <TextField name="memo" label="批示意见" required={false} max={500} />
    </ActionModal>
  );
}

/** What a proposal would change, in words and 元. */
export function ProposalDetails({ proposal, project }: { proposal: Proposal; project: ProjectView }) {
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

export function AdjustmentModal({ project, open, onClose, onDone, program }: ActionProps & { program: Program | undefined }) {
  const send = usePoster(project, '/adjustments');
  const maxEnd = program ? addMonths(project.registeredContract.endsOn, program.maxExtensionMonths) : undefined;
  return (
    <ActionModal
      open={open}
      onClose={onClose}
      width={760}
      title="申请合同调整或延期"
      formName="adjustment"
      initialValues={{
        editSchedule: false,
        schedule: project.schedule.map((t) => ({ trancheId: t.trancheId, funder: t.funder, dueOn: t.dueOn, amountFen: formatYuanDigits(t.amountFen) })),
      }}
      intro={
        <Typography.Paragraph type="secondary">
          只填写要改变的项目。管理员（另一人）批准后生效；批准时按调整后的合同重新检查全部上限、拨付计划合计与实施期限，资助额不得低于已承诺的金额。
          {maxEnd ? `延期最迟至 ${maxEnd}（原结束日后 ${program!.maxExtensionMonths} 个月）。` : ''}
        </Typography.Paragraph>
      }
      toBody={(v: Values) => {
        const contract = strip({ provinceGrantFen: optionalFen(v.provinceGrantFen), zoneGrantFen: optionalFen(v.zoneGrantFen), endsOn: v.endsOn || undefined });
        return strip({
          contract: Object.keys(contract).length ? contract : undefined,
          newInvestmentFen: optionalFen(v.newInvestmentFen),
          schedule: v.editSchedule
            ? (v.schedule as Values[]).map((t) => ({ trancheId: t.trancheId, funder: t.funder, dueOn: t.dueOn, amountFen: yuanToFen(t.amountFen) }))
            : undefined,
          reference: v.reference,
          reason: v.reason,
        });
      }}
      schema={adjustmentSchema}
      send={send}
      onDone={onDone}
    >
      <Space.Compact block style={{ gap: 16, display: 'flex' }}>
        <div style={{ flex: 1 }}>
          <MoneyField name="provinceGrantFen" label={`${project.funderNames.province}资助调整为（元）`} required={false} help={`现为 ${formatFen(project.contract.provinceGrantFen)}`} />
        </div>
        <div style={{ flex: 1 }}>
          <MoneyField name="zoneGrantFen" label={`${project.funderNames.zone}资助调整为（元）`} required={false} allowZero help={`现为 ${formatFen(project.contract.zoneGrantFen)}`} />
        </div>
      </Space.Compact>
      <Space.Compact block style={{ gap: 16, display: 'flex' }}>
        <div style={{ flex: 1 }}>
          <DateField name="endsOn" label="实施结束日延至" required={false} past={false} help={`现为 ${project.contract.endsOn}`} />
        </div>
        <div style={{ flex: 1 }}>
          <MoneyField name="newInvestmentFen" label="新增投入调整为（元）" required={false} help={`现为 ${formatFen(project.newInvestmentFen)}`} />
        </div>
      </Space.Compact>
      <Form.Item name="editSchedule" valuePropName="checked">
        <Checkbox>同时调整拨付计划</Checkbox>
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.editSchedule !== b.editSchedule}>
        {({ getFieldValue }) => (getFieldValue('editSchedule') ? <ScheduleEditor project={project} /> : null)}
      </Form.Item>
      <TextField name="reference" label="调整文号" />
      <TextField name="reason" label="调整原因" max={500} multiline />
    </ActionModal>
  );
}

/** Tranches of a schedule (registration and adjustment): id, funder, due date, amount in 元. */
export function ScheduleEditor({ project, funderNames }: { project?: ProjectView; funderNames?: { province: string; zone: string } }) {
  const names = project?.funderNames ?? funderNames ?? { province: '省级', zone: '高新区' };
  return (
    <Form.List name="schedule">
      {(fields, { add, remove }) => (
        <fieldset style={{ border: '1px solid #e5e7eb', borderRadius: 6, padding: '8px 12px 0', marginBottom: 16 }}>
          <legend style={{ fontSize: 14, padding: '0 4px', width: 'auto', marginBottom: 0, border: 0 }}>拨付计划（每批次一行）</legend>
          {fields.map((field, i) => (
            <div key={field.key} style={{ display: 'grid', gridTemplateColumns: '110px 130px 170px 1fr 56px', gap: 8, alignItems: 'start' }} data-testid="tranche-row">
              <Form.Item name={[field.name, 'trancheId']} label={`批次 ${i + 1} 编号`} rules={[{ required: true, message: '必填' }]}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item name={[field.name, 'funder']} label="资金来源" rules={[{ required: true, message: '必填' }]}>
                <Select options={(['province', 'zone'] as const).map((f) => ({ value: f, label: names[f] }))} />
              </Form.Item>
              <DateField name={[field.name, 'dueOn']} label="应拨付日" past={false} />
              <MoneyField name={[field.name, 'amountFen']} label="金额（元）" />
              <Form.Item label=" " colon={false}>
                <Button type="link" onClick={() => remove(field.name)} aria-label={`删除批次 ${i + 1}`} style={{ paddingInline: 0 }}>
                  删除
                </Button>
              </Form.Item>
            </div>
          ))}
          <Form.Item>
            <Button onClick={() => add({ funder: 'province' })}>+ 添加批次</Button>
          </Form.Item>
        </fieldset>
      )}
    </Form.List>
  );
}

export function InspectionModal({ project, open, onClose, onDone, identity }: ActionProps & { identity: Identity | null }) {
  const send = usePoster(project, '/inspections');
  const { label } = useI18n();
  const wide = identity?.roles.includes('admin') || identity?.roles.includes('city-bureau');
  const kinds = wide ? (['mid-term', 'supervision', 'fund-use'] as const) : (['fund-use'] as const);
  return (
    <ActionModal
      open={open}
      onClose={onClose}
      title="记录检查"
      formName="inspection"
      initialValues={{ kind: kinds[0], inspectedOn: todayInChina(), result: 'pass' }}
      intro={!wide ? <Typography.Paragraph type="secondary">高新区管委会负责本区项目的资金使用检查。</Typography.Paragraph> : undefined}
      toBody={(v: Values) => strip({ kind: v.kind, inspectedOn: v.inspectedOn, result: v.result, reference: v.reference, notes: memoOf(v.notes) })}
      schema={inspectionSchema}
      send={send}
      onDone={onDone}
    >
      <Form.Item name="kind" label="检查类型" rules={[{ required: true }]}>
        <Radio.Group options={kinds.map((k) => ({ value: k, label: label('inspection', k) }))} optionType="button" />
      </Form.Item>
      <DateField name="inspectedOn" label="检查日期" />
      <Form.Item name="result" label="检查结论" rules={[{ required: true }]}>
        <Radio.Group options={(['pass', 'rectify', 'fail'] as const).map((r) => ({ value: r, label: label('result', r) }))} optionType="button" />
      </Form.Item>
      <TextField name="reference" label="检查报告文号" />
      <TextField name="notes" label="发现的问题/说明" required={false} max={2000} multiline />
    </ActionModal>
  );
}

export function HoldModal({ project, open, onClose, onDone }: ActionProps) {
  const send = usePoster(project, '/holds');
  return (
    <ActionModal
      open={open}
      onClose={onClose}
      title="暂停拨付"
      formName="hold"
      intro={<Typography.Paragraph type="secondary">暂停期间不能划转和拨付；滞后预警标注“已暂停”（决定暂停，不是拖延）。</Typography.Paragraph>}
      toBody={(v: Values) => ({ reason: v.reason, reference: v.reference })}
      schema={holdSchema}
      send={send}
      onDone={onDone}
      okText="暂停拨付"
    >
      <TextField name="reason" label="暂停原因" max={500} multiline />
      <TextField name="reference" label="决定文号" />
    </ActionModal>
  );
}

export function ReleaseModal({ project, open, onClose, onDone }: ActionProps) {
  const api = useApi();
  return (
    <ActionModal
      open={open}
      onClose={onClose}
      title="解除暂停"
      formName="release"
      intro={project.hold && <Typography.Paragraph type="secondary">自 {project.hold.since} 起暂停（记录 {project.hold.entryId}）。解除后可继续划转和拨付。</Typography.Paragraph>}
      toBody={(v: Values) => strip({ reference: memoOf(v.reference), memo: memoOf(v.memo) })}
      schema={releaseSchema}
      send={(body, key) => api.post(`${apiPath`/projects/${project.projectId}/holds/${project.hold!.entryId}`}/release`, body, { schema: ledgerEventOut, idempotencyKey: key })}
      onDone={onDone}
      okText="解除暂停"
    >
      <TextField name="reference" label="决定文号" required={false} />
      <TextField name="memo" label="说明" required={false} max={500} />
    </ActionModal>
  );
}

export function ApplyAcceptanceModal({ project, open, onClose, onDone }: ActionProps) {
  const send = usePoster(project, '/acceptance-applications');
  return (
    <ActionModal
      open={open}
      onClose={onClose}
      title="申请验收结题"
      formName="applyAcceptance"
      initialValues={{ appliedOn: todayInChina() }}
      intro={<Typography.Paragraph type="secondary">实施期 {project.contract.startsOn} 至 {project.contract.endsOn}。验收由省科技厅组织，或交由设区市科技局组织。</Typography.Paragraph>}
      toBody={(v: Values) => strip({ appliedOn: v.appliedOn, reference: v.reference, memo: memoOf(v.memo) })}
      schema={acceptanceApplicationSchema}
      send={send}
      onDone={onDone}
    >
      <DateField name="appliedOn" label="申请日期" />
      <TextField name="reference" label="申请文号" />
      <TextField name="memo" label="说明" required={false} max={500} />
    </ActionModal>
  );
}

function RecoveryDueFields() {
  return (
    <>
      <MoneyField name="recoveryDueFen" label="应收回金额（元）" required={false} help="需要承担单位缴回资金时填写" />
      <DateField name="recoveryDueOn" label="收回期限" required={false} past={false} />
    </>
  );
}

export function AcceptanceResultModal({ project, open, onClose, onDone }: ActionProps) {
  const send = usePoster(project, '/acceptance-results');
  const { label } = useI18n();
  return (
    <ActionModal
      open={open}
      onClose={onClose}
      title="录入验收结论"
      formName="acceptanceResult"
      initialValues={{ result: 'pass', decidedOn: todayInChina() }}
      intro={
        <Typography.Paragraph type="secondary">
          {project.acceptance ? `高新区于 ${project.acceptance.appliedOn} 申请验收。` : ''}验收结论录入后项目结题：不再下达、配套或划转；通过后已划转或已确认的资金仍可拨付。
        </Typography.Paragraph>
      }
      toBody={(v: Values) =>
        strip({ result: v.result, decidedOn: v.decidedOn, reference: v.reference, recoveryDueFen: optionalFen(v.recoveryDueFen), recoveryDueOn: v.recoveryDueOn || undefined, memo: memoOf(v.memo) })
      }
      schema={acceptanceResultSchema}
      send={send}
      onDone={onDone}
    >
      <Form.Item name="result" label="验收结论" rules={[{ required: true }]}>
        <Radio.Group options={(['pass', 'fail'] as const).map((r) => ({ value: r, label: label('result', r) }))} optionType="button" />
      </Form.Item>
      <DateField name="decidedOn" label="结论日期" />
      <TextField name="reference" label="验收文号" />
      <RecoveryDueFields />
      <TextField name="memo" label="验收意见" required={false} max={500} />
    </ActionModal>
  );
}

export function TerminationModal({ project, open, onClose, onDone }: ActionProps) {
  const send = usePoster(project, '/termination');
  return (
    <ActionModal
      open={open}
      onClose={onClose}
      title="申请终止项目"
      formName="termination"
      intro={
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="双人复核：终止由一位管理员提出，另一位管理员批准后生效"
          description="生效后待配套的下达作废，不能再承诺、划转或拨付新的资金，进度预警停止。"
        />
      }
      toBody={(v: Values) => strip({ reason: v.reason, reference: v.reference, recoveryDueFen: optionalFen(v.recoveryDueFen), recoveryDueOn: v.recoveryDueOn || undefined })}
      schema={terminationSchema}
      send={send}
      onDone={onDone}
      okText="提出终止"
    >
      <TextField name="reason" label="终止原因" max={500} multiline />
      <TextField name="reference" label="文号" />
      <RecoveryDueFields />
    </ActionModal>
  );
}
