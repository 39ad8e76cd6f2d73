/**
 * The finance officer's indicator writes, each a dialog checked with the API's own request schema
 * before it is sent: record an indicator; carry one over (结转) and lapse one (收回), each saying
 * first what will happen to the money (the rest in 元, in 大写 too).
 */
import { Alert, App, Form, Select } from 'antd';
import { ActionModal } from '../../components/ActionModal';
import { DateField, MoneyField, TextField, yuanToFen } from '../../components/forms';
import { capitalAmount } from '../../format/capital';
import { formatYuanDigits } from '../../format/money';
import { todayInChina } from '../../format/dates';
import { useI18n } from '../../i18n';
import { useCatalog } from '../../services/catalog';
import { useCarryOver, useCreateIndicator, useLapse, type CarryOverInput, type IndicatorInput, type LapseInput } from '../../services/budget';
import { carryOverSchema, indicatorCreateSchema, lapseSchema, type BudgetIndicator } from '../../services/schemas';

type Values = Record<string, unknown>;

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** The years offered: a few back (history brought in) and the next one. */
export function fiscalYears(today: string): number[] {
  const year = Number(today.slice(0, 4));
  return [year + 1, year, year - 1, year - 2, year - 3];
}

export function NewIndicator({ onClose, preset }: { onClose: () => void; preset: { fiscalYear?: number | undefined; programCode?: string | undefined } }) {
  const { t } = useI18n();
  const catalog = useCatalog();
  const { message } = App.useApp();
  const create = useCreateIndicator();
  const today = todayInChina();
  return (
    <ActionModal<Values, IndicatorInput, { indicator: BudgetIndicator }>
      title={t('budget.new')}
      formName="indicator"
      onClose={onClose}
      okText={t('budget.create')}
      initialValues={{ fiscalYear: preset.fiscalYear ?? Number(today.slice(0, 4)), programCode: preset.programCode, issuedOn: today }}
      toBody={(v) => ({
        indicatorNo: text(v.indicatorNo),
        fiscalYear: v.fiscalYear,
        programCode: v.programCode,
        amountFen: yuanToFen(v.amountFen),
        issuedOn: v.issuedOn,
        ...(text(v.reference) ? { reference: text(v.reference) } : {}),
      })}
      schema={indicatorCreateSchema}
      send={(body) => create.mutateAsync(body)}
      successText=""
      onDone={(r) => void message.success(t('budget.created', { indicatorNo: r.indicator.indicatorNo }))}
    >
      <TextField name="indicatorNo" label={t('budget.field.indicatorNo')} help={t('budget.field.indicatorNoHelp')} />
      <Form.Item name="fiscalYear" label={t('budget.field.fiscalYear')} rules={[{ required: true, message: t('budget.field.fiscalYear') }]}>
        <Select options={fiscalYears(today).map((y) => ({ value: y, label: String(y) }))} />
      </Form.Item>
      <Form.Item name="programCode" label={t('budget.field.programCode')} rules={[{ required: true, message: t('budget.field.programCode') }]}>
        <Select showSearch={{ optionFilterProp: 'label' }} options={(catalog?.programs ?? []).map((p) => ({ value: p.code, label: t('admin.common.nameWithCode', { name: p.name, code: p.code }) }))} />
      </Form.Item>
      <MoneyField name="amountFen" label={t('budget.field.amount')} testId="indicator-capital" />
      <DateField name="issuedOn" label={t('budget.field.issuedOn')} />
      <TextField name="reference" label={t('budget.field.reference')} required={false} max={200} />
    </ActionModal>
  );
}

/** What happens to the rest, in 元 and 大写. */
function What({ id, indicator, year }: { id: 'budget.carryOver.what' | 'budget.lapse.what'; indicator: BudgetIndicator; year?: number }) {
  const { t } = useI18n();
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="close-what"
      style={{ marginBottom: 16 }}
      title={t(id, { amount: formatYuanDigits(indicator.remainingFen), capital: capitalAmount(indicator.remainingFen), year: year ?? '' })}
    />
  );
}

export function CarryOver({ indicator, onClose }: { indicator: BudgetIndicator; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const carry = useCarryOver(indicator.indicatorNo);
  return (
    <ActionModal<Values, CarryOverInput, { created: BudgetIndicator }>
      title={t('budget.carryOver.title', { indicatorNo: indicator.indicatorNo })}
      formName="carry-over"
      onClose={onClose}
      okText={t('budget.carryOver')}
      intro={<What id="budget.carryOver.what" indicator={indicator} year={indicator.fiscalYear + 1} />}
      toBody={(v) => ({ indicatorNo: text(v.indicatorNo), reference: text(v.reference) })}
      schema={carryOverSchema}
      send={(body) => carry.mutateAsync(body)}
      successText=""
      onDone={(r) => void message.success(t('budget.carryOver.done', { indicatorNo: r.created.indicatorNo, amount: formatYuanDigits(r.created.amountFen) }))}
    >
      <TextField name="indicatorNo" label={t('budget.field.newIndicatorNo')} help={t('budget.field.indicatorNoHelp')} />
      <TextField name="reference" label={t('budget.field.closeReference')} max={200} />
    </ActionModal>
  );
}

export function Lapse({ indicator, onClose }: { indicator: BudgetIndicator; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const lapse = useLapse(indicator.indicatorNo);
  return (
    <ActionModal<Values, LapseInput, { indicator: BudgetIndicator }>
      title={t('budget.lapse.title', { indicatorNo: indicator.indicatorNo })}
      formName="lapse"
      onClose={onClose}
      okText={t('budget.lapse')}
      danger
      intro={<What id="budget.lapse.what" indicator={indicator} />}
      toBody={(v) => ({ reference: text(v.reference) })}
      schema={lapseSchema}
      send={(body) => lapse.mutateAsync(body)}
      successText=""
      onDone={(r) => void message.success(t('budget.lapse.done', { amount: formatYuanDigits(r.indicator.lapsedFen ?? 0) }))}
    >
      <TextField name="reference" label={t('budget.field.closeReference')} max={200} />
    </ActionModal>
  );
}
