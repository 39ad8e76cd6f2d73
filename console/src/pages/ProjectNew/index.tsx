/**
 * /projects/new — a finance officer registers a project contract with its schedule (tranches).
 * The body is checked with the API's registration schema before it is sent (credit code check
 * character included); the API then checks the program's rules (422 with the rule and figures).
 */
import { Button, Card, Col, Descriptions, Flex, Form, Input, Radio, Row, Select, Typography } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { sumFen } from '../../../../domain/money';
import { DateField, MoneyField, ProblemAlert, SubmitButton, TextField, useWriteForm, yuanToFen } from '../../components/forms';
import { PageTitle } from '../../components/PageTitle';
import { RoleOnly } from '../../components/RoleOnly';
import { capitalAmount } from '../../format/capital';
import { formatFen, parseYuanInput } from '../../format/money';
import { useApi } from '../../services/api';
import { programOf, useCatalog } from '../../services/catalog';
import { useRecordWrite } from '../../services/project';
import { ledgerEventOut, registrationSchema, type Program } from '../../services/schemas';
import { ScheduleEditor } from '../../components/ScheduleEditor';

type Values = Record<string, any>;

function toBody(v: Values) {
  return {
    projectId: v.projectId?.trim(),
    programCode: v.programCode,
    clusterId: v.clusterId,
    zoneId: v.zoneId,
    insideZone: v.insideZone,
    title: v.title,
    owner: { name: v.owner?.name, creditCode: v.owner?.creditCode?.trim().toUpperCase() },
    newInvestmentFen: yuanToFen(v.newInvestmentFen),
    contract: {
      signedOn: v.contract?.signedOn,
      startsOn: v.contract?.startsOn,
      endsOn: v.contract?.endsOn,
      provinceGrantFen: yuanToFen(v.contract?.provinceGrantFen),
      zoneGrantFen: yuanToFen(v.contract?.zoneGrantFen),
    },
    schedule: ((v.schedule ?? []) as Values[]).map((t) => ({ trancheId: t.trancheId?.trim(), funder: t.funder, dueOn: t.dueOn, amountFen: yuanToFen(t.amountFen) })),
  };
}

/** Live figures: schedule totals against the grants, and the program's caps that apply. */
function Checks({ program }: { program: Program | undefined }) {
  const form = Form.useFormInstance();
  const values = Form.useWatch((all: Values) => all, form) as Values | undefined;
  const fen = (t: unknown) => (typeof t === 'string' ? parseYuanInput(t) : null);
  const grants = { province: fen(values?.contract?.provinceGrantFen), zone: fen(values?.contract?.zoneGrantFen) };
  const tranches = ((values?.schedule ?? []) as Values[]).map((t) => ({ funder: t?.funder as string, fen: fen(t?.amountFen) ?? 0 }));
  const totals = { province: sumFen(tranches.filter((t) => t.funder === 'province').map((t) => t.fen)), zone: sumFen(tranches.filter((t) => t.funder === 'zone').map((t) => t.fen)) };
  const names = program?.funderNames ?? { province: '省级', zone: '高新区' };
  const ni = fen(values?.newInvestmentFen);
  const share = program?.caps.jointShareOfNewInvestment;
  const items: { key: string; label: string; children: ReactNode }[] = (['province', 'zone'] as const).map((f) => ({
    key: f,
    label: `${names[f]}拨付计划合计`,
    children: (
      <span data-testid={`schedule-total-${f}`}>
        {formatFen(totals[f])}
        {grants[f] !== null && totals[f] !== grants[f] ? <Typography.Text type="danger">（与合同资助 {formatFen(grants[f]!)} 不符）</Typography.Text> : grants[f] !== null ? <Typography.Text type="success">（与合同一致）</Typography.Text> : null}
      </span>
    ),
  }));
  if (program?.caps.provincePerProjectFen) items.push({ key: 'ppp', label: `${names.province}单项目上限${program.caps.inPrinciple.includes('provincePerProjectFen') ? '（原则上）' : ''}`, children: <span>{formatFen(program.caps.provincePerProjectFen)}</span> });
  if (program?.caps.jointPerProjectFen) items.push({ key: 'jpp', label: `合计单项目上限${program.caps.inPrinciple.includes('jointPerProjectFen') ? '（原则上）' : ''}`, children: <span>{formatFen(program.caps.jointPerProjectFen)}</span> });
  if (share && ni !== null) {
    items.push({ key: 'share', label: `合计不超过新增投入的 ${share.numerator}/${share.denominator}`, children: <span>{formatFen(Math.floor((ni * share.numerator) / share.denominator))}</span> });
  }
  return <Descriptions size="small" bordered column={1} items={items} style={{ marginBottom: 16 }} />;
}

export default function ProjectNewPage() {
  return (
    <RoleOnly role="finance-officer" title="登记项目合同" refusal="只有省级财务人员可以登记项目合同。">
      <ProjectNewForm />
    </RoleOnly>
  );
}

function ProjectNewForm() {
  const api = useApi();
  const navigate = useNavigate();
  const catalog = useCatalog();
  const recordWrite = useRecordWrite();
  const w = useWriteForm({
    toBody,
    schema: registrationSchema,
    send: (body, idempotencyKey) => api.post('/projects', body, { schema: ledgerEventOut, idempotencyKey }),
    // The answer is the new project: its page opens with it, without reading it again.
    onDone: (result) => {
      recordWrite(result);
      navigate(`/projects/${encodeURIComponent(result.project.projectId)}`);
    },
    successText: '项目已登记',
  });
  const programCode: string | undefined = Form.useWatch('programCode', w.form);
  const zoneId: string | undefined = Form.useWatch('zoneId', w.form);
  const insideZone: boolean | undefined = Form.useWatch('insideZone', w.form);
  const program = programOf(catalog, programCode ?? '');
  const clusters = useMemo(
    () => (catalog?.clusters ?? []).filter((c) => (!programCode || c.programCode === programCode) && (!zoneId || c.zoneId === zoneId) && !c.closedOn),
    [catalog, programCode, zoneId],
  );
  const names = program?.funderNames ?? { province: '省级', zone: '高新区' };

  return (
    <>
      <PageTitle title="登记项目合同" />
      <Form
        form={w.form}
        name="register"
        layout="vertical"
        requiredMark
        initialValues={{ insideZone: true, schedule: [{ trancheId: 'P1', funder: 'province' }, { trancheId: 'Z1', funder: 'zone' }] }}
        onFinish={() => void w.submit()}
        onValuesChange={(changed: Values) => {
          if ('programCode' in changed || 'zoneId' in changed) w.form.setFieldValue('clusterId', undefined);
          if (changed.insideZone === false) w.form.setFieldValue(['contract', 'zoneGrantFen'] as never, '0');
        }}
      >
        {w.problem && <ProblemAlert explained={w.problem} />}
        <Row gutter={16}>
          <Col xs={24} xl={16}>
            <Card title="项目与承担单位" style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                <Col span={8}>
                  <Form.Item name="projectId" label="项目编号" rules={[{ required: true, whitespace: true, message: '必填' }, { pattern: /^[A-Za-z0-9_-]+$/, message: '只能包含字母、数字、“_”和“-”' }]}>
                    <Input autoComplete="off" placeholder="BA2025-0001" maxLength={64} />
                  </Form.Item>
                </Col>
                <Col span={16}>
                  <TextField name="title" label="项目名称" max={300} />
                </Col>
                <Col span={8}>
                  <Form.Item name="programCode" label="专项" rules={[{ required: true, message: '请选择' }]}>
                    <Select options={(catalog?.programs ?? []).map((p) => ({ value: p.code, label: p.code, title: p.name }))} loading={!catalog} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="zoneId" label="高新区" rules={[{ required: true, message: '请选择' }]}>
                    <Select options={(catalog?.zones ?? []).map((z) => ({ value: z.zoneId, label: `${z.name}（${z.zoneId}）` }))} loading={!catalog} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="clusterId" label="集群" rules={[{ required: true, message: '请选择' }]} extra={programCode && zoneId && clusters.length === 0 ? '该专项在此高新区没有开放的集群' : undefined}>
                    <Select options={clusters.map((c) => ({ value: c.clusterId, label: c.clusterId, title: c.name }))} />
                  </Form.Item>
                </Col>
                <Col span={24}>
                  <Form.Item name="insideZone" label="承担单位位置" rules={[{ required: true }]}>
                    <Radio.Group
                      options={[
                        { value: true, label: '区内企业（省、区共同出资）' },
                        { value: false, label: '区外企业（省级单独调剂支持）' },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col span={14}>
                  <TextField name={['owner', 'name']} label="承担单位" max={200} />
                </Col>
                <Col span={10}>
                  <Form.Item name={['owner', 'creditCode']} label="统一社会信用代码" rules={[{ required: true, whitespace: true, message: '必填' }, { len: 18, message: '18 位' }]}>
                    <Input autoComplete="off" maxLength={18} style={{ fontFamily: 'monospace' }} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card title="合同" style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                <Col span={8}>
                  <DateField name={['contract', 'signedOn']} label="合同签订日" past={false} />
                </Col>
                <Col span={8}>
                  <DateField name={['contract', 'startsOn']} label="实施开始日" past={false} />
                </Col>
                <Col span={8}>
                  <DateField name={['contract', 'endsOn']} label="实施结束日" past={false} help={program ? `实施期不超过 ${program.implementationMonths} 个月` : undefined} />
                </Col>
                <Col span={8}>
                  <MoneyField name="newInvestmentFen" label="项目新增投入（元）" />
                </Col>
                <Col span={8}>
                  <MoneyField name={['contract', 'provinceGrantFen']} label={`${names.province}资助（元）`} />
                </Col>
                <Col span={8}>
                  <MoneyField name={['contract', 'zoneGrantFen']} label={`${names.zone}资助（元）`} allowZero help={insideZone === false ? '区外项目为 0' : undefined} />
                </Col>
              </Row>
            </Card>
            <Card title="拨付计划" style={{ marginBottom: 16 }}>
              <ScheduleEditor funderNames={names} />
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card title="核对" style={{ marginBottom: 16, position: 'sticky', top: 16 }}>
              <Checks program={program} />
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => {
                  const p = parseYuanInput(String(getFieldValue(['contract', 'provinceGrantFen']) ?? ''));
                  const z = parseYuanInput(String(getFieldValue(['contract', 'zoneGrantFen']) ?? ''));
                  return (
                    <Typography.Paragraph style={{ fontSize: 13 }}>
                      {p !== null && <div>{names.province}资助大写：{capitalAmount(p)}</div>}
                      {z !== null && <div>{names.zone}资助大写：{capitalAmount(z)}</div>}
                    </Typography.Paragraph>
                  );
                }}
              </Form.Item>
              {program && (
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {program.name}。配套：{program.match.kind === 'none' ? '不设配套比例' : `${names.zone} : ${names.province} ${program.match.kind === 'exact' ? '=' : '≥'} ${program.match.zone}:${program.match.province}`}。
                </Typography.Paragraph>
              )}
              <Flex gap={8}>
                <Button onClick={() => navigate('/projects')}>取消</Button>
                <SubmitButton busy={w.busy}>登记</SubmitButton>
              </Flex>
            </Card>
          </Col>
        </Row>
      </Form>
    </>
  );
}
