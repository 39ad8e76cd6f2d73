/**
 * What a failed request means to the person at the form, in Chinese: a 422 is one sentence with
 * the rule's name and its figures (limit, used, attempted — functions/lib/messages/zh.ts, the same
 * words the Excel import report uses); a 400 is a message next to each field; a zod issue of the
 * request schema (checked before sending) is shown the same way as the API's 400.
 */
import type { core } from 'zod/mini';

type ZodError = core.$ZodError;
import { fieldZh, issueZh, RULE_ZH, violationSentence } from '../../../functions/lib/messages/zh';
import { ApiError, type Problem } from './api';

export { fieldZh, RULE_ZH, violationSentence };

/** A form field's path as antd names it: ['contract', 'provinceGrantFen'], ['schedule', 0, 'amountFen']. */
export type FieldPath = (string | number)[];

export interface FieldProblem {
  path: FieldPath;
  /** The path as the API writes it: "schedule.0.amountFen". */
  dotted: string;
  message: string;
}

export const toFieldPath = (dotted: string): FieldPath => dotted.split('.').filter(Boolean).map((part) => (/^\d+$/.test(part) ? Number(part) : part));

/** The rule's Chinese name, or the id when it is new. */
export function ruleName(rule: string | undefined): string {
  return (rule && (RULE_ZH as Record<string, string>)[rule]) || rule || '';
}

/**
 * An API message about one field, in Chinese. The API's 400 messages are zod's English ones (and
 * a few of the handlers' own, e.g. "must not be after today (…)"); issueZh (shared with the
 * import report) covers the kinds, the special cases keep their date.
 */
export function fieldMessageZh(message: string, code?: string): string {
  const today = /must not be after today \(([^)]*)\)/.exec(message);
  if (today) return `不能晚于今天（${today[1]!.replace(', China time', '，北京时间')}）`;
  if (/before the contract|before signedOn|before the program/.test(message)) return `日期过早（${message}）`;
  if (/^Unrecognized key/.test(message)) return '不允许的字段';
  const kind =
    code ??
    (/^Too small/.test(message) ? 'too_small' : /^Too big/.test(message) ? 'too_big' : /^Invalid input: expected/.test(message) ? 'invalid_type' : 'custom');
  if (kind === 'too_small' && /expected string/.test(message)) return '必填';
  if (kind === 'too_small' && /array/.test(message)) return '至少需要一项';
  if (kind === 'invalid_format' || /letters, digits/.test(message)) return '只能包含字母、数字、“_”和“-”';
  return issueZh(kind, message);
}

/** The request schema's issues as field problems (before anything is sent). */
export function zodFieldProblems(error: ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    const dotted = issue.path.map(String).join('.');
    return { path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))), dotted, message: fieldMessageZh(issue.message, issue.code) };
  });
}

/** A 400's per-field errors. */
export function apiFieldProblems(problem: Problem): FieldProblem[] {
  return (problem.errors ?? []).map((e) => ({ path: toFieldPath(e.path), dotted: e.path, message: fieldMessageZh(e.message) }));
}

export interface Explained {
  /** One sentence for the form's alert. */
  title: string;
  /** More: the API's own detail, the rule id, the status. */
  description?: string;
  /** 422: the rule id; the figures are in `title`. */
  rule?: string;
  fields: FieldProblem[];
}

/** An error of a write, explained for the person who submitted it. */
export function explainWriteError(err: unknown): Explained {
  if (!(err instanceof ApiError)) return { title: `提交失败：${err instanceof Error ? err.message : String(err)}`, fields: [] };
  const p = err.problem;
  const technical = [p.rule ? `规则 ${p.rule}` : null, p.status ? `HTTP ${p.status}` : null, p.detail].filter(Boolean).join(' · ');
  if (err.kind === 'network') return { title: '无法连接到服务器。请检查网络后再次提交（同一次提交不会重复入账）。', description: technical, fields: [] };
  if (err.kind === 'invalid-response') return { title: '服务器的答复格式与预期不符，请刷新页面核对是否已入账。', description: technical, fields: [] };
  switch (p.status) {
    case 400: {
      const fields = apiFieldProblems(p);
      return { title: fields.length ? '请更正标出的字段。' : `请求无效：${p.detail ?? p.title}`, description: technical, fields };
    }
    case 401:
      return { title: '登录已过期，请重新登录后再提交。', description: technical, fields: [] };
    case 403:
      return { title: '您的角色不能办理此事项。', description: technical, fields: [] };
    case 404:
      return { title: '没有这个项目或记录，或您无权查看。', description: technical, fields: [] };
    case 409:
      return p.rule === 'idempotency-key-reuse'
        ? { title: `违反“${ruleName(p.rule)}”：上一次提交已被记录，内容与本次不同。请刷新页面核对后重新填写。`, description: technical, rule: p.rule, fields: [] }
        : { title: `与已有记录冲突：${p.detail ?? p.title}`, description: technical, fields: [] };
    case 422:
      return { title: violationSentence(p), description: technical, ...(p.rule ? { rule: p.rule } : {}), fields: [] };
    case 503:
      return { title: '服务器繁忙，未入账。请稍后再次提交（同一次提交不会重复入账）。', description: technical, fields: [] };
    default:
      return { title: `提交失败：${p.title}`, description: technical, fields: [] };
  }
}
