/**
 * /admin/digests — the latest digest of a day (GET /digests/{date}) with its id, root and project
 * count, and the day's other digests; the admin makes one now (POST /digests). Every role reads.
 */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Flex, Form, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAuth } from '../../auth/context';
import { hasRole } from '../../auth/permissions';
import { ProblemAlert, useWriteForm } from '../../components/forms';
import { PageSpinner } from '../../components/PageSpinner';
import { PageTitle } from '../../components/PageTitle';
import { formatTimestamp, todayInChina } from '../../format/dates';
import { useDigest, useMakeDigest } from '../../services/admin';
import type { Digest } from '../../services/schemas';
import { isNotFound } from './parts';
import { useWords } from './words';
import * as z from 'zod/mini';

function DigestCard({ digest, latest, onPick }: { digest: Digest; latest: boolean; onPick: (id: string) => void }) {
  const w = useWords();
  return (
    <Card title={latest ? w('admin.digests.latest', { date: digest.date }) : w('admin.digests.one', { id: digest.digestId })} data-testid="digest">
      <Descriptions
        column={{ xs: 1, lg: 2 }}
        items={[
          { key: 'id', label: w('admin.digest.id'), children: <code data-testid="digest-id">{digest.digestId}</code> },
          { key: 'projects', label: w('admin.digest.projects'), children: <span data-testid="digest-projects">{digest.projects}</span> },
          { key: 'createdAt', label: w('admin.digest.createdAt'), children: formatTimestamp(digest.createdAt) },
          { key: 'trigger', label: w('admin.digest.trigger'), children: w(`admin.digest.trigger.${digest.trigger}`) },
          { key: 'root', label: w('admin.digest.root'), span: 2, children: <code style={{ wordBreak: 'break-all' }} data-testid="digest-root">{digest.root}</code> },
          { key: 'algorithm', label: w('admin.digest.algorithm'), span: 2, children: <code style={{ fontSize: 12 }}>{digest.algorithm}</code> },
          {
            key: 'day',
            label: w('admin.digest.dayDigests'),
            span: 2,
            children: (
              <Space wrap>
                {digest.dayDigests.map((id) => (
                  <Tag.CheckableTag key={id} checked={id === digest.digestId} onChange={() => onPick(id)}>
                    {id}
                  </Tag.CheckableTag>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        {w('admin.digests.verifyHint')}
      </Typography.Paragraph>
    </Card>
  );
}

/** POST /digests takes no body: the form is the button, and its refusal. */
function MakeDigest({ onMade }: { onMade: (digest: Digest) => void }) {
  const w = useWords();
  const { message } = App.useApp();
  const make = useMakeDigest();
  const f = useWriteForm({
    toBody: () => undefined,
    schema: z.undefined(),
    send: () => make.mutateAsync(undefined),
    onDone: (digest: Digest) => {
      void message.success(w('admin.digests.made', { id: digest.digestId }));
      onMade(digest);
    },
  });
  return (
    <Form form={f.form} name="digest" onFinish={() => void f.submit()}>
      {f.problem && <ProblemAlert explained={f.problem} />}
      <Button type="primary" htmlType="submit" icon={<SafetyCertificateOutlined />} loading={f.busy} aria-busy={f.busy}>
        {w('admin.digests.make')}
      </Button>
    </Form>
  );
}

export default function DigestsPage() {
  const w = useWords();
  const { identity } = useAuth();
  const today = todayInChina();
  // A date (the latest digest of that day) or a digest id.
  const [ref, setRef] = useState(today);
  const date = ref.slice(0, 10);
  const digest = useDigest(ref);
  return (
    <>
      <PageTitle title={w('admin.digests.title')} extra={hasRole(identity, 'admin') && <MakeDigest onMade={(d) => setRef(d.date)} />} />
      <Typography.Paragraph type="secondary" style={{ maxWidth: 880 }} data-testid="digests-lead">
        {w('admin.digests.lead')}
      </Typography.Paragraph>
      <Flex gap={8} align="center" style={{ marginBottom: 16 }}>
        <label htmlFor="digest-date">{w('admin.digests.date')}</label>
        <DatePicker
          id="digest-date"
          format="YYYY-MM-DD"
          value={dayjs(date)}
          allowClear={false}
          disabledDate={(d: Dayjs) => d.format('YYYY-MM-DD') > today}
          onChange={(d: Dayjs | null) => d && setRef(d.format('YYYY-MM-DD'))}
        />
      </Flex>
      {isNotFound(digest.error) ? (
        <Alert type="info" showIcon title={w('admin.digests.none', { date })} data-testid="digest-none" />
      ) : digest.error ? (
        <ErrorAlert error={digest.error} onRetry={() => void digest.refetch()} />
      ) : null}
      {digest.isPending && <PageSpinner />}
      {digest.data && <DigestCard digest={digest.data} latest={ref === digest.data.date} onPick={setRef} />}
    </>
  );
}
