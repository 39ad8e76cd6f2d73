/**
 * The ledger's words in Chinese: every term a person reads on a page, in a dialog, a refusal, a
 * CSV or an Excel file comes from here (one word per concept). `{province}` and `{zone}` are the
 * funders as the project's program names them (省级 / 高新区; Nanjing: 市级 / 园区), filled in by
 * `term()`; other `{…}` are figures.
 */
import { problemTerms } from './problems';

/** The ledger's own terms (entries, states, balances, columns, rules, refusals). */
export const LEDGER_ZH = {
  // --- funders and roles ------------------------------------------------------------------
  'funder.province': '{province}',
  'funder.zone': '{zone}',
  'funder.joint': '合计',
  'funder.owner': '承担单位',
  'role.admin': '省科技厅管理员',
  'role.finance-officer': '省财政厅财务',
  'role.zone-committee': '高新区管委会',
  'role.city-bureau': '市科技局',
  'role.auditor': '审计',

  // --- entry kinds (catalogue: domain/project/kinds) ----------------------------------------
  'entry.registration': '合同登记',
  'entry.allocation': '{province}资金下达',
  'entry.match-confirmation': '{zone}配套确认',
  'entry.transfer': '划转至{zone}',
  'entry.disbursement': '拨付',
  'entry.recovery': '收回',
  'entry.decommitment': '核减',
  'entry.reversal': '冲正',
  'entry.cap-exception-proposal': '上限例外申请',
  'entry.cap-exception-approval': '上限例外批准',
  'entry.adjustment-proposal': '合同调整申请',
  'entry.adjustment-approval': '合同调整批准',
  'entry.inspection': '检查',
  'entry.hold': '暂停拨付',
  'entry.hold-release': '恢复拨付',
  'entry.acceptance-application': '验收申请',
  'entry.acceptance-result': '验收结论',
  'entry.termination-proposal': '终止申请',
  'entry.termination-approval': '终止批准',
  'entry.evidence': '凭证',

  // --- an entry's state: as posted, and as it stands now ------------------------------------
  'entryStatus.registered': '已登记',
  'entryStatus.pending-match': '待配套',
  'entryStatus.partly-matched': '部分配套',
  'entryStatus.confirmed': '已确认',
  'entryStatus.posted': '已入账',
  'entryStatus.proposed': '待批准',
  'entryStatus.approved': '已批准',
  'entryStatus.superseded': '已被新申请取代',
  'entryStatus.reversed': '已冲正',
  'entryStatus.decommitted': '已核减',
  'entryStatus.voided': '终止时作废',
  'entryStatus.released': '已恢复',
  'entryStatus.in-force': '生效中',
  'entryStatus.replaced': '已被新凭证取代',

  // --- projects ------------------------------------------------------------------------------
  'projectStatus.active': '执行中',
  'projectStatus.on-hold': '暂停拨付',
  'projectStatus.closed-accepted': '验收通过',
  'projectStatus.closed-failed': '验收未通过',
  'projectStatus.terminated': '已终止',

  // --- balances (the project's books per funder) ---------------------------------------------
  'balance.allocated': '已下达',
  'balance.pending': '待配套',
  'balance.confirmed': '已确认',
  'balance.decommitted': '已核减',
  'balance.transferred': '已划转至{zone}',
  'balance.heldAtZone': '滞留{zone}',
  'balance.disbursed': '已拨付',
  'balance.recovered': '已收回',
  'balance.grant': '资助合同额',

  // --- the portfolio report (资金到位情况表: the API, portfolio.xlsx, the console) -------------
  // Each pair of funding bodies under its own names: no figure adds one body's money to another's.
  'report.title': '资金到位情况表',
  'report.funders': '{province} / {zone}',
  'report.figure': '{funder}{balance}',
  'report.heldAtZone': '{province}资金滞留{zone}',
  'report.inWan': '{figure}（万元）',
  'report.jointGrant': '合同资助（{province} + {zone}）',
  'report.committed': '{province}已下达 + {zone}已确认',
  'report.jointPaid': '已拨付给承担单位（{province} + {zone}）',
  'report.paidShare': '拨付率',
  'report.pairShare': '拨付率（{province} / {zone}）',
  'report.projects': '项目数',
  'report.lagging': '滞后项目数',
  'report.held': '资金滞留项目数',
  'report.onHold': '暂停项目数',
  'report.accepted': '已验收项目数',
  'report.terminated': '终止项目数',
  'report.name': '名称',
  'report.total': '合计',
  'dimension.program': '专项',
  'dimension.zone': '高新区',
  'dimension.cluster': '集群',
  'dimension.city': '设区市',

  // --- the history's columns (console table, CSV, Excel) -------------------------------------
  'column.seq': '序号',
  'column.entryId': '记录编号',
  'column.type': '类型',
  'column.funder': '资金来源',
  'column.amount': '金额（元）',
  'column.valueDate': '业务日期',
  'column.recordedAt': '记录时间（北京时间）',
  'column.actor': '经办人',
  'column.actorRole': '经办人角色',
  'column.reference': '文号/凭证号',
  'column.memo': '备注',
  'column.refersTo': '关联记录',
  'column.status': '当前状态',
  'column.afterPeriod': '实施期后拨付',
  'column.effect': '{funder}{balance}（元）',
  'column.ruleDigest': '规则摘要',
  'column.prevHash': '前一条哈希',
  'column.hash': '哈希',
  'common.yes': '是',
  'common.no': '否',









  // --- rules: names and refusals ----------------------------------------------------------
  'rule.four-eyes': '双人复核',
  'rule.province-per-project': '{province}资助单个项目上限',
  'rule.joint-per-project': '联合资助单个项目上限',
  'rule.joint-share-of-new-investment': '联合资助不超过新增投入的比例',
  'rule.province-per-cluster': '{province}资助单个集群上限',
  'rule.zone-per-cluster': '{zone}资助单个集群上限',
  'rule.contract-grant': '合同资助额',
  'rule.match-ratio': '配套比例',
  'rule.match-not-pending': '待配套的下达',
  'rule.insufficient-confirmed-funds': '已确认资金',
  'rule.insufficient-transferred-funds': '已划转资金',
  'rule.insufficient-disbursed-funds': '已拨付资金',
  'rule.transfer-not-applicable': '区外项目不经{zone}划转',
  'rule.cap-not-exceptable': '不可例外的上限',
  'rule.project-on-hold': '项目暂停拨付',
  'rule.project-closed': '项目已结题或终止',
  'rule.reversal-not-allowed': '冲正条件',
  'rule.schedule-mismatch': '拨付计划与合同',
  'rule.implementation-period': '实施期限',
  'rule.enterprise-quota': '企业限报项目数',
  'rule.cluster-quota': '集群项目数限额',
  'rule.cluster-mismatch': '集群与专项或{zone}',
  'rule.proposal-not-pending': '待批准的申请',
  'rule.not-on-hold': '暂停状态',
  'rule.acceptance-not-applied': '验收申请',
  'rule.record-limit': '待处理记录数上限',
  'rule.evidence-mismatch': '凭证与申报一致',
  'rule.indicator-required': '预算指标',
  'rule.indicator-mismatch': '预算指标与专项或年度',
  'rule.indicator-closed': '预算指标已结转或已收回',
  'rule.budget-indicator-exceeded': '预算指标余额',
  'rule.carry-over-limit': '预算指标只结转一次',
  'rule.fiscal-year-open': '预算年度尚未结束',
  'rule.idempotency-key-reuse': '重复提交',
  'rule.document-resume-expired': '计划下达文件续办期限',

  'refusal.four-eyes': '须由另一人办理：录入或提出这条记录的人不能本人冲正或批准。',
  'refusal.province-per-project': '超过本项目{province}资助上限 {limit}：已下达 {used}（含待配套），本次 {attempted}，超出 {over}。',
  'refusal.joint-per-project': '超过本项目联合资助上限 {limit}：已计入 {used}（含待配套资金应配套的部分），本次 {attempted}，超出 {over}。',
  'refusal.joint-share-of-new-investment': '联合资助不得超过新增投入的规定比例，即 {limit}：已计入 {used}（含待配套资金应配套的部分），本次 {attempted}，超出 {over}。',
  'refusal.province-per-cluster': '超过本集群{province}资助上限 {limit}：集群已下达 {used}，本次 {attempted}，超出 {over}。',
  'refusal.zone-per-cluster': '超过本集群{zone}资助上限 {limit}：集群已计入 {used}，本次 {attempted}，超出 {over}。',
  'refusal.contract-grant': '超过合同约定的{funder}资助额 {limit}：已计入 {used}，本次 {attempted}，超出 {over}。',
  'refusal.match-ratio': '{zone}配套须符合专项的配套比例：按比例应为 {limit}，本次确认后为 {attempted}。',
  'refusal.match-not-pending': '所选的下达没有待配套的资金，或已不属于本项目。',
  'refusal.insufficient-confirmed-funds': '{funder}资金可用 {available}（已确认 {limit}，已用 {used}），本次 {attempted}，不足 {over}。',
  'refusal.insufficient-transferred-funds': '已划转至{zone}的{province}资金可用 {available}（已划转 {limit}，已拨付 {used}），本次 {attempted}，不足 {over}。',
  'refusal.insufficient-disbursed-funds': '已拨付未收回的资金可用 {available}（已拨付 {limit}，已收回 {used}），本次 {attempted}，不足 {over}。',
  'refusal.transfer-not-applicable': '区外项目由{province}直接拨付给承担单位，不经{zone}划转。',
  'refusal.cap-not-exceptable': '这项上限不是“原则上”的上限，不能批准例外。',
  'refusal.project-on-hold': '项目已暂停拨付：解除暂停前不能划转或拨付。',
  'refusal.project-closed': '项目已结题或终止：不能再下达、确认或划转资金。',
  'refusal.reversal-not-allowed': '这条记录不能冲正。',
  'refusal.schedule-mismatch': '拨付计划的合计与合同资助额不符（合同额 {limit}）。',
  'refusal.implementation-period': '日期不在合同的实施期内。',
  'refusal.enterprise-quota': '该承担单位在本专项下的项目数已达上限。',
  'refusal.cluster-quota': '该集群的项目数已达上限。',
  'refusal.cluster-mismatch': '所选集群不属于该专项或该{zone}。',
  'refusal.proposal-not-pending': '没有待批准的这项申请：可能已被批准、取代或失效。',
  'refusal.not-on-hold': '项目未处于暂停拨付状态。',
  'refusal.acceptance-not-applied': '{zone}尚未申请验收。',
  'refusal.record-limit': '待处理的记录过多（待配套的下达，或待补凭证的记录）：请先确认配套、核减或补齐凭证。',
  'refusal.evidence-mismatch': '上传的文件与申报的不一致（大小、哈希值或文件类型），未入账，上传的文件已丢弃：请重新选择文件上传。',
  'refusal.indicator-required': '本专项的{province}资金下达须指明预算指标（指标文号）。',
  'refusal.indicator-mismatch': '所选预算指标不属于本专项，或其预算年度与下达日期的年度不符。',
  'refusal.indicator-closed': '所选预算指标已结转或已收回，不能再据以下达。',
  'refusal.budget-indicator-exceeded': '超过预算指标余额：指标额 {limit}，已下达 {used}，可用 {available}，本次 {attempted}，超出 {over}。',
  'refusal.carry-over-limit': '该预算指标不能再结转：结转只能一次，余额为零时也无可结转，可办理收回。',
  'refusal.fiscal-year-open': '预算年度尚未结束：年度结束后才能结转或收回指标余额。',
  'refusal.idempotency-key-reuse': '同一提交编号已用于内容不同的请求，请刷新后重新提交。',
  'refusal.document-resume-expired': '未完成的计划下达文件已超过续办期限，须人工核对后以新文号补下达。',
  'refusal.insufficient-confirmed-funds.plain': '{funder}已确认的资金不足以支持本次操作。',
  'refusal.insufficient-transferred-funds.plain': '已划转至{zone}的{province}资金不足以支持本次操作。',
  'refusal.insufficient-disbursed-funds.plain': '已拨付、尚未收回的资金不足以支持本次操作。',
  'refusal.brokenOn': '该操作会使 {day} 的台账不成立：{sentence}',
  'refusal.reversal.brokenOn': '冲正后，{day} 的台账将不成立：{sentence}',
  'refusal.generic': '违反“{rule}”。',
} as const;

/**
 * The terms the server speaks (refusals, problems, exports). The console's own words join them in
 * ./with-console.ts, so no Lambda bundle carries the console's pages.
 */
export const zh = { ...LEDGER_ZH, ...problemTerms.zh };

export type TermId = keyof typeof zh;
