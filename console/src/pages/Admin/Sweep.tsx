/**
 * /admin/sweep — the admin runs the alert sweep as of a day (POST /alerts/sweep; never after
 * today: the API refuses a future asOf with 400) and sees what it changed.
 */
import { App, Card, Col, Form, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { DateField, ProblemAlert, SubmitButton, useWriteForm } from '../../components/forms';
import { PageTitle } from '../../components/PageTitle';
import { RoleOnly } from '../../components/RoleOnly';
import { todayInChina } from '../../format/dates';
import { useSweep, type SweepInput } from '../../services/admin';
import { sweepSchema, type SweepResult } from '../../services/schemas';
import { useWords } from './words';

const FIGURES = ['raised', 'updated', 'resolved', 'open'] as const;
const MORE = ['examined', 'skipped', 'published', 'publishFailed'] as const;

function Result({ result }: { result: SweepResult }) {
  const w = useWords();
  return (
    <Card title={w('admin.sweep.result', { date: result.asOf })} extra={<Link to="/alerts">{w('admin.sweep.viewAlerts')}</Link>} data-testid="sweep-result">
      <Row gutter={[16, 16]}>
        {FIGURES.map((k) => (
          <Col xs={12} xl={6} key={k}>
            <Statistic title={w(`admin.sweep.${k}`)} value={result[k]} data-testid={`sweep-${k}`} />
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {MORE.map((k) => (
          <Col xs={12} xl={6} key={k}>
            <Statistic title={w(`admin.sweep.${k}`)} value={result[k]} styles={{ content: { fontSize: 16 } }} data-testid={`sweep-${k}`} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function SweepForm() {
  const w = useWords();
  const { message } = App.useApp();
  const sweep = useSweep();
  const f = useWriteForm({
    toBody: (v: Partial<SweepInput>) => ({ asOf: v.asOf }),
    schema: sweepSchema,
    send: (body) => sweep.mutateAsync(body),
    onDone: () => void message.success(w('admin.sweep.done')),
    refusal: (error) => (error.status === 400 && (error.problem.errors ?? []).some((e) => e.path === 'asOf') ? w('admin.sweep.future') : null),
  });
  const label = (dotted: string) => (dotted === 'asOf' ? w('admin.sweep.asOf') : dotted);
  return (
    <>
      <Card style={{ marginBottom: 16, maxWidth: 560 }} data-testid="sweep-form">
        <Form<Partial<SweepInput>> form={f.form} name="sweep" layout="vertical" requiredMark initialValues={{ asOf: todayInChina() }} onFinish={() => void f.submit()}>
          {f.problem && <ProblemAlert explained={f.problem} label={label} />}
          <DateField name="asOf" label={label('asOf')} help={w('admin.sweep.asOfHelp')} />
          <SubmitButton busy={f.busy}>{w('admin.sweep.run')}</SubmitButton>
        </Form>
      </Card>
      {f.result && <Result result={f.result} />}
    </>
  );
}

export default function SweepPage() {
  const w = useWords();
  return (
    <RoleOnly role="admin" title={w('admin.sweep.title')} refusal={w('admin.sweep.refused')}>
      <PageTitle title={w('admin.sweep.title')} />
      <Typography.Paragraph type="secondary" style={{ maxWidth: 880 }}>
        {w('admin.sweep.lead')}
      </Typography.Paragraph>
      <SweepForm />
    </RoleOnly>
  );
}
