import { Button, Form, Input, Select } from 'antd';
import { DateField, MoneyField } from './forms';
import { useI18n } from '../i18n';

/** Tranches of a schedule (registration and adjustment): id, funder, due date, amount in 元. */
export function ScheduleEditor({ funderNames }: { funderNames: { province: string; zone: string } }) {
  const { t } = useI18n();
  return (
    <Form.List name="schedule">
      {(fields, { add, remove }) => (
        <fieldset style={{ border: '1px solid #e5e7eb', borderRadius: 6, padding: '8px 12px 0', marginBottom: 16 }}>
          <legend style={{ fontSize: 14, padding: '0 4px', width: 'auto', marginBottom: 0, border: 0 }}>{t('form.paymentScheduleOneTranchePer')}</legend>
          {fields.map((field, i) => (
            <div key={field.key} style={{ display: 'grid', gridTemplateColumns: '110px 130px 170px 1fr 56px', gap: 8, alignItems: 'start' }} data-testid="tranche-row">
              <Form.Item name={[field.name, 'trancheId']} label={t('form.trancheId', { v1: i + 1 })} rules={[{ required: true, message: t('ui.required') }]}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item name={[field.name, 'funder']} label={t('ui.funder')} rules={[{ required: true, message: t('ui.required') }]}>
                <Select options={(['province', 'zone'] as const).map((f) => ({ value: f, label: funderNames[f] }))} />
              </Form.Item>
              <DateField name={[field.name, 'dueOn']} label={t('ui.dueOn')} past={false} />
              <MoneyField name={[field.name, 'amountFen']} label={t('ui.amountYuan')} />
              <Form.Item label=" " colon={false}>
                <Button type="link" onClick={() => remove(field.name)} aria-label={t('form.deleteTranche', { v1: i + 1 })} style={{ paddingInline: 0 }}>
                  
                  {t('ui.delete')}
                </Button>
              </Form.Item>
            </div>
          ))}
          <Form.Item>
            <Button onClick={() => add({ funder: 'province' })}>{t('form.addTranche')}</Button>
          </Form.Item>
        </fieldset>
      )}
    </Form.List>
  );
}
