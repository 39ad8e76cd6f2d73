/**
 * Reading a filled registration template (the template itself: registrations.ts). Only the write
 * function reads uploads: this module, and the XML parser the upload check needs, stay out of the
 * read function's bundle.
 */
import { parseYuan, type Fen } from '../../../domain/money';
import { isBusinessDate } from '../../../domain/dates';
import type { Registration, Tranche } from '../../../domain/project/types';
import { excerpt } from './import-limits';
import { FUNDERS, PROJECT_COLUMNS, PROJECT_ROWS, PROJECT_SHEET, SCHEDULE_COLUMNS, SCHEDULE_ROWS, SCHEDULE_SHEET, YES } from './registrations';
import { uploadProblem } from './upload-limits';
import { cellText, readWorkbook, type Worksheet } from './workbook';

export interface FieldError {
  field: string;
  message: string;
}

export interface ParsedRow {
  sheet: string;
  row: number;
  /** The id as the cell gives it; null when empty or longer than an id may be. */
  projectId: string | null;
  registration: Registration | null;
  errors: FieldError[];
}

type Columns = readonly { header: string; key: string; maxChars: number }[];
/** A cell's text, or null for a cell too long to read (reported once, and checked no further). */
type Texts<C extends Columns> = Record<C[number]['key'], string | null>;

/**
 * The row's cells as text, by column key, with an error for every cell longer than its column
 * allows. `label` names a column in the report.
 */
function readCells<C extends Columns>(ws: Worksheet, n: number, cols: Map<string, number>, columns: C, label: (header: string) => string): { texts: Texts<C>; errors: FieldError[] } {
  const row = ws.getRow(n);
  const texts = {} as Record<string, string | null>;
  const errors: FieldError[] = [];
  for (const c of columns) {
    const text = cellText(row.getCell(cols.get(c.header)!).value);
    if (text.length > c.maxChars) {
      errors.push({ field: label(c.header), message: `内容过长：${text.length} 个字符，本栏最多 ${c.maxChars} 个（${excerpt(text)}）` });
      texts[c.key] = null;
    } else texts[c.key] = text;
  }
  return { texts: texts as Texts<C>, errors };
}

/** Row numbers of the rows with anything in the template's columns (the header is row 1). */
function filledRows(ws: Worksheet, cols: Map<string, number>, columns: Columns): number[] {
  const rows: number[] = [];
  ws.eachRow((row, n) => {
    if (n > 1 && columns.some((c) => cellText(row.getCell(cols.get(c.header)!).value) !== '')) rows.push(n);
  });
  return rows;
}

function money(text: string | null, field: string, errors: FieldError[]): Fen {
  if (text === null) return 0;
  const fen = parseYuan(text.replace(/,/g, ''));
  if (fen === null || fen < 0) {
    errors.push({ field, message: `金额${excerpt(text)}无效：请填写以元为单位、最多两位小数的非负数` });
    return 0;
  }
  return fen;
}

function date(text: string | null, field: string, errors: FieldError[]): string {
  if (text === null) return '';
  if (!isBusinessDate(text)) errors.push({ field, message: `日期${excerpt(text)}无效：请填写 YYYY-MM-DD` });
  return text;
}

const headerIndex = (ws: Worksheet, headers: readonly { header: string }[]): Map<string, number> | null => {
  const found = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => found.set(cellText(cell.value), col));
  return headers.every((h) => found.has(h.header)) ? found : null;
};

const tooManyRows = (sheet: string, rows: number, max: number, what: string) =>
  `“${sheet}”有 ${rows} 行数据，一次最多导入 ${max} 行（${what}）：请分成几个文件导入，每个文件不超过 ${max} 行`;

/**
 * The filled template as registrations: each row of 项目登记 with its tranches from 拨付计划, or the
 * reasons it cannot be one (field and message in Chinese). Rules of the program are checked later,
 * by registering; this only reads the workbook. The upload is first held to UPLOAD_LIMITS (what
 * exceljs may be given) and the sheets to IMPORT_LIMITS' row counts, before any row is read.
 */
export async function readRegistrations(bytes: Buffer): Promise<{ rows: ParsedRow[] } | { error: string }> {
  const refused = await uploadProblem(bytes);
  if (refused) return { error: refused };
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
  const projectRows = filledRows(projects, pCols, PROJECT_COLUMNS);
  if (projectRows.length > PROJECT_ROWS) return { error: tooManyRows(PROJECT_SHEET, projectRows.length, PROJECT_ROWS, '每行一个项目') };
  const scheduleRows = filledRows(schedule, sCols, SCHEDULE_COLUMNS);
  if (scheduleRows.length > SCHEDULE_ROWS) return { error: tooManyRows(SCHEDULE_SHEET, scheduleRows.length, SCHEDULE_ROWS, '每行一个拨付批次') };

  const tranches = new Map<string, { tranche: Tranche; row: number; errors: FieldError[] }[]>();
  for (const n of scheduleRows) {
    const at = (header: string) => `${SCHEDULE_SHEET}第${n}行 ${header}`;
    const { texts: t, errors } = readCells(schedule, n, sCols, SCHEDULE_COLUMNS, at);
    // A tranche that names no project (or an id longer than any project's) belongs to no row of 项目登记.
    if (!t.projectId) continue;
    const funder = t.funder === null ? undefined : FUNDERS[t.funder];
    if (!funder && t.funder !== null) errors.push({ field: at('资金来源'), message: `${excerpt(t.funder)}不是有效的资金来源：请选择 省级 或 高新区` });
    const tranche: Tranche = {
      trancheId: t.trancheId ?? '',
      funder: funder ?? 'province',
      dueOn: date(t.dueOn, at('应拨付日'), errors),
      amountFen: money(t.amount, at('金额'), errors),
    };
    const list = tranches.get(t.projectId) ?? [];
    list.push({ tranche, row: n, errors });
    tranches.set(t.projectId, list);
  }

  const rows: ParsedRow[] = [];
  for (const n of projectRows) {
    const { texts: t, errors } = readCells(projects, n, pCols, PROJECT_COLUMNS, (header) => header);
    const projectId = t.projectId || null;
    const inside = t.insideZone === null ? undefined : YES[t.insideZone];
    if (inside === undefined && t.insideZone !== null) errors.push({ field: '是否区内企业', message: `${excerpt(t.insideZone)}无效：请选择 是 或 否` });
    const own = tranches.get(projectId ?? '') ?? [];
    for (const tr of own) errors.push(...tr.errors);
    if (projectId && own.length === 0) errors.push({ field: SCHEDULE_SHEET, message: `“${SCHEDULE_SHEET}”中没有项目 ${projectId} 的拨付批次` });
    const registration: Registration = {
      projectId: projectId ?? '',
      programCode: t.programCode ?? '',
      clusterId: t.clusterId ?? '',
      zoneId: t.zoneId ?? '',
      insideZone: inside ?? true,
      title: t.title ?? '',
      owner: { name: t.ownerName ?? '', creditCode: t.creditCode ?? '' },
      newInvestmentFen: money(t.newInvestment, '项目新增投入', errors),
      contract: {
        signedOn: date(t.signedOn, '合同签订日', errors),
        startsOn: date(t.startsOn, '实施开始日', errors),
        endsOn: date(t.endsOn, '实施结束日', errors),
        provinceGrantFen: money(t.provinceGrant, '省级资助', errors),
        zoneGrantFen: money(t.zoneGrant, '高新区资助', errors),
      },
      schedule: own.map((tr) => tr.tranche),
    };
    rows.push({ sheet: PROJECT_SHEET, row: n, projectId, registration: errors.length ? null : registration, errors });
  }
  return { rows };
}
