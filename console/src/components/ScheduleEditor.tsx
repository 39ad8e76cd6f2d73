import { Button, Form, Input, Select } from 'antd';
import { DateField, MoneyField } from './forms';

/** Tranches of a schedule (registration and adjustment): id, funder, due date, amount in 元. */
export function ScheduleEditor({ funderNames }: { funderNames: { province: string; zone: string } }) {
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
                <Select options={(['province', 'zone'] as const).map((f) => ({ value: f, label: funderNames[f] }))} />
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
