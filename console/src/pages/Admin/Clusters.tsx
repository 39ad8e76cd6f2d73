/**
 * /admin/clusters[?zoneId=&programCode=] — clusters with their usage against their caps, by zone
 * and program (the API's key conditions), page by page; an admin creates one (POST /clusters).
 */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { DEFAULT_FUNDER_NAMES } from '../../../../domain/glossary/with-console';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAuth } from '../../auth/context';
import { hasRole } from '../../auth/permissions';
import { OptionalFilter, useAddressFilters } from '../../components/Filters';
import { ProblemAlert, SubmitButton, useWriteForm } from '../../components/forms';
import { ListFooter } from '../../components/ListFooter';
import { PageTitle } from '../../components/PageTitle';
import { ScrollTable } from '../../components/ScrollTable';
import { useClusterPages, useCreateCluster, usePrograms, useZones, type ClusterInput } from '../../services/admin';
import { clusterSchema, type Cluster, type Program, type Zone } from '../../services/schemas';
import { ReadOnlyNote } from './parts';
import { FundUsage, ProjectUsage } from './Usage';
import { useWords } from './words';

export const clusterPath = (clusterId: string) => `/admin/clusters/${encodeURIComponent(clusterId)}`;

/** Names for codes: a program's and a zone's name with its code, where a person needs the code. */
export function useNames() {
  const programQuery = usePrograms();
  const programs = programQuery.data?.programs ?? [];
  const zones = useZones().data?.zones ?? [];
  return {
    programs,
    zones,
    /** The programs are read (or could not be): funders can be named. */
    settled: !programQuery.isPending,
    program: (code: string): Program | undefined => programs.find((p) => p.code === code),
    zone: (zoneId: string): Zone | undefined => zones.find((z) => z.zoneId === zoneId),
  };
}

type Values = Partial<ClusterInput>;

function NewCluster({ onClose, preset }: { onClose: () => void; preset: Values }) {
  const w = useWords();
  const { message } = App.useApp();
  const names = useNames();
  const create = useCreateCluster();
  const f = useWriteForm({
    toBody: (v: Values) => ({ clusterId: v.clusterId?.trim(), programCode: v.programCode, zoneId: v.zoneId, name: v.name?.trim(), industry: v.industry?.trim() }),
    schema: clusterSchema,
    send: (body) => create.mutateAsync(body),
    onDone: (cluster) => {
      void message.success(w('admin.cluster.created', { id: cluster.clusterId }));
      onClose();
    },
    refusal: (error, { clusterId, zoneId, programCode }) => {
      if (error.status === 409) return w('admin.cluster.exists', { id: clusterId });
      if (error.status === 400 && (error.problem.errors ?? []).some((e) => e.path === 'programCode' || e.path === 'zoneId')) return w('admin.cluster.unknownRef');
      if (error.status === 422 && error.rule === 'cluster-quota') {
        const program = names.program(programCode);
        return w('admin.cluster.quotaFull', { zone: names.zone(zoneId)?.name ?? zoneId, program: program?.name ?? programCode, quota: program?.quotas.clustersPerZone ?? '' });
      }
      return null;
    },
  });
  const programCode = Form.useWatch('programCode', f.form) as string | undefined;
  const quota = programCode ? names.program(programCode)?.quotas.clustersPerZone : null;
  const label = (dotted: string) =>
    ({ clusterId: w('admin.cluster.clusterId'), programCode: w('admin.cluster.program'), zoneId: w('admin.cluster.zone'), name: w('admin.cluster.name'), industry: w('admin.cluster.industry') })[dotted] ?? dotted;
  return (
    <Modal open title={w('admin.cluster.new')} onCancel={onClose} footer={null} width={560} maskClosable={false}>
      <Form<Values> form={f.form} name="cluster" layout="vertical" requiredMark initialValues={preset} onFinish={() => void f.submit()}>
        {f.problem && <ProblemAlert explained={f.problem} label={label} />}
        <Form.Item name="clusterId" label={label('clusterId')} extra={w('admin.cluster.idHelp')} rules={[{ required: true, whitespace: true, message: label('clusterId') }]}>
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item name="name" label={label('name')} rules={[{ required: true, whitespace: true, message: label('name') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="programCode"
          label={label('programCode')}
          rules={[{ required: true, message: label('programCode') }]}
          {...(quota ? { extra: w('admin.cluster.quotaHelp', { quota }) } : {})}
        >
          <Select showSearch={{ optionFilterProp: 'label' }} options={names.programs.map((p) => ({ value: p.code, label: w('admin.common.nameWithCode', { name: p.name, code: p.code }) }))} />
        </Form.Item>
        <Form.Item name="zoneId" label={label('zoneId')} rules={[{ required: true, message: label('zoneId') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={names.zones.map((z) => ({ value: z.zoneId, label: w('admin.common.nameWithCode', { name: z.name, code: z.zoneId }) }))} />
        </Form.Item>
        <Form.Item name="industry" label={label('industry')} rules={[{ required: true, whitespace: true, message: label('industry') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Button onClick={onClose} style={{ marginInlineEnd: 8 }}>
          {w('admin.common.cancel')}
        </Button>
        <SubmitButton busy={f.busy}>{w('admin.cluster.create')}</SubmitButton>
      </Form>
    </Modal>
  );
}

export default function ClustersPage() {
  const w = useWords();
  const { identity } = useAuth();
  const admin = hasRole(identity, 'admin');
  const { params, setFilter } = useAddressFilters();
  const zoneId = params.get('zoneId') ?? undefined;
  const programCode = params.get('programCode') ?? undefined;
  const list = useClusterPages({ zoneId, programCode });
  const names = useNames();
  const [creating, setCreating] = useState(false);

  const columns: ColumnsType<Cluster> = [
    {
      title: w('admin.cluster.name'),
      dataIndex: 'name',
      render: (name: string, c) => (
        <>
          <Link to={clusterPath(c.clusterId)}>{name}</Link>
          <div style={{ fontSize: 12 }}>
            <code>{c.clusterId}</code>
          </div>
        </>
      ),
    },
    { title: w('admin.cluster.program'), dataIndex: 'programCode', width: 220, render: (code: string) => names.program(code)?.name ?? code },
    { title: w('admin.cluster.zone'), dataIndex: 'zoneId', width: 130, render: (id: string) => names.zone(id)?.name ?? id },
    {
      title: w('admin.cluster.usage'),
      key: 'usage',
      width: 300,
      render: (_: unknown, c: Cluster) => {
        const funders = names.program(c.programCode)?.funderNames ?? DEFAULT_FUNDER_NAMES;
        return (
          <Flex vertical gap={4}>
            <FundUsage line={c.usage.province} funder="province" funders={funders} compact />
            <FundUsage line={c.usage.zone} funder="zone" funders={funders} compact />
          </Flex>
        );
      },
    },
    { title: w('admin.cluster.projects'), key: 'projects', width: 140, render: (_: unknown, c) => <ProjectUsage projects={c.usage.projects} compact /> },
    {
      title: w('admin.cluster.cycle'),
      dataIndex: 'closedOn',
      width: 150,
      render: (on: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{on ? w('admin.cluster.closed', { date: on }) : w('admin.cluster.open')}</span>,
    },
  ];

  return (
    <>
      <PageTitle
        title={w('admin.clusters.title')}
        extra={
          admin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {w('admin.cluster.new')}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary">{w('admin.clusters.lead')}</Typography.Paragraph>
      {!admin && <ReadOnlyNote />}
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <OptionalFilter
          id="filter-zone"
          label={w('admin.cluster.zone')}
          width={240}
          value={zoneId}
          onChange={(v) => setFilter('zoneId', v)}
          options={names.zones.map((z) => ({ value: z.zoneId, label: w('admin.common.nameWithCode', { name: z.name, code: z.zoneId }) }))}
          showSearch
        />
        <OptionalFilter
          id="filter-program"
          label={w('admin.cluster.program')}
          width={320}
          value={programCode}
          onChange={(v) => setFilter('programCode', v)}
          options={names.programs.map((p) => ({ value: p.code, label: w('admin.common.nameWithCode', { name: p.name, code: p.code }) }))}
          showSearch
        />
      </Form>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Card>
        <ScrollTable<Cluster>
          label={w('admin.clusters.title')}
          minWidth={1100}
          rowKey="clusterId"
          size="middle"
          columns={columns}
          dataSource={names.settled ? list.items : []}
          loading={list.loading || !names.settled}
          pagination={false}
          locale={{ emptyText: list.error ? '—' : w('admin.clusters.empty') }}
          data-testid="clusters"
          footer={() => <ListFooter list={list} count={w('admin.common.count', { count: list.items.length })} loadMore={w('admin.common.loadMore')} />}
        />
      </Card>
      {creating && <NewCluster onClose={() => setCreating(false)} preset={{ ...(zoneId ? { zoneId } : {}), ...(programCode ? { programCode } : {}) }} />}
    </>
  );
}
