/**
 * /admin/programs/:code — one program's rules: the match rule, every cap and whether it is 原则上
 * (in principle: an approved exception may raise it), quotas, deadlines, funder names, and the
 * policy basis they come from; whether projects use it (then its rules cannot change).
 */
import { CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Row, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAuth } from '../../auth/context';
import { hasRole } from '../../auth/permissions';
import { ToneTag } from '../../components/Labels';
import { PageSpinner } from '../../components/PageSpinner';
import { PageTitle } from '../../components/PageTitle';
import { useI18n } from '../../i18n';
import { useProgram } from '../../services/admin';
import type { StoredProgram } from '../../services/schemas';
import { BackLink, isNotFound } from './parts';
import { capRows, matchText, quotaText } from './program-text';
import type { Words } from './words';
import { useWords } from './words';

interface RuleRow {
  key: string;
  rule: string;
  value: string;
  nature: ReactNode;
}

function ruleRows(w: Words, p: StoredProgram, language: 'zh' | 'en'): RuleRow[] {
  const f = p.funderNames;
  const days = (n: number) => w('admin.unit.days', { n });
  const months = (n: number) => w('admin.unit.months', { n });
  const nature = (inPrinciple: boolean | null) =>
    inPrinciple === null ? w('admin.common.none') : inPrinciple ? <ToneTag tone="gold">{w('admin.program.inPrinciple')}</ToneTag> : <ToneTag tone="grey">{w('admin.program.strict')}</ToneTag>;
  return [
    { key: 'match', rule: w('admin.program.match'), value: matchText(w, p), nature: w('admin.common.none') },
    ...capRows(w, p, language).map((c) => ({ key: c.field, rule: c.name, value: c.value, nature: nature(c.inPrinciple) })),
    { key: 'outsideZone', rule: w('admin.program.outsideZone', {}, f), value: w(p.outsideZoneCountsInClusterCap ? 'common.yes' : 'common.no'), nature: w('admin.common.none') },
    { key: 'projectsPerEnterprise', rule: w('admin.program.projectsPerEnterprise'), value: quotaText(w, p.quotas.projectsPerEnterprise), nature: w('admin.common.none') },
    { key: 'projectsPerCluster', rule: w('admin.program.projectsPerCluster'), value: quotaText(w, p.quotas.projectsPerCluster), nature: w('admin.common.none') },
    { key: 'clustersPerZone', rule: w('admin.program.clustersPerZone', {}, f), value: quotaText(w, p.quotas.clustersPerZone), nature: w('admin.common.none') },
    { key: 'implementationMonths', rule: w('admin.program.implementationMonths'), value: months(p.implementationMonths), nature: w('admin.common.none') },
    { key: 'matchDeadlineDays', rule: w('admin.program.matchDeadlineDays'), value: days(p.matchDeadlineDays), nature: w('admin.common.none') },
    { key: 'graceDays', rule: w('admin.program.graceDays'), value: days(p.graceDays), nature: w('admin.common.none') },
    { key: 'onwardPaymentDays', rule: w('admin.program.onwardPaymentDays', {}, f), value: days(p.onwardPaymentDays), nature: w('admin.common.none') },
    { key: 'maxExtensionMonths', rule: w('admin.program.maxExtensionMonths'), value: months(p.maxExtensionMonths), nature: w('admin.common.none') },
    { key: 'acceptanceApplicationDays', rule: w('admin.program.acceptanceApplicationDays'), value: days(p.acceptanceApplicationDays), nature: w('admin.common.none') },
  ];
}

export default function ProgramPage() {
  const { code = '' } = useParams();
  const w = useWords();
  const { language } = useI18n();
  const { identity } = useAuth();
  const navigate = useNavigate();
  const program = useProgram(code);
  const p = program.data;

  const columns: ColumnsType<RuleRow> = [
    { title: w('admin.program.rule'), dataIndex: 'rule', width: '40%' },
    { title: w('admin.program.value'), dataIndex: 'value', onCell: () => ({ 'data-col': 'value' }) as React.HTMLAttributes<HTMLElement> },
    { title: w('admin.program.nature'), dataIndex: 'nature', width: 120, onCell: () => ({ 'data-col': 'nature' }) as React.HTMLAttributes<HTMLElement> },
  ];

  return (
    <>
      <BackLink to="/admin/programs" page={w('admin.programs.title')} />
      <PageTitle
        title={p ? p.name : w('admin.program.title', { code })}
        extra={
          p &&
          hasRole(identity, 'admin') && (
            <Button icon={<CopyOutlined />} onClick={() => navigate(`/admin/programs/new?from=${encodeURIComponent(p.code)}`)}>
              {w('admin.program.copy')}
            </Button>
          )
        }
      />
      {isNotFound(program.error) ? (
        <Alert type="warning" showIcon title={w('admin.program.notFound', { code })} />
      ) : program.error ? (
        <ErrorAlert error={program.error} onRetry={() => void program.refetch()} />
      ) : null}
      {program.isPending && <PageSpinner />}
      {p && (
        <>
          <Alert
            type={p.projectCount > 0 ? 'info' : 'success'}
            showIcon
            title={p.projectCount > 0 ? w('admin.program.inUse', { count: p.projectCount }) : w('admin.program.notInUse')}
            style={{ marginBottom: 16 }}
            data-testid="program-use"
          />
          <Card style={{ marginBottom: 16 }}>
            <Descriptions
              column={{ xs: 1, lg: 3 }}
              items={[
                { key: 'code', label: w('admin.program.code'), children: <code>{p.code}</code> },
                { key: 'year', label: w('admin.program.year'), children: p.year },
                { key: 'funders', label: w('admin.program.funders'), children: w('admin.program.funderPair', {}, p.funderNames) },
                { key: 'projects', label: w('admin.program.projectCount'), children: p.projectCount },
                { key: 'digest', label: w('admin.program.ruleDigest'), span: 2, children: <code style={{ wordBreak: 'break-all', fontSize: 12 }}>{p.ruleDigest}</code> },
              ]}
            />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Card title={w('admin.program.rules')}>
                <Table<RuleRow> rowKey="key" size="small" columns={columns} dataSource={ruleRows(w, p, language)} pagination={false} data-testid="program-rules" />
                <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
                  {w('admin.program.inPrincipleHelp')}
                </Typography.Paragraph>
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card title={w('admin.program.basis')} data-testid="program-basis">
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {w('admin.program.basisHelp')}
                </Typography.Paragraph>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{p.basis}</Typography.Paragraph>
              </Card>
            </Col>
          </Row>
        </>
      )}
    </>
  );
}
