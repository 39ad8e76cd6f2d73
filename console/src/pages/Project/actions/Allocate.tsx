import { useEffect } from 'react';
import { Form, Select, Typography } from 'antd';
import { DateField, MoneyField, TextField, yuanToFen } from '../../../components/forms';
import { todayInChina } from '../../../format/dates';
import { formatFen } from '../../../format/money';
import { useIndicators } from '../../../services/budget';
import { allocationSchema, type ProjectView } from '../../../services/schemas';
import { Figures, LedgerDialog, limitOf, memoOf, strip, useProjectPost, type ActionProps, type Values } from './shared';

/**
 * The budget indicator the allocation draws on: the open ones of the project's program and of the
 * value date's year, with what each has left; the first is chosen when none is.
 */
function IndicatorSelect({ project }: { project: ProjectView }) {
  const form = Form.useFormInstance();
  const valueDate: unknown = Form.useWatch('valueDate');
  const year = typeof valueDate === 'string' ? Number(valueDate.slice(0, 4)) : null;
  const open = useIndicators(project.programCode).filter((i) => i.status === 'open' && i.fiscalYear === year);
  const chosen: unknown = Form.useWatch('indicatorNo');
  const first = open[0]?.indicatorNo;
  useEffect(() => {
    if (first !== undefined && (chosen === undefined || !open.some((i) => i.indicatorNo === chosen))) form.setFieldValue('indicatorNo', first);
  });
  return (
    <Form.Item name="indicatorNo" label="预算指标" extra="专项实行预算指标控制时必选：下达额不得超过指标剩余额度。">
      <Select
        allowClear
        placeholder={year === null ? '先选下达日期' : `无 ${year} 年度可用指标`}
        options={open.map((i) => ({ value: i.indicatorNo, label: `${i.indicatorNo} · 剩余 ${formatFen(i.remainingFen)} 元` }))}
      />
    </Form.Item>
  );
}

export function Allocate({ project, onClose }: ActionProps) {
  const send = useProjectPost(project, '/allocations');
  const perProject = limitOf(project, 'province-per-project', 'province');
  const grant = limitOf(project, 'contract-grant', 'province');
  return (
    <LedgerDialog
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
      toBody={(v: Values) => strip({ amountFen: yuanToFen(v.amountFen), valueDate: v.valueDate, reference: v.reference, memo: memoOf(v.memo), indicatorNo: typeof v.indicatorNo === 'string' ? v.indicatorNo : undefined })}
      schema={allocationSchema}
      send={send}
    >
      <MoneyField name="amountFen" label="下达金额（元）" testId="capital-amount" />
      <DateField name="valueDate" label="下达日期" />
      <IndicatorSelect project={project} />
      <TextField name="reference" label="计划下达文号" placeholder="苏财教〔2025〕12号" />
      <TextField name="memo" label="备注" required={false} max={500} />
    </LedgerDialog>
  );
}
