import { LoginOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Navigate, useSearchParams } from 'react-router';
import { useAuth } from '../../auth/context';
import { safeReturnTo, takeReturnTo } from '../../auth/returnTo';
import type { CognitoAuth, LocalAuth } from '../../auth/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RoleTag } from '../../components/Labels';
import { PageSpinner } from '../../components/PageSpinner';
import { PageTitle } from '../../components/PageTitle';
import { useI18n } from '../../i18n';
import { useApi } from '../../services/api';
import { localIdentitiesResponse } from '../../services/schemas';

function LocalIdentities({ auth, onSignedIn }: { auth: LocalAuth; onSignedIn: () => void }) {
  const signIn = useMutation({ mutationFn: (identityId: string) => auth.signInAs(identityId), onSuccess: onSignedIn });
  const busy = signIn.isPending ? (signIn.variables ?? null) : null;
  const api = useApi();
  const identities = useQuery({ queryKey: ['local-identities'], queryFn: ({ signal }) => api.get('/local/identities', localIdentitiesResponse, { auth: false, signal }) });

  if (identities.isPending) return <PageSpinner />;
  if (identities.error) return <ErrorAlert error={identities.error} onRetry={() => void identities.refetch()} />;
  return (
    <Flex vertical gap={8}>
      {identities.data?.identities.map((identity) => (
        <Button
          key={identity.identityId}
          size="large"
          block
          loading={busy === identity.identityId}
          disabled={busy !== null && busy !== identity.identityId}
          onClick={() => signIn.mutate(identity.identityId)}
          style={{ height: 'auto', padding: '10px 16px', justifyContent: 'flex-start', textAlign: 'start' }}
          data-role={identity.role}
        >
          <Flex align="center" gap={12} style={{ width: '100%' }} wrap>
            <span style={{ fontWeight: 600, minWidth: 150 }}>{identity.name}</span>
            <RoleTag role={identity.role} />
            <Typography.Text type="secondary" style={{ flex: 1 }}>
              {identity.scope}
            </Typography.Text>
            <code style={{ fontSize: 12, color: '#374151' }}>
              {identity.role}
              {identity.zoneId ? ` · ${identity.zoneId}` : ''}
            </code>
          </Flex>
        </Button>
      ))}
    </Flex>
  );
}

function CognitoSignIn({ auth, returnTo }: { auth: CognitoAuth; returnTo: string }) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph>{t('signin.cognitoLead')}</Typography.Paragraph>
      <Button type="primary" size="large" icon={<LoginOutlined />} onClick={() => void auth.signInRedirect(returnTo)}>
        {t('signin.cognito')}
      </Button>
    </Flex>
  );
}

export default function SignInPage() {
  const auth = useAuth();
  const { t } = useI18n();
  const [params] = useSearchParams();
  const [done, setDone] = useState(false);
  const returnTo = safeReturnTo(params.get('from'));

  if (auth.status === 'loading') return <PageSpinner />;
  if (auth.status === 'signed-in' || done) {
    const target = auth.kind === 'cognito' ? safeReturnTo(takeReturnTo()) : returnTo;
    return <Navigate to={target} replace />;
  }

  return (
    <main style={{ minHeight: '100vh', background: '#f0f2f5', display: 'flex', justifyContent: 'center', alignItems: 'flex-start', padding: '64px 16px' }}>
      <Card style={{ width: '100%', maxWidth: 560 }}>
        <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
        <PageTitle title={t('signin.title')} />
        {auth.error && <Alert type="error" showIcon title={t('signin.failed')} description={auth.error} style={{ marginBottom: 16 }} />}
        {auth.kind === 'local' ? (
          <>
            <Typography.Paragraph>{t('signin.lead')}</Typography.Paragraph>
            <LocalIdentities auth={auth} onSignedIn={() => setDone(true)} />
            <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
              {t('signin.localNote')}
            </Typography.Paragraph>
          </>
        ) : (
          <CognitoSignIn auth={auth} returnTo={returnTo} />
        )}
      </Card>
    </main>
  );
}
