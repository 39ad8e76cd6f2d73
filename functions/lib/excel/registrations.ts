import { IMPORT_LIMITS } from './import-limits';
import { newWorkbook, table, toBuffer, type Worksheet } from './workbook';

/** The registration template (登记模板): one row per project, its schedule on a second sheet. */
export const PROJECT_SHEET = '项目登记';
export const SCHEDULE_SHEET = '拨付计划';
const OPTIONS_SHEET = '选项';
/** Rows the dropdowns cover: as many as one upload may hold. */
export const PROJECT_ROWS = IMPORT_LIMITS.projectRows;
export const SCHEDULE_ROWS = IMPORT_LIMITS.scheduleRows;

/**
 * The template's columns. `maxChars`: the longest text a cell of the column is read as — the
 * field's own limit where the request schema sets one (ids 64, title 300, owner 200, tranche 32),
 * else 40 for short coded values (yes/no, credit code, amounts, dates, funder) whose own check
 * then says precisely what is wrong. A longer cell is reported with an excerpt, never repeated.
 */
export const PROJECT_COLUMNS = [
  { header: '项目编号', key: 'projectId', width: 16, maxChars: 64 },
  { header: '专项代码', key: 'programCode', width: 18, maxChars: 64 },
  { header: '集群编号', key: 'clusterId', width: 18, maxChars: 64 },
  { header: '高新区编号', key: 'zoneId', width: 14, maxChars: 64 },
  { header: '是否区内企业', key: 'insideZone', width: 12, maxChars: 40 },
  { header: '项目名称', key: 'title', width: 30, maxChars: 300 },
  { header: '承担单位', key: 'ownerName', width: 28, maxChars: 200 },
  { header: '统一社会信用代码', key: 'creditCode', width: 22, maxChars: 40 },
  { header: '项目新增投入（元）', key: 'newInvestment', width: 18, maxChars: 40 },
  { header: '合同签订日', key: 'signedOn', width: 12, maxChars: 40 },
  { header: '实施开始日', key: 'startsOn', width: 12, maxChars: 40 },
  { header: '实施结束日', key: 'endsOn', width: 12, maxChars: 40 },
  { header: '省级资助（元）', key: 'provinceGrant', width: 16, maxChars: 40 },
  { header: '高新区资助（元）', key: 'zoneGrant', width: 16, maxChars: 40 },
] as const;

export const SCHEDULE_COLUMNS = [
  { header: '项目编号', key: 'projectId', width: 16, maxChars: 64 },
  { header: '批次编号', key: 'trancheId', width: 10, maxChars: 32 },
  { header: '资金来源', key: 'funder', width: 10, maxChars: 40 },
  { header: '应拨付日', key: 'dueOn', width: 12, maxChars: 40 },
  { header: '金额（元）', key: 'amount', width: 16, maxChars: 40 },
] as const;

export const FUNDERS: Record<string, 'province' | 'zone'> = { 省级: 'province', 市级: 'province', province: 'province', 高新区: 'zone', 园区: 'zone', zone: 'zone' };
export const YES: Record<string, boolean> = { 是: true, 否: false, true: true, false: false, TRUE: true, FALSE: false };

const colLetter = (i: number) => String.fromCharCode('A'.charCodeAt(0) + i);

/** A dropdown from a column of the hidden options sheet. */
function dropdown(ws: Worksheet, column: string, rows: number, optionsColumn: string, count: number, title: string) {
  (ws as unknown as { dataValidations: { add(range: string, v: unknown): void } }).dataValidations.add(`${column}2:${column}${rows + 1}`, {
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
    `6. 每次最多导入 ${PROJECT_ROWS} 个项目（“项目登记”${PROJECT_ROWS} 行）和 ${SCHEDULE_ROWS} 个拨付批次（“拨付计划”${SCHEDULE_ROWS} 行）；更多请分批导入。同一项目编号在一个文件中只能出现一行。`,
  ]) notes.addRow([line]);
  const options = wb.addWorksheet(OPTIONS_SHEET, { state: 'hidden' });
  const lists = [o.programs.map((p) => p.code), o.clusters.map((c) => c.clusterId), o.zones.map((z) => z.zoneId), ['是', '否'], ['省级', '高新区']];
  lists.forEach((list, col) => list.forEach((value, row) => { options.getCell(row + 1, col + 1).value = value; }));
  dropdown(projects, colLetter(1), PROJECT_ROWS, 'A', lists[0]!.length, '专项代码');
  dropdown(projects, colLetter(2), PROJECT_ROWS, 'B', lists[1]!.length, '集群编号');
  dropdown(projects, colLetter(3), PROJECT_ROWS, 'C', lists[2]!.length, '高新区编号');
  dropdown(projects, colLetter(4), PROJECT_ROWS, 'D', 2, '是否区内企业');
  dropdown(schedule, colLetter(2), SCHEDULE_ROWS, 'E', 2, '资金来源');
  return toBuffer(wb);
}
