import { Alert } from 'antd';
import type { VerifyResult } from '../../services/schemas';
import { useI18n } from '../../i18n';

/** The answer of GET …/verify: the chain is whole (and in the digest, when one was asked) or where it broke. */
export function VerifyOutcome({ result, digest }: { result: VerifyResult; digest: string | null }) {
  const { t } = useI18n();
  const d = result.digest;
  const digestLine = d
    ? d.included
      ? t(d.chainMatches === false ? 'project.digestIncludesMismatch' : 'project.digestIncludes', { digestId: d.digestId, treeSize: d.treeSize, root: d.root.slice(0, 16), entries: d.leaf?.entries ?? '?' })
      : t('project.dailyDigestWasMadeBefore', { digestId: d.digestId })
    : digest
      ? ''
      : null;
  if (result.valid) {
    return (
      <Alert
        type={d && d.included && d.chainMatches === false ? 'error' : 'success'}
        showIcon
        role="status"
        data-testid="verify-result"
        data-valid="true"
        title={t('project.verifyValid', { entries: result.entries })}
        description={
          <>
            
            {t('project.chainHeadHash')}<code style={{ wordBreak: 'break-all' }}>{result.headHash}</code>
            {digestLine && <div data-testid="verify-digest">{digestLine}</div>}
          </>
        }
        style={{ marginBottom: 16 }}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="verify-result"
      data-valid="false"
      title={t('project.ledgerBrokenTheHashChain', { brokenAtSeq: result.brokenAtSeq })}
      description={
        <>
          {result.reason}
          {digestLine && <div data-testid="verify-digest">{digestLine}</div>}
        </>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
