/** The project page's data controls: view as of a past date, verify the chain, export the history. */
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router';
import { todayInChina } from '../../format/dates';
import { useHistoryExport, type useVerify } from './tools';

/** Sets or clears ?asOf= (the as-of view is read-only). */
function useAsOf(): (d: Dayjs | null) => void {
  const [params, setParams] = useSearchParams();
  return (d) => {
    const next = new URLSearchParams(params);
    if (d) next.set('asOf', d.format('YYYY-MM-DD'));
    else next.delete('asOf');
    setParams(next);
  };
}

export function DataControls({ projectId, asOf, verify }: { projectId: string; asOf: string | undefined; verify: ReturnType<typeof useVerify> }) {
  const setAsOf = useAsOf();
  const exporting = useHistoryExport(projectId, asOf);
  const today = todayInChina();
  return (
    <Space wrap>
      <label htmlFor="as-of" style={{ fontSize: 14 }}>
        查看历史状态
      </label>
      <DatePicker
        id="as-of"
        placeholder="截至日期（默认今天）"
        value={asOf ? dayjs(asOf) : null}
        onChange={setAsOf}
        disabledDate={(d) => d.format('YYYY-MM-DD') > today}
        style={{ width: 190 }}
      />
      <Button icon={<SafetyCertificateOutlined />} onClick={() => verify.mutate(null)} loading={verify.isPending && verify.variables === null}>
        核验哈希链
      </Button>
      <Button icon={<DownloadOutlined />} onClick={() => exporting.mutate('csv')} loading={exporting.isPending && exporting.variables === 'csv'}>
        导出 CSV
      </Button>
      <Button icon={<DownloadOutlined />} onClick={() => exporting.mutate('xlsx')} loading={exporting.isPending && exporting.variables === 'xlsx'}>
        导出 Excel
      </Button>
    </Space>
  );
}

export function AsOfNotice({ asOf }: { asOf: string }) {
  const setAsOf = useAsOf();
  return (
    <Alert
      type="info"
      showIcon
      title={`正在查看截至 ${asOf} 日终的状态（按业务日期）。历史视图只读，不能办理业务。`}
      action={<Button onClick={() => setAsOf(null)}>回到今天</Button>}
      style={{ marginBottom: 16 }}
    />
  );
}
