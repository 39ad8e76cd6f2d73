/**
 * /admin/clusters/:clusterId — one cluster: its program and zone, its usage against the caps (per
 * funder, as the program names them, and the project count), its projects; an admin closes its
 * cycle (POST /clusters/{id}/close): no new projects, and the zone's place for the program frees.
 */
import { App, Alert, Card, Col, Descriptions, Form, Row, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { DEFAULT_FUNDER_NAMES } from '../../../../domain/glossary/with-console';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAuth } from '../../auth/context';
import { hasRole } from '../../auth/permissions';
import { DateField, ProblemAlert, SubmitButton, TextField, useWriteForm } from '../../components/forms';
import { PageSpinner } from '../../components/PageSpinner';
import { PageTitle } from '../../components/PageTitle';
import { todayInChina } from '../../format/dates';
import { useCloseCluster, useCluster, type ClusterClose } from '../../services/admin';
import { clusterCloseSchema, type Cluster } from '../../services/schemas';
import { useNames } from './Clusters';
import { BackLink, isNotFound } from './parts';
import { programPath } from './Programs';
import { ClusterUsage } from './Usage';
import { useWords } from './words';

type Values = Partial<ClusterClose>;

function CloseCycle({ cluster }: { cluster: Cluster }) {
  const w = useWords();
  const { message, modal } = App.useApp();
  const close = useCloseCluster(cluster.clusterId);
  const f = useWriteForm({
    toBody: (v: Values) => ({ closedOn: v.closedOn, reference: v.reference?.trim() }),
    schema: clusterCloseSchema,
    send: (body) => close.mutateAsync(body),
    onDone: () => void message.success(w('admin.cluster.closedDone', { id: cluster.clusterId })),
    refusal: (error) =>
      error.status === 409 ? w('admin.cluster.alreadyClosed') : error.status === 404 ? w('admin.cluster.notFound', { id: cluster.clusterId }) : null,
  });
  const label = (dotted: string) => ({ closedOn: w('admin.cluster.closedOn'), reference: w('admin.cluster.closeReference') })[dotted] ?? dotted;
  return (
    <Card title={w('admin.cluster.close')} data-testid="cluster-close">
      <Typography.Paragraph type="secondary">{w('admin.cluster.closeLead')}</Typography.Paragraph>
      {/* It cannot be undone: asked once more, naming the cluster. */}
      <Form<Values>
        form={f.form}
        name="cluster-close"
        layout="vertical"
        requiredMark
        initialValues={{ closedOn: todayInChina() }}
        onFinish={() =>
          void modal.confirm({
            title: w('admin.cluster.closeAsk', { name: cluster.name }),
            okText: w('admin.cluster.closeConfirm'),
            cancelText: w('admin.common.cancel'),
            onOk: () => f.submit(),
          })
        }
      >
        {f.problem && <ProblemAlert explained={f.problem} label={label} />}
        <DateField name="closedOn" label={label('closedOn')} />
        <TextField name="reference" label={label('reference')} max={200} />
        <SubmitButton busy={f.busy}>{w('admin.cluster.closeConfirm')}</SubmitButton>
      </Form>
    </Card>
  );
}

export default function ClusterPage() {
  const { clusterId = '' } = useParams();
  const w = useWords();
  const { identity } = useAuth();
  const cluster = useCluster(clusterId);
  const names = useNames();
  const c = cluster.data;
  const program = c ? names.program(c.programCode) : undefined;
  const zone = c ? names.zone(c.zoneId) : undefined;

  return (
    <>
      <BackLink to="/admin/clusters" page={w('admin.clusters.title')} />
      <PageTitle title={c ? w('admin.cluster.title', { name: c.name }) : clusterId} />
      {isNotFound(cluster.error) ? (
        <Alert type="warning" showIcon title={w('admin.cluster.notFound', { id: clusterId })} />
      ) : cluster.error ? (
        <ErrorAlert error={cluster.error} onRetry={() => void cluster.refetch()} />
      ) : null}
      {cluster.isPending && <PageSpinner />}
      {c && (
        <>
          <Card style={{ marginBottom: 16 }}>
            <Descriptions
              column={{ xs: 1, lg: 3 }}
              items={[
                { key: 'id', label: w('admin.cluster.clusterId'), children: <code>{c.clusterId}</code> },
                {
                  key: 'program',
                  label: w('admin.cluster.program'),
                  span: 2,
                  children: <Link to={programPath(c.programCode)}>{program ? w('admin.common.nameWithCode', { name: program.name, code: c.programCode }) : c.programCode}</Link>,
                },
                { key: 'zone', label: w('admin.cluster.zone'), children: zone ? w('admin.common.nameWithCode', { name: zone.name, code: c.zoneId }) : c.zoneId },
                { key: 'industry', label: w('admin.cluster.industry'), children: c.industry },
                {
                  key: 'cycle',
                  label: w('admin.cluster.cycle'),
                  children: c.closedOn ? `${w('admin.cluster.closed', { date: c.closedOn })} · ${c.closeReference ?? ''}` : w('admin.cluster.open'),
                },
              ]}
            />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={hasRole(identity, 'admin') && !c.closedOn ? 16 : 24}>
              <Card title={w('admin.cluster.usage')} extra={<Link to={`/projects?clusterId=${encodeURIComponent(c.clusterId)}`}>{w('admin.cluster.viewProjects')}</Link>} data-testid="cluster-usage">
                <Typography.Paragraph type="secondary">{w('admin.cluster.usageLead')}</Typography.Paragraph>
                {/* Funders are named as the cluster's program names them: shown once the program is known. */}
                {names.settled ? <ClusterUsage cluster={c} funders={program?.funderNames ?? DEFAULT_FUNDER_NAMES} /> : <PageSpinner />}
              </Card>
            </Col>
            {hasRole(identity, 'admin') && !c.closedOn && (
              <Col xs={24} xl={8}>
                <CloseCycle cluster={c} />
              </Col>
            )}
          </Row>
        </>
      )}
    </>
  );
}
