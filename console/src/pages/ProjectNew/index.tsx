/**
 * /projects/new — a finance officer registers a project contract with its schedule (tranches).
 * The body is checked with the API's registration schema before it is sent (credit code check
 * character included); the API then checks the program's rules (422 with the rule and figures).
 */
import { DEFAULT_FUNDER_NAMES } from '../../../../domain/glossary/with-console';
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
import { useI18n } from '../../i18n';

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
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const values = Form.useWatch((all: Values) => all, form) as Values | undefined;
  const fen = (t: unknown) => (typeof t === 'string' ? parseYuanInput(t) : null);
  const grants = { province: fen(values?.contract?.provinceGrantFen), zone: fen(values?.contract?.zoneGrantFen) };
  const tranches = ((values?.schedule ?? []) as Values[]).map((t) => ({ funder: t?.funder as string, fen: fen(t?.amountFen) ?? 0 }));
  const totals = { province: sumFen(tranches.filter((t) => t.funder === 'province').map((t) => t.fen)), zone: sumFen(tranches.filter((t) => t.funder === 'zone').map((t) => t.fen)) };
  const names = program?.funderNames ?? DEFAULT_FUNDER_NAMES;
  const ni = fen(values?.newInvestmentFen);
  const share = program?.caps.jointShareOfNewInvestment;
  const items: { key: string; label: string; children: ReactNode }[] = (['province', 'zone'] as const).map((f) => ({
    key: f,
    label: t('projectNew.scheduleTotal', { v1: names[f] }),
    children: (
      <span data-testid={`schedule-total-${f}`}>
        {formatFen(totals[f])}
        {grants[f] !== null && totals[f] !== grants[f] ? <Typography.Text type="danger">{t('projectNew.contractGrant')}{formatFen(grants[f]!)} {t('projectNew.doesNotMatch')}</Typography.Text> : grants[f] !== null ? <Typography.Text type="success">{t('projectNew.matchesTheContract')}</Typography.Text> : null}
      </span>
    ),
  }));
  if (program?.caps.provincePerProjectFen) items.push({ key: 'ppp', label: program.caps.inPrinciple.includes('provincePerProjectFen') ? t('projectNew.provinceCapInPrinciple') : t('projectNew.provinceCap'), children: <span>{formatFen(program.caps.provincePerProjectFen)}</span> });
  if (program?.caps.jointPerProjectFen) items.push({ key: 'jpp', label: program.caps.inPrinciple.includes('jointPerProjectFen') ? t('projectNew.jointCapInPrinciple') : t('projectNew.jointCap'), children: <span>{formatFen(program.caps.jointPerProjectFen)}</span> });
  if (share && ni !== null) {
    items.push({ key: 'share', label: t('projectNew.totalAtMostOfThe', { numerator: share.numerator, denominator: share.denominator }), children: <span>{formatFen(Math.floor((ni * share.numerator) / share.denominator))}</span> });
  }
  return <Descriptions size="small" bordered column={1} items={items} style={{ marginBottom: 16 }} />;
}

export default function ProjectNewPage() {
  const { t } = useI18n();
  return (
    <RoleOnly role="finance-officer" title={t('projectNew.registerAProjectContract')} refusal={t('projectNew.onlyTheProvinceFinanceOfficers')}>
      <ProjectNewForm />
    </RoleOnly>
  );
}

function ProjectNewForm() {
  const { t } = useI18n();
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
    successText: t('projectNew.projectRegistered'),
  });
  const programCode: string | undefined = Form.useWatch('programCode', w.form);
  const zoneId: string | undefined = Form.useWatch('zoneId', w.form);
  const insideZone: boolean | undefined = Form.useWatch('insideZone', w.form);
  const program = programOf(catalog, programCode ?? '');
  const clusters = useMemo(
    () => (catalog?.clusters ?? []).filter((c) => (!programCode || c.programCode === programCode) && (!zoneId || c.zoneId === zoneId) && !c.closedOn),
    [catalog, programCode, zoneId],
  );
  const names = program?.funderNames ?? DEFAULT_FUNDER_NAMES;

  return (
    <>
      <PageTitle title={t('projectNew.registerAProjectContract')} />
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
            <Card title={t('projectNew.projectAndOwner')} style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                <Col span={8}>
                  <Form.Item name="projectId" label={t('ui.projectId')} rules={[{ required: true, whitespace: true, message: t('ui.required') }, { pattern: /^[A-Za-z0-9_-]+$/, message: t('projectNew.lettersDigitsAndOnly') }]}>
                    <Input autoComplete="off" placeholder={t('projectNew.idExample')} maxLength={64} />
                  </Form.Item>
                </Col>
                <Col span={16}>
                  <TextField name="title" label={t('projectNew.projectTitle')} max={300} />
                </Col>
                <Col span={8}>
                  <Form.Item name="programCode" label={t('projectNew.program')} rules={[{ required: true, message: t('ui.choose') }]}>
                    <Select options={(catalog?.programs ?? []).map((p) => ({ value: p.code, label: p.code, title: p.name }))} loading={!catalog} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="zoneId" label={t('ui.zone')} rules={[{ required: true, message: t('ui.choose') }]}>
                    <Select options={(catalog?.zones ?? []).map((z) => ({ value: z.zoneId, label: t('ui.nameWithCode', { name: z.name, code: z.zoneId }) }))} loading={!catalog} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="clusterId" label={t('ui.cluster')} rules={[{ required: true, message: t('ui.choose') }]} extra={programCode && zoneId && clusters.length === 0 ? t('projectNew.theProgramHasNoOpen') : undefined}>
                    <Select options={clusters.map((c) => ({ value: c.clusterId, label: c.clusterId, title: c.name }))} />
                  </Form.Item>
                </Col>
                <Col span={24}>
                  <Form.Item name="insideZone" label={t('projectNew.whereTheOwnerIs')} rules={[{ required: true }]}>
                    <Radio.Group
                      options={[
                        { value: true, label: t('projectNew.insideTheZoneProvinceAnd') },
                        { value: false, label: t('projectNew.outsideTheZoneProvinceAlone') },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col span={14}>
                  <TextField name={['owner', 'name']} label={t('projectNew.owner')} max={200} />
                </Col>
                <Col span={10}>
                  <Form.Item name={['owner', 'creditCode']} label={t('projectNew.unifiedSocialCreditCode')} rules={[{ required: true, whitespace: true, message: t('ui.required') }, { len: 18, message: t('projectNew.18Characters') }]}>
                    <Input autoComplete="off" maxLength={18} style={{ fontFamily: 'monospace' }} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card title={t('projectNew.contract')} style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                <Col span={8}>
                  <DateField name={['contract', 'signedOn']} label={t('projectNew.signedOn')} past={false} />
                </Col>
                <Col span={8}>
                  <DateField name={['contract', 'startsOn']} label={t('projectNew.startsOn')} past={false} />
                </Col>
                <Col span={8}>
                  <DateField name={['contract', 'endsOn']} label={t('projectNew.endsOn')} past={false} help={program ? t('projectNew.atMostMonths', { implementationMonths: program.implementationMonths }) : undefined} />
                </Col>
                <Col span={8}>
                  <MoneyField name="newInvestmentFen" label={t('projectNew.newInvestmentYuan')} />
                </Col>
                <Col span={8}>
                  <MoneyField name={['contract', 'provinceGrantFen']} label={t('projectNew.grantYuan')} />
                </Col>
                <Col span={8}>
                  <MoneyField name={['contract', 'zoneGrantFen']} label={t('projectNew.grantYuan2')} allowZero help={insideZone === false ? t('projectNew.0OutsideTheZone') : undefined} />
                </Col>
              </Row>
            </Card>
            <Card title={t('ui.paymentSchedule')} style={{ marginBottom: 16 }}>
              <ScheduleEditor funderNames={names} />
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card title={t('ui.check')} style={{ marginBottom: 16, position: 'sticky', top: 16 }}>
              <Checks program={program} />
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => {
                  const p = parseYuanInput(String(getFieldValue(['contract', 'provinceGrantFen']) ?? ''));
                  const z = parseYuanInput(String(getFieldValue(['contract', 'zoneGrantFen']) ?? ''));
                  return (
                    <Typography.Paragraph style={{ fontSize: 13 }}>
                      {p !== null && <div>{names.province}{t('projectNew.grantInWords')}{capitalAmount(p)}</div>}
                      {z !== null && <div>{names.zone}{t('projectNew.grantInWords')}{capitalAmount(z)}</div>}
                    </Typography.Paragraph>
                  );
                }}
              </Form.Item>
              {program && (
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {program.name}{t('projectNew.match')}{program.match.kind === 'none' ? t('projectNew.noMatchRatio') : `${names.zone} : ${names.province} ${program.match.kind === 'exact' ? '=' : '≥'} ${program.match.zone}:${program.match.province}`}{t('projectNew.fullStop')}
                </Typography.Paragraph>
              )}
              <Flex gap={8}>
                <Button onClick={() => navigate('/projects')}>{t('ui.cancel')}</Button>
                <SubmitButton busy={w.busy}>{t('projectNew.register')}</SubmitButton>
              </Flex>
            </Card>
          </Col>
        </Row>
      </Form>
    </>
  );
}
