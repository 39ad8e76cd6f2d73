import { DateField, MoneyField } from '../../../components/forms';
import { useI18n } from '../../../i18n';

/** A recovery due that a decision may set (acceptance failed, termination). */
export function RecoveryDueFields() {
  const { t } = useI18n();
  return (
    <>
      <MoneyField name="recoveryDueFen" label={t('dialog.amountToRecoverYuan')} required={false} help={t('dialog.fillInWhenTheOwner')} />
      <DateField name="recoveryDueOn" label={t('dialog.recoverBy')} required={false} past={false} />
    </>
  );
}
