/** 可办理事项: the writes the person may make here, each opening its dialog; why one cannot be made now. */
import { Button, Card, Flex, Tooltip } from 'antd';
import type { ActionKey, Offer } from '../../auth/permissions';
import { ACTION_LABEL, type OpenAction } from './actions';
import { useI18n } from '../../i18n';

const PRIMARY = new Set<ActionKey>(['allocate', 'confirm', 'transfer', 'pay']);

export function ActionsCard({ offers, onAction }: { offers: Offer[]; onAction: (action: OpenAction) => void }) {
  const { t } = useI18n();
  const blocked = offers.filter((o) => o.disabledReason);
  return (
    <Card title={t('project.actions')} size="small" data-testid="actions">
      <Flex wrap gap={8}>
        {offers.map((o) => (
          <Tooltip key={o.key} title={o.disabledReason}>
            <Button
              type={PRIMARY.has(o.key) ? 'primary' : 'default'}
              disabled={Boolean(o.disabledReason)}
              onClick={() => onAction({ key: o.key } as OpenAction)}
              data-action={o.key}
            >
              {ACTION_LABEL[o.key]}
            </Button>
          </Tooltip>
        ))}
      </Flex>
      {blocked.length > 0 && (
        <ul style={{ margin: '8px 0 0', paddingInlineStart: 18, fontSize: 12, color: 'rgba(0,0,0,0.65)' }}>
          {blocked.map((o) => (
            <li key={o.key}>
              {ACTION_LABEL[o.key]}{t('ui.colon')}{o.disabledReason}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
