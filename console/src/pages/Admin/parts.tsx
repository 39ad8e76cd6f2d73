/**
 * What the admin pages share: why a read failed, why a write was refused (one sentence in the
 * person's language, the API's own words under a toggle), the read-only note, the back link, and
 * the form hook — validate with the API's own request schema, then send once through the page's
 * mutation (services/admin.ts), which updates the cache with the answer.
 */
import { Alert, Button, Form, Typography, type FormInstance } from 'antd';
import type { UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ZodMiniType as ZodType } from 'zod/mini';
import { ApiError } from '../../services/api';
import { useI18n } from '../../i18n';
import { apiFieldProblems, refusalOf, zodFieldProblems, type FieldProblem } from '../../services/problems';
import { useWords } from './words';

/** The API's own account of a failure (status, rule, route, detail), for the details toggle. */
function technical(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const p = error.problem;
  return [p.rule ? `rule ${p.rule}` : null, p.status ? `HTTP ${p.status}` : null, error.request, p.detail].filter(Boolean).join(' · ');
}

function Details({ text }: { text: string }) {
  const w = useWords();
  if (!text) return null;
  return (
    <details>
      <summary style={{ cursor: 'pointer' }}>{w('admin.common.details')}</summary>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {text}
      </Typography.Text>
    </details>
  );
}

/** Why a read failed, with a retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const w = useWords();
  let title = w('admin.error.load');
  if (error instanceof ApiError) {
    if (error.kind === 'network') title = w('admin.error.network');
    else if (error.kind === 'invalid-response') title = w('admin.error.invalid');
    else if (error.status === 401) title = w('admin.error.unauthorized');
    else if (error.status === 403) title = w('admin.error.forbidden');
    else if (error.status >= 500) title = w('admin.error.server');
  }
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title}
      description={<Details text={technical(error)} />}
      action={onRetry ? <Button onClick={onRetry}>{w('admin.common.retry')}</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}

export const isNotFound = (error: unknown) => error instanceof ApiError && error.kind === 'problem' && error.status === 404;

export function BackLink({ to, page }: { to: string; page: string }) {
  const w = useWords();
  return <Link to={to}>{w('admin.common.backTo', { page })}</Link>;
}

/** For the roles that read but do not write here. */
export function ReadOnlyNote() {
  const w = useWords();
  return <Alert type="info" showIcon title={w('admin.common.readOnly')} style={{ marginBottom: 16 }} data-testid="read-only" />;
}

export interface FormProblem {
  title: string;
  fields: FieldProblem[];
  details: string;
}

/** A refused write: one sentence, the fields it names (by their labels), the API's words below. */
export function FormProblemAlert({ problem, label }: { problem: FormProblem; label: (dotted: string) => string }) {
  const w = useWords();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="problem"
      title={problem.title}
      description={
        problem.fields.length || problem.details ? (
          <>
            {problem.fields.length > 0 && (
              <ul style={{ margin: '0 0 4px', paddingInlineStart: 18 }}>
                {problem.fields.map((f, i) => (
                  <li key={`${f.dotted}-${i}`}>{w('admin.common.fieldProblem', { field: label(f.dotted), message: f.message })}</li>
                ))}
              </ul>
            )}
            <Details text={problem.details} />
          </>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}

export interface AdminForm<V, T> {
  form: FormInstance<V>;
  busy: boolean;
  problem: FormProblem | null;
  result: T | undefined;
  submit(): Promise<boolean>;
  reset(): void;
}

/**
 * One admin form. `toBody` builds the request from the form's values; `schema` is the API's
 * request schema, checked before sending; `refusal` names a 400/409/422 in the page's own words
 * (null: the general sentence).
 */
export function useAdminForm<V, B, T>({
  toBody,
  schema,
  mutation,
  onDone,
  refusal,
}: {
  toBody: (values: V) => unknown;
  schema: ZodType<B>;
  mutation: UseMutationResult<T, Error, B>;
  onDone?: (result: T) => void;
  refusal?: (error: ApiError) => string | null;
}): AdminForm<V, T> {
  const w = useWords();
  const i18n = useI18n();
  const [form] = Form.useForm<V>();
  const [problem, setProblem] = useState<FormProblem | null>(null);

  const showFields = (fields: FieldProblem[]) => {
    const byPath = new Map<string, FieldProblem[]>();
    for (const f of fields) byPath.set(f.dotted, [...(byPath.get(f.dotted) ?? []), f]);
    form.setFields([...byPath.values()].map((same) => ({ name: same[0]!.path as never, errors: same.map((f) => f.message) })));
  };

  const explain = (error: unknown): FormProblem => {
    const details = technical(error);
    if (!(error instanceof ApiError)) return { title: w('admin.write.failed', { status: '—' }), fields: [], details };
    if (error.kind === 'network') return { title: w('admin.write.network'), fields: [], details };
    if (error.kind === 'invalid-response') return { title: w('admin.error.invalid'), fields: [], details };
    const own = refusal?.(error) ?? null;
    const p = error.problem;
    switch (p.status) {
      case 400:
        return { title: own ?? w('admin.write.invalid'), fields: apiFieldProblems(p, i18n), details };
      case 401:
        return { title: w('admin.write.unauthorized'), fields: [], details };
      case 403:
        return { title: w('admin.write.forbidden'), fields: [], details };
      case 404:
        return { title: own ?? w('admin.write.notFound'), fields: [], details };
      case 409:
        return { title: own ?? w('admin.write.failed', { status: 409 }), fields: [], details };
      case 422:
        return { title: own ?? refusalOf(p, i18n), fields: [], details };
      case 503:
        return { title: w('admin.write.busy'), fields: [], details };
      default:
        return { title: own ?? w('admin.write.failed', { status: p.status }), fields: [], details };
    }
  };

  const submit = async (): Promise<boolean> => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return false;
    }
    const parsed = schema.safeParse(toBody(values));
    if (!parsed.success) {
      const fields = zodFieldProblems(parsed.error, i18n);
      showFields(fields);
      setProblem({ title: w('admin.write.invalid'), fields, details: '' });
      return false;
    }
    setProblem(null);
    try {
      const result = await mutation.mutateAsync(parsed.data);
      onDone?.(result);
      return true;
    } catch (error) {
      const explained = explain(error);
      if (explained.fields.length) showFields(explained.fields);
      setProblem(explained);
      return false;
    }
  };

  const reset = () => {
    setProblem(null);
    mutation.reset();
    form.resetFields();
  };

  return { form, busy: mutation.isPending, problem, result: mutation.data, submit, reset };
}
