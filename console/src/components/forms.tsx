/**
 * The pieces every write form is made of:
 *
 * - MoneyField: an amount typed in 元 (up to two decimals, thousands separators allowed), kept as
 *   the typed text and turned into integer fen by string arithmetic (format/money.ts) only when
 *   the body is built; the amount in Chinese capitals (大写) is shown under it while typing, so
 *   it can be checked against the voucher before anything is posted.
 * - DateField: a business date (YYYY-MM-DD, China calendar), never later than today when `past`.
 * - ProblemAlert: why the API refused (422 as one Chinese sentence with the figures, 400 per field).
 * - useWriteForm: validate with the API's own request schema → send once (one Idempotency-Key per
 *   submission, kept across retries, services/idempotency.ts) → show the outcome.
 */
import { Alert, App, Button, DatePicker, Form, Input, Typography } from 'antd';
import type { FormInstance, Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation } from '@tanstack/react-query';
import { useCallback, useState, type ReactNode } from 'react';
import type { ZodMiniType as ZodType } from 'zod/mini';
import { capitalAmount } from '../format/capital';
import { todayInChina } from '../format/dates';
import { formatFen, parseYuanInput } from '../format/money';
import { explainWriteError, fieldLabel, zodFieldProblems, type Explained, type FieldPath } from '../services/problems';
import type { ApiError } from '../services/api';
import { ProblemDetailsToggle } from './ProblemDetails';
import { useSubmission } from '../services/idempotency';
import { useI18n } from '../i18n';

/** 元 text → fen; the field's validator has already refused anything else. */
export function yuanToFen(text: unknown): number {
  const fen = typeof text === 'string' ? parseYuanInput(text) : null;
  if (fen === null) throw new RangeError(`not an amount in yuan: ${String(text)}`);
  return fen;
}

/** Optional amount: empty → undefined. */
export function optionalFen(text: unknown): number | undefined {
  return typeof text === 'string' && text.trim() !== '' ? yuanToFen(text) : undefined;
}

/** The capital-numeral line under an amount (or nothing while it is not an amount). */
export function CapitalLine({ text, testId }: { text: unknown; testId?: string }) {
  const { t } = useI18n();
  const fen = typeof text === 'string' && text.trim() !== '' ? parseYuanInput(text) : null;
  if (fen === null) return null;
  return (
    <span data-testid={testId} className="capital-line">
      {formatFen(fen)} {t('form.inWords')}{capitalAmount(fen)}
    </span>
  );
}

export function MoneyField({
  name,
  label,
  required = true,
  allowZero = false,
  maxFen,
  help,
  testId,
}: {
  name: FieldPath | string;
  label: ReactNode;
  required?: boolean;
  allowZero?: boolean;
  /** An upper bound known to the console (e.g. what is still pending); the API checks again. */
  maxFen?: number;
  help?: ReactNode;
  testId?: string;
}) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const value: unknown = Form.useWatch(name, form);
  const rules: Rule[] = [
    {
      validator: async (_, v: unknown) => {
        const text = typeof v === 'string' ? v.trim() : '';
        if (text === '') {
          if (required) throw new Error(t('form.enterTheAmountYuan'));
          return;
        }
        const fen = parseYuanInput(text);
        if (fen === null) throw new Error(t('form.invalidAmountInYuanWith'));
        if (fen === 0 && !allowZero) throw new Error(t('form.theAmountMustBeMore'));
        if (maxFen !== undefined && fen > maxFen) throw new Error(t('form.atMost', { v1: formatFen(maxFen) }));
      },
    },
  ];
  return (
    <Form.Item
      name={name}
      label={label}
      required={required}
      rules={rules}
      extra={
        <>
          {help ? <div>{help}</div> : null}
          <CapitalLine text={value} {...(testId ? { testId } : {})} />
        </>
      }
    >
      <Input inputMode="decimal" suffix={t('ui.yuan')} autoComplete="off" placeholder="0.00" />
    </Form.Item>
  );
}

export function DateField({
  name,
  label,
  required = true,
  past = true,
  help,
}: {
  name: FieldPath | string;
  label: ReactNode;
  required?: boolean;
  /** Not later than today in China (the API refuses future value dates). */
  past?: boolean;
  help?: ReactNode;
}) {
  const { t } = useI18n();
  const today = todayInChina();
  return (
    <Form.Item
      name={name}
      label={label}
      required={required}
      rules={required ? [{ required: true, message: t('form.chooseADate') }] : []}
      getValueProps={(v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : null })}
      normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
      {...(help ? { extra: help } : {})}
    >
      <DatePicker
        format="YYYY-MM-DD"
        style={{ width: '100%' }}
        {...(past ? { disabledDate: (d: Dayjs) => d.format('YYYY-MM-DD') > today } : {})}
      />
    </Form.Item>
  );
}

export function TextField({ name, label, required = true, max = 100, multiline = false, help, placeholder }: {
  name: FieldPath | string;
  label: ReactNode;
  required?: boolean;
  max?: number;
  multiline?: boolean;
  help?: ReactNode;
  placeholder?: string;
}) {
  const { t } = useI18n();
  return (
    <Form.Item
      name={name}
      label={label}
      required={required}
      rules={[...(required ? [{ required: true, whitespace: true, message: t('ui.required') }] : []), { max, message: t('form.atMostCharacters', { max }) }]}
      {...(help ? { extra: help } : {})}
    >
      {multiline ? <Input.TextArea rows={2} maxLength={max} showCount /> : <Input maxLength={max} autoComplete="off" {...(placeholder ? { placeholder } : {})} />}
    </Form.Item>
  );
}

/**
 * A form's submit button. antd leaves its spinner's "loading" label in the button's accessible
 * name for a while after loading ends, so a screen reader (or a test) would hear "loading 提交";
 * the name stays the action and aria-busy says a submission is under way.
 */
export function SubmitButton({ busy, danger = false, children }: { busy: boolean; danger?: boolean; children: string }) {
  return (
    <Button type="primary" danger={danger} htmlType="submit" loading={busy} aria-label={children} aria-busy={busy}>
      {children}
    </Button>
  );
}

/**
 * The reason a write was refused: the sentence first, the fields it names, the API's own words
 * below them. `label` names a field where the page has its own names (else the glossary's).
 */
export function ProblemAlert({ explained, label }: { explained: Explained; label?: (dotted: string) => string }) {
  const words = useI18n();
  const { t } = words;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="problem"
      data-rule={explained.rule}
      title={explained.title}
      description={
        explained.fields.length || explained.details ? (
          <>
            {explained.fields.length > 0 && (
              <ul style={{ margin: '0 0 4px', paddingInlineStart: 18 }}>
                {explained.fields.map((f, i) => (
                  <li key={`${f.dotted}-${i}`}>
                    {label ? label(f.dotted) : fieldLabel(words, f.dotted)}
                    {t('ui.colon')}
                    {f.message}
                  </li>
                ))}
              </ul>
            )}
            <ProblemDetailsToggle details={explained.details} />
          </>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}

export interface WriteForm<V, T> {
  form: FormInstance<V>;
  busy: boolean;
  problem: Explained | null;
  /** The answer of the last accepted submission (until reset). */
  result: T | undefined;
  /** Validates, builds the body, checks it with the request schema, sends once; resolves true on success. */
  submit(): Promise<boolean>;
  /** A fresh form (not a retry): new Idempotency-Key next time, no old problem or answer. */
  reset(): void;
}

/**
 * One write form. `toBody` builds the request from the form's values (amounts in 元 → fen);
 * `schema` is the API's request schema, checked before sending; `send` posts with the
 * submission's Idempotency-Key (a TanStack mutation: busy, answer), or is a page's own mutation
 * (`(body) => save.mutateAsync(body)`: its cache updates happen) on a route without a key;
 * `onDone` gets the answer; `refusal` names a refusal in the page's own words, from what was
 * sent (null: the glossary's sentence).
 */
export function useWriteForm<V, B, T>({
  toBody,
  schema,
  send,
  onDone,
  successText,
  refusal,
}: {
  toBody: (values: V) => unknown;
  schema: ZodType<B>;
  send: (body: B, idempotencyKey: string) => Promise<T>;
  onDone?: (result: T) => void;
  successText?: string;
  refusal?: (error: ApiError, body: B) => string | null;
}): WriteForm<V, T> {
  const words = useI18n();
  const [form] = Form.useForm<V>();
  const submission = useSubmission();
  const { message } = App.useApp();
  const mutation = useMutation({ mutationFn: (body: B) => submission.run((key) => send(body, key)) });
  // A problem found before sending (the form, the request schema) or the API's answer to the last attempt.
  const [problem, setProblem] = useState<Explained | null>(null);

  const showFields = (fields: Explained['fields']) => {
    const names = new Set<string>();
    form.setFields(
      fields
        .filter((f) => {
          if (names.has(f.dotted)) return false;
          names.add(f.dotted);
          return true;
        })
        .map((f) => ({ name: f.path as never, errors: fields.filter((g) => g.dotted === f.dotted).map((g) => g.message) })),
    );
  };

  const submit = useCallback(async (): Promise<boolean> => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return false;
    }
    let body: unknown;
    try {
      body = toBody(values);
    } catch (err) {
      setProblem({ title: words.t('problem.cannotBuild'), details: { detail: (err as Error).message }, fields: [] });
      return false;
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const fields = zodFieldProblems(parsed.error, words);
      showFields(fields);
      setProblem({ title: words.t('problem.correctFieldsBeforeSending'), fields });
      return false;
    }
    setProblem(null);
    try {
      const result = await mutation.mutateAsync(parsed.data);
      if (successText) void message.success(successText);
      onDone?.(result);
      return true;
    } catch (err) {
      // The funder the request was about: a refusal names its money by the program's funder names.
      const body = parsed.data;
      const funder = (body as { funder?: unknown } | undefined)?.funder;
      const explained = explainWriteError(err, words, {
        funder: funder === 'province' || funder === 'zone' ? funder : undefined,
        refusal: refusal && ((error) => refusal(error, body)),
      });
      if (explained.fields.length) showFields(explained.fields);
      setProblem(explained);
      return false;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [form, toBody, schema, mutation.mutateAsync, onDone, successText, refusal, message, words]);

  const reset = useCallback(() => {
    submission.reset();
    mutation.reset();
    setProblem(null);
    form.resetFields();
  }, [form, submission, mutation.reset]);

  return { form, busy: mutation.isPending, problem, result: mutation.data, submit, reset };
}
