import { formatYuan } from '../../../domain/money';
import type { RuleId } from '../../../domain/project/outcome';
import type { HttpRuleId } from '../http/rule-ids';

/** Every rule id as a finance officer names it (the console and the Excel import report use these). */
export const RULE_ZH: Record<RuleId | HttpRuleId, string> = {
  'four-eyes': '双人复核（须由另一人办理）',
  'province-per-project': '省级资助单个项目上限',
  'joint-per-project': '省地联合资助单个项目上限',
  'joint-share-of-new-investment': '联合资助不超过新增投入的比例',
  'province-per-cluster': '省级资助单个集群上限',
  'zone-per-cluster': '高新区资助单个集群上限',
  'contract-grant': '合同资助额',
  'match-ratio': '配套比例',
  'match-not-pending': '无待配套的下达',
  'insufficient-confirmed-funds': '已确认资金不足',
  'insufficient-transferred-funds': '已拨至高新区的省级资金不足',
  'insufficient-disbursed-funds': '已拨付资金不足',
  'transfer-not-applicable': '区外项目不经高新区拨付',
  'cap-not-exceptable': '该上限不可例外',
  'project-on-hold': '项目已暂停',
  'project-closed': '项目已结题或终止',
  'reversal-not-allowed': '不允许冲正',
  'schedule-mismatch': '拨付计划与合同不符',
  'implementation-period': '实施期限',
  'enterprise-quota': '企业限报项目数',
  'cluster-quota': '集群项目数限额',
  'cluster-mismatch': '集群与专项或高新区不符',
  'proposal-not-pending': '无待审批的申请',
  'not-on-hold': '项目未暂停',
  'acceptance-not-applied': '尚未申请验收',
  'record-limit': '待处理记录数上限',
  'evidence-mismatch': '凭证文件与申报不符',
  'idempotency-key-reuse': '重复提交的请求内容不一致',
  'document-resume-expired': '未完成的计划下达文件已超过续办期限（须人工核对后以新文号补下达）',
};

const yuan = (fen: number) => `${Number(formatYuan(fen)).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;

/** A rule violation as one Chinese sentence with its figures. */
export function violationSentence(p: { rule?: string; detail?: string; limitFen?: number; usedFen?: number; attemptedFen?: number }): string {
  const name = (p.rule && (RULE_ZH as Record<string, string>)[p.rule]) ?? p.rule ?? '规则';
  // For the match and the schedule the "limit" is what the rule requires, not a ceiling.
  const limitWord = p.rule === 'match-ratio' ? '应为' : p.rule === 'schedule-mismatch' ? '合同额' : '上限';
  const figures = [
    p.limitFen !== undefined ? `${limitWord} ${yuan(p.limitFen)}` : null,
    p.usedFen !== undefined ? `已用 ${yuan(p.usedFen)}` : null,
    p.attemptedFen !== undefined ? `本次 ${yuan(p.attemptedFen)}` : null,
  ].filter(Boolean);
  return `违反“${name}”${figures.length ? `：${figures.join('，')}` : ''}。`;
}

/** Registration fields by their path in the request body. */
export const FIELD_ZH: Record<string, string> = {
  projectId: '项目编号', programCode: '专项代码', clusterId: '集群编号', zoneId: '高新区编号', insideZone: '是否区内企业', title: '项目名称',
  'owner.name': '承担单位', 'owner.creditCode': '统一社会信用代码', newInvestmentFen: '项目新增投入', 'contract.signedOn': '合同签订日',
  'contract.startsOn': '实施开始日', 'contract.endsOn': '实施结束日', 'contract.provinceGrantFen': '省级资助', 'contract.zoneGrantFen': '高新区资助',
  schedule: '拨付计划',
};

export function fieldZh(path: string): string {
  if (FIELD_ZH[path]) return FIELD_ZH[path]!;
  const m = /^schedule\.(\d+)\.(\w+)$/.exec(path);
  if (m) return `拨付计划第 ${Number(m[1]) + 1} 批 ${({ trancheId: '批次编号', funder: '资金来源', dueOn: '应拨付日', amountFen: '金额' } as Record<string, string>)[m[2]!] ?? m[2]}`;
  return path;
}

/** A validation issue of the request schema in Chinese (the English message kept after it for precision). */
export function issueZh(code: string, message: string): string {
  if (code === 'too_small') return '不能为空或过小';
  if (code === 'too_big') return '过长或过大';
  if (code === 'invalid_type') return '缺少或类型不正确';
  if (/credit code/.test(message)) return '统一社会信用代码无效（校验位不正确）';
  if (/calendar date|between/.test(message)) return `日期无效（${message}）`;
  return `格式不正确（${message}）`;
}
