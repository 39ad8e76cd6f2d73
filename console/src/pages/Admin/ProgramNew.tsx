/**
 * /admin/programs/new[?from=CODE] — an admin writes a program (POST /programs): checked with the
 * API's own programSchema before it is sent. The same code replaces a program no project uses yet;
 * a program in use is refused (409) in one sentence that says why and what to do instead.
 */
import { App, Card, Checkbox, Col, Flex, Form, Input, InputNumber, Row, Select, Switch, Button, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { CAP_RULE } from '../../../../domain/programs/caps';
import { DEFAULT_FUNDER_NAMES, type FunderNames } from '../../../../domain/glossary/with-console';
import { ErrorAlert } from '../../components/ErrorAlert';
import { MoneyField, ProblemAlert, SubmitButton, useWriteForm } from '../../components/forms';
import { PageSpinner } from '../../components/PageSpinner';
import { PageTitle } from '../../components/PageTitle';
import { RoleOnly } from '../../components/RoleOnly';
import { todayInChina } from '../../format/dates';
import { useProgram, useSaveProgram } from '../../services/admin';
import { programSchema } from '../../services/schemas';
import { BackLink } from './parts';
import { blankProgram, DEADLINES, MONEY_CAPS, programBody, programValues, QUOTAS, type ProgramValues } from './program-form';
import { programPath } from './Programs';
import { useWords, type Words } from './words';

export default function ProgramNewPage() {
  const w = useWords();
  return (
    <RoleOnly role="admin" title={w('admin.program.new')} refusal={w('admin.program.refusedNew')}>
      <Template />
    </RoleOnly>
  );
}

/** The form starts from the program named by ?from=, or blank. */
function Template() {
  const [params] = useSearchParams();
  const from = params.get('from');
  return from ? <FromProgram code={from} /> : <ProgramForm initial={blankProgram(Number(todayInChina().slice(0, 4)))} />;
}

function FromProgram({ code }: { code: string }) {
  const program = useProgram(code);
  if (program.error) return <ErrorAlert error={program.error} onRetry={() => void program.refetch()} />;
  if (!program.data) return <PageSpinner />;
  return <ProgramForm initial={programValues(program.data)} />;
}

/** Each field by its path in the request, as the person reads it (for the list of problems). */
function fieldLabels(w: Words, f: FunderNames): (dotted: string) => string {
  const labels: Record<string, string> = {
    code: w('admin.program.code'),
    name: w('admin.program.name'),
    basis: w('admin.program.basis'),
    year: w('admin.program.year'),
    'match.kind': w('admin.program.matchKind'),
    'match.zone': w('admin.program.matchZoneShare', {}, f),
    'match.province': w('admin.program.matchProvinceShare', {}, f),
    'caps.jointShareOfNewInvestment': w('rule.joint-share-of-new-investment', {}, f),
    'caps.jointShareOfNewInvestment.numerator': `${w('rule.joint-share-of-new-investment', {}, f)} · ${w('admin.program.numerator')}`,
    'caps.jointShareOfNewInvestment.denominator': `${w('rule.joint-share-of-new-investment', {}, f)} · ${w('admin.program.denominator')}`,
    'funderNames.province': w('admin.program.funderProvince'),
    'funderNames.zone': w('admin.program.funderZone'),
    outsideZoneCountsInClusterCap: w('admin.program.outsideZone', {}, f),
  };
  for (const cap of MONEY_CAPS) labels[`caps.${cap}`] = w(`rule.${CAP_RULE[cap]}`, {}, f);
  for (const q of QUOTAS) labels[`quotas.${q}`] = w(`admin.program.${q}`, {}, f);
  for (const d of DEADLINES) labels[d] = w(`admin.program.${d}`, {}, f);
  return (dotted) => labels[dotted] ?? dotted;
}

const int = { precision: 0, style: { width: '100%' } } as const;

function ProgramForm({ initial }: { initial: ProgramValues }) {
  const w = useWords();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const save = useSaveProgram();
  const f = useWriteForm({
    toBody: programBody,
    schema: programSchema,
    send: (body) => save.mutateAsync(body),
    onDone: (program) => {
      void message.success(w('admin.program.saved', { code: program.code }));
      navigate(programPath(program.code));
    },
    refusal: (error, sent) => (error.status === 409 ? w('admin.program.refusedInUse', { code: sent.code }) : null),
  });
  // Labels name the funders as this program will (typed below).
  const typed = Form.useWatch('funderNames', f.form) as ProgramValues['funderNames'] | undefined;
  const funders: FunderNames = { province: typed?.province || DEFAULT_FUNDER_NAMES.province, zone: typed?.zone || DEFAULT_FUNDER_NAMES.zone };
  const matchKind = Form.useWatch(['match', 'kind'], f.form) as string | undefined;
  const label = fieldLabels(w, funders);

  return (
    <>
      <BackLink to="/admin/programs" page={w('admin.programs.title')} />
      <PageTitle title={w('admin.program.new')} />
      <Form<ProgramValues> form={f.form} name="program" layout="vertical" requiredMark initialValues={initial} onFinish={() => void f.submit()}>
        {f.problem && <ProblemAlert explained={f.problem} label={label} />}
        <Row gutter={16}>
          <Col xs={24} xl={12}>
            <Card title={w('admin.program.basics')} style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                <Col span={14}>
                  <Form.Item name="code" label={label('code')} extra={w('admin.program.codeHelp')} rules={[{ required: true, whitespace: true, message: label('code') }]}>
                    <Input autoComplete="off" maxLength={64} />
                  </Form.Item>
                </Col>
                <Col span={10}>
                  <Form.Item name="year" label={label('year')} rules={[{ required: true, message: label('year') }]}>
                    <InputNumber {...int} min={2000} max={2100} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="name" label={label('name')} rules={[{ required: true, whitespace: true, message: label('name') }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="basis" label={label('basis')} extra={w('admin.program.basisHelp')} rules={[{ required: true, whitespace: true, message: label('basis') }]}>
                <Input.TextArea rows={6} maxLength={2000} />
              </Form.Item>
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item name={['funderNames', 'province']} label={label('funderNames.province')} rules={[{ required: true, whitespace: true, message: label('funderNames.province') }]}>
                    <Input maxLength={20} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={['funderNames', 'zone']} label={label('funderNames.zone')} rules={[{ required: true, whitespace: true, message: label('funderNames.zone') }]}>
                    <Input maxLength={20} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card title={w('admin.program.match')} style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                <Col span={10}>
                  <Form.Item name={['match', 'kind']} label={label('match.kind')} rules={[{ required: true, message: label('match.kind') }]}>
                    <Select options={(['exact', 'at-least', 'none'] as const).map((k) => ({ value: k, label: w(`admin.matchKind.${k}`) }))} />
                  </Form.Item>
                </Col>
                {matchKind !== 'none' && (
                  <>
                    <Col span={7}>
                      <Form.Item name={['match', 'zone']} label={label('match.zone')} rules={[{ required: true, message: label('match.zone') }]}>
                        <InputNumber {...int} min={1} max={1000} />
                      </Form.Item>
                    </Col>
                    <Col span={7}>
                      <Form.Item name={['match', 'province']} label={label('match.province')} rules={[{ required: true, message: label('match.province') }]}>
                        <InputNumber {...int} min={1} max={1000} />
                      </Form.Item>
                    </Col>
                  </>
                )}
              </Row>
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={w('admin.program.caps')} style={{ marginBottom: 16 }} data-testid="program-caps">
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {w('admin.program.capHelp')} {w('admin.program.inPrincipleHelp')}
              </Typography.Paragraph>
              {MONEY_CAPS.map((cap) => (
                <Flex key={cap} gap={16} align="start">
                  <div style={{ flex: 1 }}>
                    <MoneyField name={['caps', cap]} label={label(`caps.${cap}`)} required={false} />
                  </div>
                  <Form.Item name={['inPrinciple', cap]} valuePropName="checked" label=" " colon={false}>
                    <Checkbox>{w('admin.program.inPrinciple')}</Checkbox>
                  </Form.Item>
                </Flex>
              ))}
              <Flex gap={16} align="start">
                <Form.Item label={label('caps.jointShareOfNewInvestment')} style={{ flex: 1 }}>
                  <Flex gap={8} align="center">
                    <Form.Item name={['caps', 'jointShareOfNewInvestment', 'numerator']} noStyle>
                      <InputNumber {...int} min={1} aria-label={label('caps.jointShareOfNewInvestment.numerator')} placeholder={w('admin.program.numerator')} />
                    </Form.Item>
                    <span aria-hidden>/</span>
                    <Form.Item name={['caps', 'jointShareOfNewInvestment', 'denominator']} noStyle>
                      <InputNumber {...int} min={1} aria-label={label('caps.jointShareOfNewInvestment.denominator')} placeholder={w('admin.program.denominator')} />
                    </Form.Item>
                  </Flex>
                </Form.Item>
                <Form.Item name={['inPrinciple', 'jointShareOfNewInvestment']} valuePropName="checked" label=" " colon={false}>
                  <Checkbox>{w('admin.program.inPrinciple')}</Checkbox>
                </Form.Item>
              </Flex>
              <Form.Item name="outsideZoneCountsInClusterCap" valuePropName="checked" label={label('outsideZoneCountsInClusterCap')}>
                <Switch />
              </Form.Item>
            </Card>
            <Card title={w('admin.program.quotas')} style={{ marginBottom: 16 }}>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {w('admin.program.quotaHelp')}
              </Typography.Paragraph>
              <Row gutter={16}>
                {QUOTAS.map((q) => (
                  <Col span={8} key={q}>
                    <Form.Item name={['quotas', q]} label={label(`quotas.${q}`)}>
                      <InputNumber {...int} min={1} placeholder={w('admin.program.noQuota')} />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            </Card>
            <Card title={w('admin.program.deadlines')} style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                {DEADLINES.map((d) => (
                  <Col span={12} key={d}>
                    <Form.Item name={d} label={label(d)} rules={[{ required: true, message: label(d) }]}>
                      <InputNumber {...int} min={0} />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            </Card>
          </Col>
        </Row>
        <Flex gap={8} justify="end">
          <Button onClick={() => navigate('/admin/programs')}>{w('admin.common.cancel')}</Button>
          <SubmitButton busy={f.busy}>{w('admin.program.save')}</SubmitButton>
        </Flex>
      </Form>
    </>
  );
}
