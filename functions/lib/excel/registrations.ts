import { parseYuan, type Fen } from '../../../domain/money';
import { isBusinessDate } from '../../../domain/dates';
import type { Registration, Tranche } from '../../../domain/project/types';
import { cellText, newWorkbook, readWorkbook, table, toBuffer, type Worksheet } from './workbook';

/** The registration template (登记模板): one row per project, its schedule on a second sheet. */
export const PROJECT_SHEET = '项目登记';
export const SCHEDULE_SHEET = '拨付计划';
const OPTIONS_SHEET = '选项';
/** Rows the dropdowns cover. */
const ROWS = 500;

const PROJECT_COLUMNS = [
  { header: '项目编号', key: 'projectId', width: 16 },
  { header: '专项代码', key: 'programCode', width: 18 },
  { header: '集群编号', key: 'clusterId', width: 18 },
  { header: '高新区编号', key: 'zoneId', width: 14 },
  { header: '是否区内企业', key: 'insideZone', width: 12 },
  { header: '项目名称', key: 'title', width: 30 },
  { header: '承担单位', key: 'ownerName', width: 28 },
  { header: '统一社会信用代码', key: 'creditCode', width: 22 },
  { header: '项目新增投入（元）', key: 'newInvestment', width: 18 },
  { header: '合同签订日', key: 'signedOn', width: 12 },
  { header: '实施开始日', key: 'startsOn', width: 12 },
  { header: '实施结束日', key: 'endsOn', width: 12 },
  { header: '省级资助（元）', key: 'provinceGrant', width: 16 },
  { header: '高新区资助（元）', key: 'zoneGrant', width: 16 },
] as const;

const SCHEDULE_COLUMNS = [
  { header: '项目编号', key: 'projectId', width: 16 },
  { header: '批次编号', key: 'trancheId', width: 10 },
  { header: '资金来源', key: 'funder', width: 10 },
  { header: '应拨付日', key: 'dueOn', width: 12 },
  { header: '金额（元）', key: 'amount', width: 16 },
] as const;

const FUNDERS: Record<string, 'province' | 'zone'> = { 省级: 'province', 市级: 'province', province: 'province', 高新区: 'zone', 园区: 'zone', zone: 'zone' };
const YES: Record<string, boolean> = { 是: true, 否: false, true: true, false: false, TRUE: true, FALSE: false };

const colLetter = (i: number) => String.fromCharCode('A'.charCodeAt(0) + i);

/** A dropdown from a column of the hidden options sheet. */
function dropdown(ws: Worksheet, column: string, optionsColumn: string, count: number, title: string) {
  (ws as unknown as { dataValidations: { add(range: string, v: unknown): void } }).dataValidations.add(`${column}2:${column}${ROWS + 1}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`${OPTIONS_SHEET}!$${optionsColumn}$1:$${optionsColumn}$${Math.max(1, count)}`],
    showErrorMessage: true,
    errorTitle: title,
    error: `请从下拉列表中选择${title}`,
  });
}

export interface TemplateOptions {
  programs: { code: string; name: string }[];
  zones: { zoneId: string; name: string }[];
  clusters: { clusterId: string; name: string }[];
}

export async function registrationTemplate(o: TemplateOptions): Promise<Buffer> {
  const wb = await newWorkbook();
  const projects = table(wb, PROJECT_SHEET, PROJECT_COLUMNS);
  const schedule = table(wb, SCHEDULE_SHEET, SCHEDULE_COLUMNS);
  const notes = wb.addWorksheet('说明');
  notes.columns = [{ width: 100 }];
  for (const line of [
    '填写说明',
    '1. 每个项目在“项目登记”表占一行；其拨付计划在“拨付计划”表，按项目编号对应，每批次一行。',
    '2. 金额以元为单位，最多两位小数；日期格式为 YYYY-MM-DD（中国标准时间）。',
    '3. 专项代码、集群编号、高新区编号、是否区内企业、资金来源请从下拉列表选择。',
    '4. 区外企业（是否区内企业 = 否）高新区资助必须为 0。',
    '5. 导入后逐行返回结果：未通过的行不做任何登记，通过的行即完成登记。',
  ]) notes.addRow([line]);
  const options = wb.addWorksheet(OPTIONS_SHEET, { state: 'hidden' });
  const lists = [o.programs.map((p) => p.code), o.clusters.map((c) => c.clusterId), o.zones.map((z) => z.zoneId), ['是', '否'], ['省级', '高新区']];
  lists.forEach((list, col) => list.forEach((value, row) => { options.getCell(row + 1, col + 1).value = value; }));
  dropdown(projects, colLetter(1), 'A', lists[0]!.length, '专项代码');
  dropdown(projects, colLetter(2), 'B', lists[1]!.length, '集群编号');
  dropdown(projects, colLetter(3), 'C', lists[2]!.length, '高新区编号');
  dropdown(projects, colLetter(4), 'D', 2, '是否区内企业');
  dropdown(schedule, colLetter(2), 'E', 2, '资金来源');
  return toBuffer(wb);
}

export interface FieldError {
  field: string;
  message: string;
}

export interface ParsedRow {
  sheet: string;
  row: number;
  projectId: string | null;
  registration: Registration | null;
  errors: FieldError[];
}

function money(text: string, field: string, errors: FieldError[]): Fen {
  const fen = parseYuan(text.replace(/,/g, ''));
  if (fen === null || fen < 0) {
    errors.push({ field, message: `金额“${text}”无效：请填写以元为单位、最多两位小数的非负数` });
    return 0;
  }
  return fen;
}

function date(text: string, field: string, errors: FieldError[]): string {
  if (!isBusinessDate(text)) errors.push({ field, message: `日期“${text}”无效：请填写 YYYY-MM-DD` });
  return text;
}

const headerIndex = (ws: Worksheet, headers: readonly { header: string }[]): Map<string, number> | null => {
  const found = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => found.set(cellText(cell.value), col));
  return headers.every((h) => found.has(h.header)) ? found : null;
};

/**
 * The filled template as registrations: each row of 项目登记 with its tranches from 拨付计划, or the
 * reasons it cannot be one (field and message in Chinese). Rules of the program are checked later,
 * by registering; this only reads the workbook.
 */
export async function readRegistrations(bytes: Buffer): Promise<{ rows: ParsedRow[] } | { error: string }> {
  let wb;
  try {
    wb = await readWorkbook(bytes);
  } catch {
    return { error: '文件不是有效的 Excel 工作簿（.xlsx）' };
  }
  const projects = wb.getWorksheet(PROJECT_SHEET);
  const schedule = wb.getWorksheet(SCHEDULE_SHEET);
  if (!projects || !schedule) return { error: `工作簿缺少“${PROJECT_SHEET}”或“${SCHEDULE_SHEET}”工作表：请使用登记模板` };
  const pCols = headerIndex(projects, PROJECT_COLUMNS);
  const sCols = headerIndex(schedule, SCHEDULE_COLUMNS);
  if (!pCols || !sCols) return { error: '表头与登记模板不一致：请使用登记模板，不要修改表头' };

  const tranches = new Map<string, { tranche: Tranche; row: number; errors: FieldError[] }[]>();
  schedule.eachRow((row, n) => {
    if (n === 1) return;
    const get = (key: (typeof SCHEDULE_COLUMNS)[number]['key']) => cellText(row.getCell(sCols.get(SCHEDULE_COLUMNS.find((c) => c.key === key)!.header)!).value);
    const projectId = get('projectId');
    if (!projectId) return;
    const errors: FieldError[] = [];
    const funder = FUNDERS[get('funder')];
    if (!funder) errors.push({ field: `${SCHEDULE_SHEET}第${n}行 资金来源`, message: `“${get('funder')}”不是有效的资金来源：请选择 省级 或 高新区` });
    const tranche: Tranche = {
      trancheId: get('trancheId'),
      funder: funder ?? 'province',
      dueOn: date(get('dueOn'), `${SCHEDULE_SHEET}第${n}行 应拨付日`, errors),
      amountFen: money(get('amount'), `${SCHEDULE_SHEET}第${n}行 金额`, errors),
    };
    const list = tranches.get(projectId) ?? [];
    list.push({ tranche, row: n, errors });
    tranches.set(projectId, list);
  });

  const rows: ParsedRow[] = [];
  projects.eachRow((row, n) => {
    if (n === 1) return;
    const get = (key: (typeof PROJECT_COLUMNS)[number]['key']) => cellText(row.getCell(pCols.get(PROJECT_COLUMNS.find((c) => c.key === key)!.header)!).value);
    if (PROJECT_COLUMNS.every((c) => get(c.key) === '')) return;
    const errors: FieldError[] = [];
    const projectId = get('projectId') || null;
    const inside = YES[get('insideZone')];
    if (inside === undefined) errors.push({ field: '是否区内企业', message: `“${get('insideZone')}”无效：请选择 是 或 否` });
    const own = tranches.get(projectId ?? '') ?? [];
    for (const t of own) errors.push(...t.errors);
    if (projectId && own.length === 0) errors.push({ field: SCHEDULE_SHEET, message: `“${SCHEDULE_SHEET}”中没有项目 ${projectId} 的拨付批次` });
    const registration: Registration = {
      projectId: projectId ?? '',
      programCode: get('programCode'),
      clusterId: get('clusterId'),
      zoneId: get('zoneId'),
      insideZone: inside ?? true,
      title: get('title'),
      owner: { name: get('ownerName'), creditCode: get('creditCode') },
      newInvestmentFen: money(get('newInvestment'), '项目新增投入', errors),
      contract: {
        signedOn: date(get('signedOn'), '合同签订日', errors),
        startsOn: date(get('startsOn'), '实施开始日', errors),
        endsOn: date(get('endsOn'), '实施结束日', errors),
        provinceGrantFen: money(get('provinceGrant'), '省级资助', errors),
        zoneGrantFen: money(get('zoneGrant'), '高新区资助', errors),
      },
      schedule: own.map((t) => t.tranche),
    };
    rows.push({ sheet: PROJECT_SHEET, row: n, projectId, registration: errors.length ? null : registration, errors });
  });
  return { rows };
}
