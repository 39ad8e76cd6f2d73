/** 可办理事项: the writes the person may make here, each opening its dialog; why one cannot be made now. */
import { Button, Card, Flex, Tooltip } from 'antd';
import type { Offer, ProjectKind } from '../../auth/permissions';
import { useI18n } from '../../i18n';
import type { OpenAction } from './actions';

const PRIMARY = new Set<ProjectKind>(['allocation', 'match-confirmation', 'transfer', 'disbursement']);

export function ActionsCard({ offers, onAction }: { offers: Offer[]; onAction: (action: OpenAction) => void }) {
  const { t } = useI18n();
  const blocked = offers.filter((o) => o.disabledReason);
  const why = (o: Offer) => (o.disabledReason ? t(o.disabledReason.id, o.disabledReason.vars) : undefined);
  return (
    <Card title={t('project.actions')} size="small" data-testid="actions">
      <Flex wrap gap={8}>
        {offers.map((o) => (
          <Tooltip key={o.type} title={why(o)}>
            <Button type={PRIMARY.has(o.type) ? 'primary' : 'default'} disabled={Boolean(o.disabledReason)} onClick={() => onAction({ type: o.type })} data-action={o.type}>
              {t(`entry.${o.type}`)}
            </Button>
          </Tooltip>
        ))}
      </Flex>
      {blocked.length > 0 && (
        <ul style={{ margin: '8px 0 0', paddingInlineStart: 18, fontSize: 12, color: 'rgba(0,0,0,0.65)' }}>
          {blocked.map((o) => (
            <li key={o.type}>
              {t(`entry.${o.type}`)}
              {t('ui.colon')}
              {why(o)}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
