import { Typography } from 'antd';
import { useI18n } from '../i18n';
import type { ProblemDetails } from '../services/problems';

/**
 * The technical side of a problem — rule id, HTTP status, the API's own (English) detail — folded
 * behind a toggle: what a person reads first is the glossary's sentence above it.
 */
export function ProblemDetailsToggle({ details }: { details: ProblemDetails | undefined }) {
  const { t } = useI18n();
  if (!details || Object.keys(details).length === 0) return null;
  const rows: [string, string | number | undefined][] = [
    [t('problem.rule'), details.rule],
    [t('problem.status'), details.status],
    [t('problem.detail'), details.detail],
    [t('problem.request'), details.request],
  ];
  return (
    <details data-testid="problem-details" style={{ marginTop: 4, fontSize: 12 }}>
      <summary style={{ cursor: 'pointer', color: 'rgba(0,0,0,0.65)' }}>{t('problem.details')}</summary>
      <dl style={{ margin: '4px 0 0', display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 8 }}>
        {rows
          .filter(([, v]) => v !== undefined && v !== '')
          .map(([k, v]) => (
            <div key={k} style={{ display: 'contents' }}>
              <dt>
                <Typography.Text type="secondary">{k}</Typography.Text>
              </dt>
              <dd style={{ margin: 0, wordBreak: 'break-word' }}>
                <code lang="en">{v}</code>
              </dd>
            </div>
          ))}
      </dl>
    </details>
  );
}
