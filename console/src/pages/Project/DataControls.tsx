/** The project page's data controls: view as of a past date, verify the chain, export the history. */
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router';
import { todayInChina } from '../../format/dates';
import { useHistoryExport, type useVerify } from './tools';
import { useI18n } from '../../i18n';

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
  const { t } = useI18n();
  const setAsOf = useAsOf();
  const exporting = useHistoryExport(projectId, asOf);
  const today = todayInChina();
  return (
    <Space wrap>
      <label htmlFor="as-of" style={{ fontSize: 14 }}>
        
        {t('project.viewAsOfADay')}
      </label>
      <DatePicker
        id="as-of"
        placeholder={t('project.asOfDefaultToday')}
        value={asOf ? dayjs(asOf) : null}
        onChange={setAsOf}
        disabledDate={(d) => d.format('YYYY-MM-DD') > today}
        style={{ width: 190 }}
      />
      <Button icon={<SafetyCertificateOutlined />} onClick={() => verify.mutate(null)} loading={verify.isPending && verify.variables === null}>
        
        {t('project.verify')}
      </Button>
      <Button icon={<DownloadOutlined />} onClick={() => exporting.mutate('csv')} loading={exporting.isPending && exporting.variables === 'csv'}>
        
        {t('project.exportCsv')}
      </Button>
      <Button icon={<DownloadOutlined />} onClick={() => exporting.mutate('xlsx')} loading={exporting.isPending && exporting.variables === 'xlsx'}>
        
        {t('ui.exportExcel')}
      </Button>
    </Space>
  );
}

export function AsOfNotice({ asOf }: { asOf: string }) {
  const { t } = useI18n();
  const setAsOf = useAsOf();
  return (
    <Alert
      type="info"
      showIcon
      title={t('project.viewingTheStateAtThe', { asOf })}
      action={<Button onClick={() => setAsOf(null)}>{t('project.backToToday')}</Button>}
      style={{ marginBottom: 16 }}
    />
  );
}
