/** The pieces every role's overview is made of: a to-do section, its table, links to projects. */
import { Button, Card, Empty, Space, Table, type TableProps } from 'antd';
import type { ColumnType, ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ToneTag } from '../../components/Labels';
import { formatYuanDigits } from '../../format/money';
import { useI18n, type I18n } from '../../i18n';

export const projectLink = (id: string) => (
  <Link to={`/projects/${encodeURIComponent(id)}`} style={{ whiteSpace: 'nowrap' }}>
    {id}
  </Link>
);
/** The first column of every to-do table: the project's id as a link, its title below. */
export const projectColumn = <T extends { projectId: string; title: string }>(t: I18n['t']): ColumnType<T> => ({
  title: t('ui.project'),
  dataIndex: 'projectId',
  render: (id: string, r) => (
    <>
      {projectLink(id)}
      <div style={{ fontSize: 12 }}>{r.title}</div>
    </>
  ),
});
export const amount = (fen: number) => <span className="amount">{formatYuanDigits(fen)}</span>;

export function Section({ title, count, extra, children, testId }: { title: string; count?: number; extra?: ReactNode; children: ReactNode; testId: string }) {
  return (
    <Card
      title={
        <Space>
          <span>{title}</span>
          {count !== undefined && <ToneTag tone={count > 0 ? 'gold' : 'grey'}>{count}</ToneTag>}
        </Space>
      }
      extra={extra}
      data-testid={testId}
      style={{ height: '100%' }}
    >
      {children}
    </Card>
  );
}

export function Nothing({ text }: { text: string }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />;
}

/**
 * A to-do list: its rows, or a sentence saying there is nothing to do. No rows yet (`undefined`):
 * still loading or failed. With `limit`, its first rows; how many more there are, and a button
 * that shows them all here (they are read already).
 */
export function TodoTable<T extends object>({ rows, empty, rowKey, columns, loading, limit = Infinity }: { rows: readonly T[] | undefined; empty: string; rowKey: TableProps<T>['rowKey']; columns: ColumnsType<T>; loading?: boolean; limit?: number }) {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  if (rows && rows.length === 0) return <Nothing text={empty} />;
  const hidden = (rows?.length ?? 0) - limit;
  return (
    <>
      <Table<T> rowKey={rowKey} size="small" pagination={false} loading={loading} dataSource={(all ? rows : rows?.slice(0, limit)) ?? []} columns={columns} />
      {hidden > 0 && (
        <div style={{ marginTop: 6, fontSize: 13 }} data-testid="todo-more">
          {all ? null : t('overview.moreNotListed', { count: hidden })}
          <Button type="link" size="small" onClick={() => setAll(!all)} aria-expanded={all}>
            {all ? t('overview.showFirst', { count: limit }) : t('overview.showAll', { count: rows!.length })}
          </Button>
        </div>
      )}
    </>
  );
}
