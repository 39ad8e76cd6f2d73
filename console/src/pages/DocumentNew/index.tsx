/**
 * /documents/new — a finance officer enters one provincial plan document (文号, 印发日期, and one
 * line per project with its amount in 元) and posts it (POST /allocation-documents); each line's
 * outcome is shown at once. The document number is the idempotency key of the whole document.
 */
import { Alert, AutoComplete, Button, Card, Col, Flex, Form, Row, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { sumFen } from '../../../../domain/money';
import { DateField, MoneyField, ProblemAlert, SubmitButton, TextField, useWriteForm, yuanToFen } from '../../components/forms';
import { PageTitle } from '../../components/PageTitle';
import { RoleOnly } from '../../components/RoleOnly';
import { capitalAmount } from '../../format/capital';
import { todayInChina } from '../../format/dates';
import { formatFen, parseYuanInput } from '../../format/money';
import { useApi } from '../../services/api';
import { useAllPages } from '../../services/lists';
import { useStaleAfterWrite } from '../../services/queryClient';
import { allocationDocumentOut, allocationDocumentSchema, projectListOut, type AllocationDocument } from '../../services/schemas';
import { DocumentLines } from '../Document';
import { documentPath } from '../Documents';

type Values = { documentNo?: string; issuedOn?: string; lines?: { projectId?: string; amountFen?: string }[] };

function Total() {
  const form = Form.useFormInstance<Values>();
  const lines = Form.useWatch('lines', form) ?? [];
  const fens = lines.map((l) => (l?.amountFen ? parseYuanInput(l.amountFen) : null));
  const total = sumFen(fens.filter((f): f is number => f !== null));
  return (
    <Typography.Paragraph data-testid="document-total">
      合计 {lines.length} 行，<span className="amount">{formatFen(total)}</span>
      <br />
      大写：{capitalAmount(total)}
    </Typography.Paragraph>
  );
}

export default function DocumentNewPage() {
  return (
    <RoleOnly role="finance-officer" title="录入计划下达文件" refusal="只有省级财务人员可以录入计划下达文件。">
      <DocumentNewForm />
    </RoleOnly>
  );
}

function DocumentNewForm() {
  const api = useApi();
  const navigate = useNavigate();
  const projects = useAllPages('/projects', projectListOut, (p) => p.projects);
  const staleAfterWrite = useStaleAfterWrite();
  const options = (projects.data?.items ?? []).filter((p) => p.status === 'active' || p.status === 'on-hold').map((p) => ({ value: p.projectId, label: `${p.projectId} ${p.title}` }));
  const w = useWriteForm({
    toBody: (v: Values) => ({
      documentNo: v.documentNo?.trim(),
      issuedOn: v.issuedOn,
      lines: (v.lines ?? []).map((l) => ({ projectId: l.projectId?.trim(), amountFen: yuanToFen(l.amountFen) })),
    }),
    schema: allocationDocumentSchema,
    // The document number is the document's idempotency key (API.md): no header needed.
    send: (body) => api.post('/allocation-documents', body, { schema: allocationDocumentOut }),
    onDone: staleAfterWrite,
    successText: '计划下达文件已提交',
  });

  const result: AllocationDocument | undefined = w.result;
  return (
    <>
      <Link to="/documents">← 返回计划下达文件</Link>
      <PageTitle title="录入计划下达文件" />
      {result && (
        <Card
          title={`提交结果：${result.documentNo}`}
          style={{ marginBottom: 16 }}
          data-testid="document-result"
          extra={
            <Flex gap={8}>
              <Button onClick={() => navigate(documentPath(result.documentNo))}>查看文件</Button>
              <Button
                onClick={w.reset}
              >
                录入另一份
              </Button>
            </Flex>
          }
        >
          <Alert
            type={result.totals.refused > 0 ? 'warning' : 'success'}
            showIcon
            style={{ marginBottom: 12 }}
            title={`共 ${result.totals.lines} 行：${result.totals.posted} 行已下达（${formatFen(result.totals.postedFen)}），${result.totals.refused} 行未下达（${formatFen(result.totals.refusedFen)}）。`}
          />
          <DocumentLines document={result} />
        </Card>
      )}
      {!result && (
        <Form<Values> form={w.form} name="document" layout="vertical" requiredMark initialValues={{ issuedOn: todayInChina(), lines: [{}] }} onFinish={() => void w.submit()}>
          {w.problem && <ProblemAlert explained={w.problem} />}
          <Row gutter={16}>
            <Col xs={24} xl={16}>
              <Card title="文件" style={{ marginBottom: 16 }}>
                <Row gutter={16}>
                  <Col span={14}>
                    <TextField name="documentNo" label="文号" placeholder="苏财教〔2025〕12号" help="文号是整份文件的幂等键：同一文号再次提交只重放结果，换了行内容会被拒绝。" />
                  </Col>
                  <Col span={10}>
                    <DateField name="issuedOn" label="印发日期" />
                  </Col>
                </Row>
              </Card>
              <Card title="下达明细（每个项目一行）">
                <Form.List name="lines">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((field, i) => (
                        <div key={field.key} style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 60px', gap: 12, alignItems: 'start' }} data-testid="document-line">
                          <Form.Item name={[field.name, 'projectId']} label={`第 ${i + 1} 行 项目编号`} rules={[{ required: true, whitespace: true, message: '必填' }]}>
                            <AutoComplete
                              options={options}
                              filterOption={(input, option) => String(option?.label ?? '').toLowerCase().includes(input.toLowerCase())}
                              placeholder="输入项目编号或名称"
                            />
                          </Form.Item>
                          <MoneyField name={[field.name, 'amountFen']} label="下达金额（元）" />
                          <Form.Item label=" " colon={false}>
                            <Button type="link" onClick={() => remove(field.name)} disabled={fields.length === 1} aria-label={`删除第 ${i + 1} 行`} style={{ paddingInline: 0 }}>
                              删除
                            </Button>
                          </Form.Item>
                        </div>
                      ))}
                      <Button onClick={() => add({})}>+ 添加一行</Button>
                    </>
                  )}
                </Form.List>
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card title="核对" style={{ position: 'sticky', top: 16 }}>
                <Total />
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  每一行按该项目的全部上限（含待配套资金）和合同资助额单独检查，被拒绝的行不影响其他行。
                </Typography.Paragraph>
                <Flex gap={8}>
                  <Button onClick={() => navigate('/documents')}>取消</Button>
                  <SubmitButton busy={w.busy}>提交下达</SubmitButton>
                </Flex>
              </Card>
            </Col>
          </Row>
        </Form>
      )}
    </>
  );
}
