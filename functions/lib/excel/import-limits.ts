/**
 * How big an import and its report may get. The report is one JSON answer of the write function,
 * which Lambda caps at 6 MB: every part of it is bounded here, and the whole by a budget, so that
 * no upload — however long its cells or many its faults — makes an answer anywhere near that.
 */
export const IMPORT_LIMITS = {
  /** Rows of 项目登记 one upload registers: the template's dropdowns cover 500. */
  projectRows: 500,
  /** Rows of 拨付计划: four tranches per project; the template's dropdown covers as many. */
  scheduleRows: 2_000,
  /** Characters of a cell quoted in a message; the rest is counted, never repeated. */
  excerptChars: 20,
  messageChars: 200,
  fieldChars: 60,
  errorsPerRow: 10,
  /** Field and message text of all rows' errors together (UTF-8); past it, a row says only how many. */
  errorBytes: 1024 * 1024,
} as const;

/** A cell's text as quoted in a message: at most excerptChars characters, and how long it was. */
export function excerpt(text: string): string {
  const chars = [...text.slice(0, IMPORT_LIMITS.excerptChars * 2)];
  if (text.length <= IMPORT_LIMITS.excerptChars) return `“${text}”`;
  return `“${chars.slice(0, IMPORT_LIMITS.excerptChars).join('')}…”（共 ${text.length} 个字符）`;
}

/** Text cut to `max` characters (by code point, so no half of a character is left). */
export function clamp(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${[...text.slice(0, max * 2)].slice(0, max - 1).join('')}…`;
}

/**
 * The rows' errors held to IMPORT_LIMITS: each field and message clamped, at most errorsPerRow per
 * row (the last saying how many more), and once the report's errors reach errorBytes (as JSON), each
 * further failing row says only how many faults it has. Every row keeps its status.
 */
export function boundErrors<R extends { errors: readonly { field: string; message: string }[] }>(rows: readonly R[]): R[] {
  const L = IMPORT_LIMITS;
  let used = 0;
  return rows.map((r) => {
    const all = r.errors.map((e) => ({ field: clamp(e.field, L.fieldChars), message: clamp(e.message, L.messageChars) }));
    const errors = all.length <= L.errorsPerRow
      ? all
      : [...all.slice(0, L.errorsPerRow - 1), { field: '项目', message: `另有 ${all.length - L.errorsPerRow + 1} 处错误未列出：请先改正以上各处` }];
    const bytes = errors.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e)), 0);
    if (used + bytes <= L.errorBytes) {
      used += bytes;
      return { ...r, errors };
    }
    return { ...r, errors: [{ field: '项目', message: `有 ${all.length} 处错误；报告已达长度上限，未逐条列出：请改正前面各行后重新导入` }] };
  });
}
