/** /admin/programs — every program: its code, name, year, match rule and funders; each opens its rules. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAuth } from '../../auth/context';
import { hasRole } from '../../auth/permissions';
import { PageTitle } from '../../components/PageTitle';
import { usePrograms } from '../../services/admin';
import type { Program } from '../../services/schemas';
import { ReadOnlyNote } from './parts';
import { matchText } from './program-text';
import { useWords } from './words';

export const programPath = (code: string) => `/admin/programs/${encodeURIComponent(code)}`;

export default function ProgramsPage() {
  const w = useWords();
  const { identity } = useAuth();
  const navigate = useNavigate();
  const programs = usePrograms();
  const admin = hasRole(identity, 'admin');

  const columns: ColumnsType<Program> = [
    { title: w('admin.program.code'), dataIndex: 'code', width: 170, render: (code: string) => <Link to={programPath(code)} style={{ whiteSpace: 'nowrap' }}>{code}</Link> },
    { title: w('admin.program.name'), dataIndex: 'name' },
    { title: w('admin.program.year'), dataIndex: 'year', width: 80 },
    { title: w('admin.program.match'), key: 'match', render: (_: unknown, p) => matchText(w, p) },
    { title: w('admin.program.funders'), key: 'funders', width: 120, render: (_: unknown, p) => w('admin.program.funderPair', {}, p.funderNames) },
  ];

  return (
    <>
      <PageTitle
        title={w('admin.programs.title')}
        extra={
          admin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/admin/programs/new')}>
              {w('admin.program.new')}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary">{w('admin.programs.lead')}</Typography.Paragraph>
      {!admin && <ReadOnlyNote />}
      {programs.error ? <ErrorAlert error={programs.error} onRetry={() => void programs.refetch()} /> : null}
      <Card>
        <Table<Program>
          rowKey="code"
          size="middle"
          columns={columns}
          dataSource={programs.data?.programs ?? []}
          loading={programs.isPending}
          pagination={false}
          locale={{ emptyText: programs.error ? '—' : w('admin.programs.empty') }}
          data-testid="programs"
        />
      </Card>
    </>
  );
}
