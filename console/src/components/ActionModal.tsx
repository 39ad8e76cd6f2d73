import { Button, Flex, Form, Modal } from 'antd';
import type { FormInstance } from 'antd/es/form';
import { useState, type ReactNode } from 'react';
import type { ZodMiniType as ZodType } from 'zod/mini';
import { ProblemAlert, SubmitButton, useWriteForm } from './forms';
import { useI18n } from '../i18n';

export interface ActionModalProps<V, B, T> {
  title: string;
  onClose: () => void;
  width?: number;
  /** The form's name: antd derives the fields' ids from it (labels point at them). */
  formName: string;
  /** Above the fields, inside the form: it may watch them (Form.useWatch) to show matching figures. */
  intro?: ReactNode;
  /** Read once, when the dialog opens: later renders never put them back over what was typed. */
  initialValues?: Partial<V>;
  okText?: string;
  /** The submit button in red: what it does cannot be undone (a lapse). */
  danger?: boolean;
  successText?: string;
  toBody: (values: V) => unknown;
  schema: ZodType<B>;
  send: (body: B, idempotencyKey: string) => Promise<T>;
  onDone: (result: T) => void;
  /** Keeps dependent fields consistent (e.g. the tranche follows the funder). */
  onValuesChange?: (changed: Record<string, unknown>, form: FormInstance<V>) => void;
  children: ReactNode;
}

/**
 * A write in a dialog, mounted when it opens and unmounted when it closes (the page renders only
 * the dialog that is open): each opening is one form with its initial values, one submission
 * with its own Idempotency-Key (kept across retries of it).
 */
export function ActionModal<V, B, T>({ title, onClose, width = 640, formName, intro, initialValues, okText, danger = false, successText, toBody, schema, send, onDone, onValuesChange, children }: ActionModalProps<V, B, T>) {
  const { t } = useI18n();
  const [initial] = useState(initialValues);
  const w = useWriteForm<V, B, T>({
    toBody,
    schema,
    send,
    onDone: (result) => {
      onDone(result);
      onClose();
    },
    successText: successText ?? t('form.submittedAndRecorded'),
  });
  return (
    <Modal open title={title} onCancel={onClose} footer={null} width={width} maskClosable={false}>
      <Form<V>
        form={w.form}
        name={formName}
        layout="vertical"
        initialValues={initial as never}
        onFinish={() => void w.submit()}
        onValuesChange={onValuesChange ? (changed) => onValuesChange(changed as Record<string, unknown>, w.form) : undefined}
        requiredMark
      >
        {intro}
        {w.problem && <ProblemAlert explained={w.problem} />}
        {children}
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('ui.cancel')}</Button>
          <SubmitButton busy={w.busy} danger={danger}>{okText ?? t('form.submit')}</SubmitButton>
        </Flex>
      </Form>
    </Modal>
  );
}
