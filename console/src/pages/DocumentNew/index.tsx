/**
 * /documents/new — a finance officer enters one provincial plan document (文号, 印发日期, and one
 * line per project with its amount in 元) and posts it (POST /allocation-documents); each line's
 * outcome is shown at once. The document number is the idempotency key of the whole document.
 */
import { Alert, AutoComplete, Button, Card, Col, Flex, Form, Row, Select, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { sumFen } from '../../../../domain/money';
import { DateField, MoneyField, ProblemAlert, SubmitButton, TextField, useWriteForm, yuanToFen } from '../../components/forms';
import { PageTitle } from '../../components/PageTitle';
import { RoleOnly } from '../../components/RoleOnly';
import { capitalAmount } from '../../format/capital';
import { todayInChina } from '../../format/dates';
import { formatFen, formatYuanDigits, parseYuanInput } from '../../format/money';
import { useApi } from '../../services/api';
import { useIndicators } from '../../services/budget';
import { programOf, useCatalog } from '../../services/catalog';
import { useAllPages } from '../../services/lists';
import { useStaleAfterWrite } from '../../services/queryClient';
import { allocationDocumentOut, allocationDocumentSchema, projectListOut, type AllocationDocument } from '../../services/schemas';
import { DocumentLines } from '../Document';
import { documentPath } from '../Documents';
import { useI18n } from '../../i18n';

type Values = { documentNo?: string; issuedOn?: string; indicatorNo?: string; lines?: { projectId?: string; amountFen?: string }[] };

function Total() {
  const { t } = useI18n();
  const form = Form.useFormInstance<Values>();
  const lines = Form.useWatch('lines', form) ?? [];
  const fens = lines.map((l) => (l?.amountFen ? parseYuanInput(l.amountFen) : null));
  const total = sumFen(fens.filter((f): f is number => f !== null));
  return (
    <Typography.Paragraph data-testid="document-total">
      
      {t('ui.total')} {lines.length} {t('documentNew.lines')}<span className="amount">{formatFen(total)}</span>
      <br />
      
      {t('documentNew.inWords')}{capitalAmount(total)}
    </Typography.Paragraph>
  );
}

/**
 * The budget indicator every line draws on (required when the lines' programs are under budget
 * control): the open indicators of the issue date's year, with their program and what each has left.
 */
function DocumentIndicator() {
  const { t } = useI18n();
  const issuedOn: unknown = Form.useWatch('issuedOn');
  const year = typeof issuedOn === 'string' ? Number(issuedOn.slice(0, 4)) : null;
  const open = useIndicators().filter((i) => i.status === 'open' && i.fiscalYear === year);
  const catalog = useCatalog();
  return (
    <Form.Item name="indicatorNo" label={t('dialog.budgetIndicator')} extra={t('dialog.budgetIndicatorHelp')}>
      <Select
        allowClear
        placeholder={year === null ? t('dialog.chooseTheDateFirst') : t('dialog.noOpenIndicatorOfYear', { year })}
        options={open.map((i) => ({ value: i.indicatorNo, label: `${t('dialog.indicatorWithRemaining', { indicatorNo: i.indicatorNo, remaining: formatYuanDigits(i.remainingFen) })} · ${programOf(catalog, i.programCode)?.name ?? i.programCode}` }))}
      />
    </Form.Item>
  );
}

export default function DocumentNewPage() {
  const { t } = useI18n();
  return (
    <RoleOnly role="finance-officer" title={t('ui.enterAnAllocationDocument')} refusal={t('documentNew.onlyTheProvinceFinanceOfficers')}>
      <DocumentNewForm />
    </RoleOnly>
  );
}

function DocumentNewForm() {
  const { t } = useI18n();
  const api = useApi();
  const navigate = useNavigate();
  const projects = useAllPages('/projects', projectListOut, (p) => p.projects);
  const staleAfterWrite = useStaleAfterWrite();
  const options = (projects.data?.items ?? []).filter((p) => p.status === 'active' || p.status === 'on-hold').map((p) => ({ value: p.projectId, label: `${p.projectId} ${p.title}` }));
  const w = useWriteForm({
    toBody: (v: Values) => ({
      documentNo: v.documentNo?.trim(),
      issuedOn: v.issuedOn,
      ...(v.indicatorNo ? { indicatorNo: v.indicatorNo } : {}),
      lines: (v.lines ?? []).map((l) => ({ projectId: l.projectId?.trim(), amountFen: yuanToFen(l.amountFen) })),
    }),
    schema: allocationDocumentSchema,
    // The document number is the document's idempotency key (API.md): no header needed.
    send: (body) => api.post('/allocation-documents', body, { schema: allocationDocumentOut }),
    onDone: staleAfterWrite,
    successText: t('documentNew.allocationDocumentSubmitted'),
  });

  const result: AllocationDocument | undefined = w.result;
  return (
    <>
      <Link to="/documents">{t('ui.backToAllocationDocuments')}</Link>
      <PageTitle title={t('ui.enterAnAllocationDocument')} />
      {result && (
        <Card
          title={t('documentNew.result', { documentNo: result.documentNo })}
          style={{ marginBottom: 16 }}
          data-testid="document-result"
          extra={
            <Flex gap={8}>
              <Button onClick={() => navigate(documentPath(result.documentNo))}>{t('documentNew.viewTheDocument')}</Button>
              <Button
                onClick={w.reset}
              >
                
                {t('documentNew.enterAnother')}
              </Button>
            </Flex>
          }
        >
          <Alert
            type={result.totals.refused > 0 ? 'warning' : 'success'}
            showIcon
            style={{ marginBottom: 12 }}
            title={t('documentNew.linesAllocatedNotAllocated', { lines: result.totals.lines, posted: result.totals.posted, v1: formatFen(result.totals.postedFen), refused: result.totals.refused, v2: formatFen(result.totals.refusedFen) })}
          />
          <DocumentLines document={result} />
        </Card>
      )}
      {!result && (
        <Form<Values> form={w.form} name="document" layout="vertical" requiredMark initialValues={{ issuedOn: todayInChina(), lines: [{}] }} onFinish={() => void w.submit()}>
          {w.problem && <ProblemAlert explained={w.problem} />}
          <Row gutter={16}>
            <Col xs={24} xl={16}>
              <Card title={t('documentNew.document')} style={{ marginBottom: 16 }}>
                <Row gutter={16}>
                  <Col span={14}>
                    <TextField name="documentNo" label={t('ui.documentNo')} placeholder={t('ui.suCaiJiao2025No')} help={t('documentNew.theDocumentNumberIsThe')} />
                  </Col>
                  <Col span={10}>
                    <DateField name="issuedOn" label={t('ui.issuedOn')} />
                  </Col>
                  <Col span={24}>
                    <DocumentIndicator />
                  </Col>
                </Row>
              </Card>
              <Card title={t('documentNew.allocationsOneLinePerProject')}>
                <Form.List name="lines">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((field, i) => (
                        <div key={field.key} style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 60px', gap: 12, alignItems: 'start' }} data-testid="document-line">
                          <Form.Item name={[field.name, 'projectId']} label={t('documentNew.lineProjectId', { v1: i + 1 })} rules={[{ required: true, whitespace: true, message: t('ui.required') }]}>
                            <AutoComplete
                              options={options}
                              filterOption={(input, option) => String(option?.label ?? '').toLowerCase().includes(input.toLowerCase())}
                              placeholder={t('documentNew.projectIdOrTitle')}
                            />
                          </Form.Item>
                          <MoneyField name={[field.name, 'amountFen']} label={t('ui.amountAllocatedYuan')} />
                          <Form.Item label=" " colon={false}>
                            <Button type="link" onClick={() => remove(field.name)} disabled={fields.length === 1} aria-label={t('documentNew.deleteLine', { v1: i + 1 })} style={{ paddingInline: 0 }}>
                              
                              {t('ui.delete')}
                            </Button>
                          </Form.Item>
                        </div>
                      ))}
                      <Button onClick={() => add({})}>{t('documentNew.addALine')}</Button>
                    </>
                  )}
                </Form.List>
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card title={t('ui.check')} style={{ position: 'sticky', top: 16 }}>
                <Total />
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  
                  {t('documentNew.eachLineIsCheckedOn')}
                </Typography.Paragraph>
                <Flex gap={8}>
                  <Button onClick={() => navigate('/documents')}>{t('ui.cancel')}</Button>
                  <SubmitButton busy={w.busy}>{t('documentNew.submitAllocations')}</SubmitButton>
                </Flex>
              </Card>
            </Col>
          </Row>
        </Form>
      )}
    </>
  );
}
