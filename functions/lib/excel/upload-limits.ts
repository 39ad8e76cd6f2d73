import { IMPORT_LIMITS } from './import-limits';
import { unzipBounded } from './unzip';

/**
 * What an uploaded workbook may hold before exceljs builds its model of it. exceljs's loader
 * (Workbook.xlsx.load) inflates every part whole and then makes one object per row and per cell,
 * and one per cell of every range that a column definition (`<col max>`), a merge (`<mergeCell
 * ref>`), a data validation (`<dataValidation sqref>`) or a defined name covers — a 1 KB file naming
 * A1:XFD1048576 is 17 billion of them. So the parts are inflated here first under a byte budget,
 * and the XML of each is walked once with saxes (the parser exceljs itself uses, so both see the
 * same elements) counting what would be built, before exceljs sees the file.
 *
 * The legitimate maximum, measured: the template with 500 projects and 2,000 tranches written by
 * exceljs unpacks to 0.7 MB, 2,600 rows, 17,000 cells, 6,000 cells under data validations. Every
 * bound below is at least four times that, and keeps the loader's memory in the tens of megabytes
 * (the write function has 512 MB).
 */
export const UPLOAD_LIMITS = {
  maxParts: 100,
  maxUnpackedBytes: 8 * 1024 * 1024,
  maxPartBytes: 4 * 1024 * 1024,
  maxRows: 10_000,
  maxCells: 100_000,
  maxSharedStrings: 100_000,
  /** Cells that merges, data validations and defined names make exceljs create one by one. */
  maxCoveredCells: 100_000,
  /** Excel's own grid. */
  maxColumn: 16_384,
  maxRow: 1_048_576,
} as const;

const L = UPLOAD_LIMITS;
const PER_UPLOAD = `。每次最多导入 ${IMPORT_LIMITS.projectRows} 个项目（“项目登记”${IMPORT_LIMITS.projectRows} 行）和 ${IMPORT_LIMITS.scheduleRows} 个拨付批次，填满也不到 1 MB：请分批导入，并检查是否有超长的单元格`;

/** Column letters as a number (A = 1); past Excel's XFD it is simply too large. */
function columnNumber(letters: string): number {
  if (letters.length > 3) return Infinity;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const REF = /\$?([A-Za-z]+)\$?(\d+)(?::\$?([A-Za-z]+)\$?(\d+))?/g;
/** Sheet names before `!` (quoted or not) hold letters and digits that are not references. */
const SHEET_PREFIX = /'(?:[^']|'')*'!|[^\s,:!$'()=]+!/g;

/**
 * How many cells the references in `text` cover (A1 = 1, A1:B2 = 4), counting every reference it
 * holds, so that no way of writing a range covers more than this says.
 */
export function cellsCovered(text: string): number {
  let cells = 0;
  for (const m of text.replace(SHEET_PREFIX, ' ').matchAll(REF)) {
    const [, c1, r1, c2, r2] = m;
    const rows = r2 === undefined ? 1 : Math.abs(Number(r2) - Number(r1!)) + 1;
    const cols = c2 === undefined ? 1 : Math.abs(columnNumber(c2) - columnNumber(c1!)) + 1;
    cells += rows * cols;
  }
  return cells;
}

/**
 * Why the upload may not be handed to exceljs (a sentence in Chinese for the 400), or null. The
 * counts are over every XML part of the archive, wherever it sits.
 */
export async function uploadProblem(bytes: Buffer): Promise<string | null> {
  const unzipped = unzipBounded(bytes, { maxEntries: L.maxParts, maxTotalBytes: L.maxUnpackedBytes, maxEntryBytes: L.maxPartBytes });
  if ('error' in unzipped) return `${unzipped.tooBig ? '文件超出导入限制' : '文件不是有效的 Excel 工作簿（.xlsx）'}：${unzipped.error}${unzipped.tooBig ? PER_UPLOAD : ''}`;
  // saxes ships beside the write bundle (infra/bundling.ts): only an Excel upload loads it.
  const { SaxesParser } = await import('saxes');
  const counts = { rows: 0, cells: 0, sharedStrings: 0, covered: 0 };
  let problem: string | null = null;
  const refuse = (why: string) => {
    problem ??= why;
  };
  for (const [name, data] of unzipped.entries) {
    if (!/\.xml$/i.test(name)) continue;
    const parser = new SaxesParser();
    let definedName: string[] | null = null;
    parser.on('opentag', (node) => {
      const a = node.attributes as Record<string, string>;
      switch (node.name) {
        case 'row': {
          if (++counts.rows > L.maxRows) refuse(`工作簿中的行超过 ${L.maxRows} 行${PER_UPLOAD}`);
          if (Number(a.r) > L.maxRow) refuse(`行号 ${String(a.r).slice(0, 20)} 超出 Excel 的范围`);
          break;
        }
        case 'c': {
          if (++counts.cells > L.maxCells) refuse(`工作簿中的单元格超过 ${L.maxCells} 个`);
          const ref = /^\$?([A-Za-z]+)\$?(\d+)$/.exec(a.r ?? '');
          if (ref && (columnNumber(ref[1]!) > L.maxColumn || Number(ref[2]) > L.maxRow)) refuse(`单元格 ${String(a.r).slice(0, 20)} 超出 Excel 的范围`);
          break;
        }
        case 'col':
          if (Number(a.max) > L.maxColumn || Number(a.min) > L.maxColumn) refuse(`列定义超出 Excel 的 ${L.maxColumn} 列`);
          break;
        case 'mergeCell':
          counts.covered += cellsCovered(a.ref ?? '');
          break;
        case 'dataValidation':
          counts.covered += cellsCovered(a.sqref ?? '');
          break;
        case 'definedName':
          definedName = [];
          break;
        case 'si':
          if (++counts.sharedStrings > L.maxSharedStrings) refuse(`工作簿中的文本超过 ${L.maxSharedStrings} 条`);
          break;
      }
      if (counts.covered > L.maxCoveredCells) refuse(`合并单元格、数据验证或名称覆盖的区域超过 ${L.maxCoveredCells} 个单元格`);
    });
    parser.on('text', (t) => {
      definedName?.push(t);
    });
    parser.on('closetag', (node) => {
      if (node.name !== 'definedName' || !definedName) return;
      counts.covered += cellsCovered(definedName.join(''));
      definedName = null;
      if (counts.covered > L.maxCoveredCells) refuse(`合并单元格、数据验证或名称覆盖的区域超过 ${L.maxCoveredCells} 个单元格`);
    });
    try {
      parser.write(data.toString('utf8')).close();
    } catch {
      refuse(`文件不是有效的 Excel 工作簿（.xlsx）：部件 ${name.slice(0, 60)} 的 XML 格式不正确`);
    }
    if (problem) return problem;
  }
  return null;
}
