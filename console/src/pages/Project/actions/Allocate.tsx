import { Typography } from 'antd';
import { DateField, MoneyField, TextField, yuanToFen } from '../../../components/forms';
import { todayInChina } from '../../../format/dates';
import { allocationSchema } from '../../../services/schemas';
import { Figures, LedgerDialog, limitOf, memoOf, strip, useProjectPost, type ActionProps, type Values } from './shared';

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
      toBody={(v: Values) => strip({ amountFen: yuanToFen(v.amountFen), valueDate: v.valueDate, reference: v.reference, memo: memoOf(v.memo) })}
      schema={allocationSchema}
      send={send}
    >
      <MoneyField name="amountFen" label="下达金额（元）" testId="capital-amount" />
      <DateField name="valueDate" label="下达日期" />
      <TextField name="reference" label="计划下达文号" placeholder="苏财教〔2025〕12号" />
      <TextField name="memo" label="备注" required={false} max={500} />
    </LedgerDialog>
  );
}
