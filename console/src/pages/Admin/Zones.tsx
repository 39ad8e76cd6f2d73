/** /admin/zones — the high-tech zones with their cities; an admin creates one (POST /zones). */
import { App, Card, Col, Form, Input, Row, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAuth } from '../../auth/context';
import { hasRole } from '../../auth/permissions';
import { ProblemAlert, SubmitButton, useWriteForm } from '../../components/forms';
import { PageTitle } from '../../components/PageTitle';
import { useCreateZone, useZones, type ZoneInput } from '../../services/admin';
import { zoneSchema, type Zone } from '../../services/schemas';
import { ReadOnlyNote } from './parts';
import { useWords } from './words';

type Values = Partial<ZoneInput>;

function NewZone() {
  const w = useWords();
  const { message } = App.useApp();
  const create = useCreateZone();
  const f = useWriteForm({
    toBody: (v: Values) => ({ zoneId: v.zoneId?.trim(), name: v.name?.trim(), city: v.city, level: v.level }),
    schema: zoneSchema,
    send: (body) => create.mutateAsync(body),
    onDone: (zone) => {
      void message.success(w('admin.zone.created', { id: zone.zoneId }));
      f.form.resetFields();
    },
    refusal: (error, sent) => (error.status === 409 ? w('admin.zone.exists', { id: sent.zoneId }) : null),
  });
  const label = (dotted: string) => (['zoneId', 'name', 'city', 'level'].includes(dotted) ? w(`admin.zone.${dotted as 'zoneId' | 'name' | 'city' | 'level'}`) : dotted);
  return (
    <Card title={w('admin.zone.new')} data-testid="zone-new">
      <Form<Values> form={f.form} name="zone" layout="vertical" requiredMark initialValues={{ level: 'national' }} onFinish={() => void f.submit()}>
        {f.problem && <ProblemAlert explained={f.problem} label={label} />}
        <Form.Item name="zoneId" label={label('zoneId')} extra={w('admin.zone.idHelp')} rules={[{ required: true, whitespace: true, message: label('zoneId') }]}>
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item name="name" label={label('name')} rules={[{ required: true, whitespace: true, message: label('name') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="city" label={label('city')} rules={[{ required: true, whitespace: true, message: label('city') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="level" label={label('level')} rules={[{ required: true, message: label('level') }]}>
          <Select options={(['national', 'provincial'] as const).map((l) => ({ value: l, label: w(`admin.zone.level.${l}`) }))} />
        </Form.Item>
        <SubmitButton busy={f.busy}>{w('admin.zone.create')}</SubmitButton>
      </Form>
    </Card>
  );
}

export default function ZonesPage() {
  const w = useWords();
  const { identity } = useAuth();
  const zones = useZones();
  const admin = hasRole(identity, 'admin');
  const columns: ColumnsType<Zone> = [
    { title: w('admin.zone.zoneId'), dataIndex: 'zoneId', width: 140, render: (id: string) => <code style={{ whiteSpace: 'nowrap' }}>{id}</code> },
    { title: w('admin.zone.name'), dataIndex: 'name' },
    { title: w('admin.zone.city'), dataIndex: 'city', width: 120 },
    { title: w('admin.zone.level'), dataIndex: 'level', width: 90, render: (l: Zone['level']) => w(`admin.zone.level.${l}`) },
    { title: w('admin.nav.clusters'), key: 'clusters', width: 110, render: (_: unknown, z) => <Link to={`/admin/clusters?zoneId=${encodeURIComponent(z.zoneId)}`}>{w('admin.zone.clusters')}</Link> },
  ];
  return (
    <>
      <PageTitle title={w('admin.zones.title')} />
      <Typography.Paragraph type="secondary">{w('admin.zones.lead')}</Typography.Paragraph>
      {!admin && <ReadOnlyNote />}
      {zones.error ? <ErrorAlert error={zones.error} onRetry={() => void zones.refetch()} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={admin ? 16 : 24}>
          <Card>
            <Table<Zone>
              rowKey="zoneId"
              size="middle"
              columns={columns}
              dataSource={zones.data?.zones ?? []}
              loading={zones.isPending}
              pagination={false}
              locale={{ emptyText: zones.error ? '—' : w('admin.zones.empty') }}
              data-testid="zones"
            />
          </Card>
        </Col>
        {admin && (
          <Col xs={24} xl={8}>
            <NewZone />
          </Col>
        )}
      </Row>
    </>
  );
}
