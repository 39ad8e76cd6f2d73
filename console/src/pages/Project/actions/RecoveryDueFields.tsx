import { DateField, MoneyField } from '../../../components/forms';

/** A recovery due that a decision may set (acceptance failed, termination). */
export function RecoveryDueFields() {
  return (
    <>
      <MoneyField name="recoveryDueFen" label="应收回金额（元）" required={false} help="需要承担单位缴回资金时填写" />
      <DateField name="recoveryDueOn" label="收回期限" required={false} past={false} />
    </>
  );
}
