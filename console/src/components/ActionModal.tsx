import { Button, Flex, Form, Modal } from 'antd';
import type { FormInstance } from 'antd/es/form';
import type { ReactNode } from 'react';
import type { ZodMiniType as ZodType } from 'zod/mini';
import { ProblemAlert, SubmitButton, useWriteForm } from './forms';

export interface ActionBodyProps<V, B, T> {
  /** The form's name: antd derives the fields' ids from it (labels point at them). */
  formName: string;
  intro?: ReactNode;
  initialValues?: Partial<V>;
  okText?: string;
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
 * A write in a dialog. The form inside mounts when the dialog opens and unmounts when it closes,
 * so each opening is one submission with its own Idempotency-Key (kept across retries of it).
 */
export function ActionModal<V, B, T>({ open, title, onClose, width = 640, ...body }: { open: boolean; title: string; onClose: () => void; width?: number } & ActionBodyProps<V, B, T>) {
  return (
    <Modal open={open} title={title} onCancel={onClose} footer={null} destroyOnHidden width={width} maskClosable={false}>
      {open && <ActionBody {...body} onClose={onClose} />}
    </Modal>
  );
}

function ActionBody<V, B, T>({ formName, intro, initialValues, okText, successText, toBody, schema, send, onDone, onValuesChange, onClose, children }: ActionBodyProps<V, B, T> & { onClose: () => void }) {
  const w = useWriteForm<V, B, T>({
    toBody,
    schema,
    send,
    onDone: (result) => {
      onDone(result);
      onClose();
    },
    successText: successText ?? '已提交并入账',
  });
  return (
    <>
      {intro}
      {w.problem && <ProblemAlert explained={w.problem} />}
      <Form<V> form={w.form} name={formName} layout="vertical" initialValues={initialValues as never} onFinish={() => void w.submit()} onValuesChange={onValuesChange ? (changed) => onValuesChange(changed as Record<string, unknown>, w.form) : undefined} requiredMark>
        {children}
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <SubmitButton busy={w.busy}>{okText ?? '提交'}</SubmitButton>
        </Flex>
      </Form>
    </>
  );
}
