/**
 * /projects/:projectId — one project: contract, balances per funder (the program's funder names),
 * limits with headroom and exceptions, schedule, pending allocations, proposals (four-eyes),
 * lifecycle, alerts, the history as a table and a timeline, verify (optionally against a daily
 * digest), an as-of view, CSV/XLSX exports, and every write the signed-in role may make here.
 */
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Flex, Row, Space, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useAuth } from '../../auth/context';
import { projectActions, type ActionKey, type Offer } from '../../auth/permissions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ProjectStatusTag } from '../../components/Labels';
import { PageSpinner } from '../../components/PageSpinner';
import { PageTitle } from '../../components/PageTitle';
import { todayInChina } from '../../format/dates';
import { apiPath, ApiError, useApi } from '../../services/api';
import { programOf, useCatalog } from '../../services/catalog';
import { saveBlob } from '../../services/download';
import { historyOut, projectView, verifyOut, type Entry, type Proposal, type VerifyResult } from '../../services/schemas';
import { useApiQuery } from '../../services/useApiQuery';
import { useCursorList } from '../../services/useCursorList';
import {
  AcceptanceResultModal,
  AdjustmentModal,
  AllocateModal,
  ApplyAcceptanceModal,
  ApproveModal,
  CapExceptionModal,
  ConfirmModal,
  DecommitModal,
  HoldModal,
  InspectionModal,
  PayModal,
  RecoverModal,
  ReleaseModal,
  ReverseModal,
  TerminationModal,
  TransferModal,
} from './actions';
import { History } from './History';
import { Balances, Lifecycle, Limits, OpenAlerts, PendingAllocations, Proposals, Registration, Schedule } from './sections';

const ACTION_LABEL: Record<ActionKey, string> = {
  allocate: '下达资金',
  confirm: '确认配套',
  transfer: '划转至高新区',
  pay: '拨付',
  recover: '收回',
  decommit: '核减',
  reverse: '冲正',
  'propose-exception': '申请上限例外',
  'propose-adjustment': '申请调整/延期',
  inspect: '记录检查',
  hold: '暂停拨付',
  release: '解除暂停',
  'apply-acceptance': '申请验收',
  'decide-acceptance': '录入验收结论',
  'propose-termination': '申请终止',
};

type Dialog =
  | { kind: Exclude<ActionKey, 'reverse' | 'confirm'> }
  | { kind: 'confirm'; allocationEntryId?: string }
  | { kind: 'reverse'; entry: Entry }
  | { kind: 'approve'; proposal: Proposal };

function VerifyOutcome({ result, digest }: { result: VerifyResult; digest: string | null }) {
  const d = result.digest;
  const digestLine = d
    ? d.included
      ? `日摘要 ${d.digestId}（${d.treeSize} 个项目，根 ${d.root.slice(0, 16)}…）包含本项目第 ${d.leaf?.entries ?? '?'} 条记录的链头${d.chainMatches === false ? '，但该记录的哈希已与摘要不符！' : '，与现有台账一致。'}`
      : `日摘要 ${d.digestId} 生成时本项目尚未登记。`
    : digest
      ? ''
      : null;
  if (result.valid) {
    return (
      <Alert
        type={d && d.included && d.chainMatches === false ? 'error' : 'success'}
        showIcon
        role="status"
        data-testid="verify-result"
        data-valid="true"
        title={`台账完整：${result.entries} 条记录的哈希链与重放结果一致。`}
        description={
          <>
            链头哈希：<code style={{ wordBreak: 'break-all' }}>{result.headHash}</code>
            {digestLine && <div data-testid="verify-digest">{digestLine}</div>}
          </>
        }
        style={{ marginBottom: 16 }}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="verify-result"
      data-valid="false"
      title={`台账已损坏：哈希链在第 ${result.brokenAtSeq} 条记录处断裂。`}
      description={
        <>
          {result.reason}
          {digestLine && <div data-testid="verify-digest">{digestLine}</div>}
        </>
      }
      style={{ marginBottom: 16 }}
    />
  );
}

export default function ProjectPage() {
  const { projectId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf') ?? undefined;
  const api = useApi();
  const { identity } = useAuth();
  const { message } = App.useApp();
  const catalog = useCatalog();
  const today = todayInChina();

  const project = useApiQuery((a, signal) => a.get(apiPath`/projects/${projectId}`, projectView, { signal, query: { asOf } }), [projectId, asOf]);
  const history = useCursorList(apiPath`/projects/${projectId}/history`, historyOut, (p) => p.entries, asOf ? { to: asOf } : {}, 200);
  const [verify, setVerify] = useState<{ busy: boolean; result?: VerifyResult; error?: unknown; digest: string | null }>({ busy: false, digest: null });
  const [digestDate, setDigestDate] = useState<Dayjs | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const p = project.data;
  const readOnly = Boolean(asOf);
  const offers: Offer[] = p && !readOnly ? projectActions(identity, p, today) : [];
  const program = p ? programOf(catalog, p.programCode) : undefined;

  const runVerify = (digest: string | null) => {
    setVerify({ busy: true, digest });
    api.get(apiPath`/projects/${projectId}/verify`, verifyOut, digest ? { query: { digest } } : {}).then(
      (result) => setVerify({ busy: false, result, digest }),
      (error: unknown) => setVerify({ busy: false, error, digest }),
    );
  };
  const exportFile = (ext: 'csv' | 'xlsx') => {
    setExporting(ext);
    const accept = ext === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    api
      .download(`${apiPath`/projects/${projectId}`}/history.${ext}`, accept, asOf ? { query: { to: asOf } } : {})
      .then(({ blob, filename }) => saveBlob(blob, filename))
      .catch((err: unknown) => void message.error(err instanceof ApiError ? err.message : String(err)))
      .finally(() => setExporting(null));
  };
  const setAsOf = (d: Dayjs | null) => {
    const next = new URLSearchParams(params);
    if (d) next.set('asOf', d.format('YYYY-MM-DD'));
    else next.delete('asOf');
    setParams(next);
  };
  const done = () => {
    project.reload();
    history.reload();
    setVerify({ busy: false, digest: null });
  };
  const close = () => setDialog(null);
  const notFound = project.error instanceof ApiError && project.error.status === 404;
  const dialogProps = p ? { project: p, onClose: close, onDone: done } : null;

  return (
    <>
      <Link to="/projects">← 返回项目列表</Link>
      <PageTitle
        title={p ? p.title : projectId}
        extra={
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
            <Button icon={<SafetyCertificateOutlined />} onClick={() => runVerify(null)} loading={verify.busy && !verify.digest}>
              核验哈希链
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => exportFile('csv')} loading={exporting === 'csv'}>
              导出 CSV
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => exportFile('xlsx')} loading={exporting === 'xlsx'}>
              导出 Excel
            </Button>
          </Space>
        }
      />
      {p && (
        <Space wrap style={{ marginTop: -8, marginBottom: 12 }}>
          <ProjectStatusTag status={p.status} />
          <code>{p.projectId}</code>
          <Typography.Text type="secondary">{p.owner.name}</Typography.Text>
        </Space>
      )}
      {readOnly && (
        <Alert
          type="info"
          showIcon
          title={`正在查看截至 ${asOf} 日终的状态（按业务日期）。历史视图只读，不能办理业务。`}
          action={<Button onClick={() => setAsOf(null)}>回到今天</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      {verify.result && <VerifyOutcome result={verify.result} digest={verify.digest} />}
      {verify.error ? <ErrorAlert error={verify.error} onRetry={() => runVerify(verify.digest)} /> : null}
      {notFound ? <Alert type="warning" showIcon title="没有这个项目，或您无权查看。" style={{ marginBottom: 16 }} /> : null}
      {project.error && !notFound ? <ErrorAlert error={project.error} onRetry={project.reload} /> : null}
      {project.loading && !p ? <PageSpinner /> : null}
      {p && (
        <Flex vertical gap={16}>
          {offers.length > 0 && (
            <Card title="可办理事项" size="small" data-testid="actions">
              <Flex wrap gap={8}>
                {offers.map((o) => (
                  <Tooltip key={o.key} title={o.disabledReason}>
                    <Button
                      type={o.key === 'allocate' || o.key === 'confirm' || o.key === 'transfer' || o.key === 'pay' ? 'primary' : 'default'}
                      disabled={Boolean(o.disabledReason)}
                      onClick={() => setDialog({ kind: o.key } as Dialog)}
                      data-action={o.key}
                    >
                      {ACTION_LABEL[o.key]}
                    </Button>
                  </Tooltip>
                ))}
              </Flex>
              {offers.some((o) => o.disabledReason) && (
                <ul style={{ margin: '8px 0 0', paddingInlineStart: 18, fontSize: 12, color: 'rgba(0,0,0,0.65)' }}>
                  {offers
                    .filter((o) => o.disabledReason)
                    .map((o) => (
                      <li key={o.key}>
                        {ACTION_LABEL[o.key]}：{o.disabledReason}
                      </li>
                    ))}
                </ul>
              )}
            </Card>
          )}
          <Card title="合同登记">
            <Registration p={p} />
          </Card>
          <Card title="资金到位情况">
            <Balances project={p} />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card title="待配套的省级下达" style={{ height: '100%' }}>
                <PendingAllocations
                  project={p}
                  today={today}
                  {...(offers.some((o) => o.key === 'confirm' && !o.disabledReason) ? { onConfirm: (id: string) => setDialog({ kind: 'confirm', allocationEntryId: id }) } : {})}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title="待批准的申请（双人复核）" style={{ height: '100%' }}>
                <Proposals project={p} identity={identity} readOnly={readOnly} onApprove={(proposal) => setDialog({ kind: 'approve', proposal })} />
              </Card>
            </Col>
          </Row>
          <Card title="额度与上限">
            <Limits project={p} />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card title="拨付计划" style={{ height: '100%' }}>
                <Schedule project={p} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title="项目进程" style={{ height: '100%' }}>
                <Lifecycle project={p} {...(offers.some((o) => o.key === 'release') ? { onRelease: () => setDialog({ kind: 'release' }) } : {})} />
              </Card>
            </Col>
          </Row>
          <Card title="未关闭预警">
            <OpenAlerts project={p} />
          </Card>
          <Card
            title="台账记录"
            extra={
              <Space>
                <label htmlFor="digest-date" style={{ fontSize: 13 }}>
                  对照日摘要
                </label>
                <DatePicker id="digest-date" value={digestDate} onChange={setDigestDate} disabledDate={(d) => d.format('YYYY-MM-DD') > today} style={{ width: 140 }} />
                <Button size="small" disabled={!digestDate} loading={verify.busy && Boolean(verify.digest)} onClick={() => runVerify(digestDate!.format('YYYY-MM-DD'))}>
                  核验
                </Button>
              </Space>
            }
          >
            {history.error ? <ErrorAlert error={history.error} onRetry={history.reload} /> : null}
            <History project={p} history={history} identity={identity} readOnly={readOnly} onReverse={(entry) => setDialog({ kind: 'reverse', entry })} />
          </Card>
        </Flex>
      )}
      {dialogProps && (
        <>
          <AllocateModal {...dialogProps} open={dialog?.kind === 'allocate'} />
          <ConfirmModal {...dialogProps} open={dialog?.kind === 'confirm'} allocationEntryId={dialog?.kind === 'confirm' ? (dialog.allocationEntryId ?? null) : null} />
          <TransferModal {...dialogProps} open={dialog?.kind === 'transfer'} />
          <PayModal {...dialogProps} open={dialog?.kind === 'pay'} identity={identity} />
          <RecoverModal {...dialogProps} open={dialog?.kind === 'recover'} identity={identity} />
          <DecommitModal {...dialogProps} open={dialog?.kind === 'decommit'} />
          <ReverseModal {...dialogProps} open={dialog?.kind === 'reverse'} entry={dialog?.kind === 'reverse' ? dialog.entry : null} />
          <CapExceptionModal {...dialogProps} open={dialog?.kind === 'propose-exception'} program={program} />
          <ApproveModal {...dialogProps} open={dialog?.kind === 'approve'} proposal={dialog?.kind === 'approve' ? dialog.proposal : null} />
          <AdjustmentModal {...dialogProps} open={dialog?.kind === 'propose-adjustment'} program={program} />
          <InspectionModal {...dialogProps} open={dialog?.kind === 'inspect'} identity={identity} />
          <HoldModal {...dialogProps} open={dialog?.kind === 'hold'} />
          <ReleaseModal {...dialogProps} open={dialog?.kind === 'release'} />
          <ApplyAcceptanceModal {...dialogProps} open={dialog?.kind === 'apply-acceptance'} />
          <AcceptanceResultModal {...dialogProps} open={dialog?.kind === 'decide-acceptance'} />
          <TerminationModal {...dialogProps} open={dialog?.kind === 'propose-termination'} />
        </>
      )}
    </>
  );
}
