import { Typography } from 'antd';
import { DateField, MoneyField, optionalFen, TextField } from '../../../components/forms';
import { todayInChina } from '../../../format/dates';
import { decommitmentSchema } from '../../../services/schemas';
import { Figures, LedgerDialog, strip, useProjectPost, type ActionProps, type Values } from './shared';

export function Decommit({ project, onClose }: ActionProps) {
  const send = useProjectPost(project, '/decommitments');
  const { province, zone } = project.balances;
  return (
    <LedgerDialog
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
    >
      <MoneyField name="provinceFen" label={`${project.funderNames.province}核减金额（元）`} required={false} />
      <MoneyField name="zoneFen" label={`${project.funderNames.zone}核减金额（元）`} required={false} />
      <DateField name="valueDate" label="核减日期" />
      <TextField name="reference" label="核减文号" />
      <TextField name="reason" label="核减原因" max={500} multiline />
    </LedgerDialog>
  );
}
