/**
 * Uploads for POST /imports/projects that an attacker (or a careless export) would send: the real
 * registration template with rows added, and workbooks whose XML parts are rewritten to hold what
 * no spreadsheet program writes. Shared by the integration tests and the import bench.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { PROJECT_SHEET, SCHEDULE_SHEET, registrationTemplate } from '../../functions/lib/excel/registrations';
import { unzipBounded } from '../../functions/lib/excel/unzip';

/** The template (with empty option lists) with rows added to 项目登记 and 拨付计划. */
export async function filledTemplate(projectRows: readonly unknown[][], scheduleRows: readonly unknown[][] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await registrationTemplate({ programs: [], zones: [], clusters: [] })) as unknown as ArrayBuffer);
  const projects = wb.getWorksheet(PROJECT_SHEET)!;
  const schedule = wb.getWorksheet(SCHEDULE_SHEET)!;
  for (const r of projectRows) projects.addRow(r as unknown[]);
  for (const r of scheduleRows) schedule.addRow(r as unknown[]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A row of 项目登记 in column order, valid in form (its program, zone and cluster need not exist). */
export const projectRow = (projectId: string, creditCode: string, o: Partial<Record<'programCode' | 'clusterId' | 'zoneId' | 'title' | 'ownerName', string>> = {}): unknown[] => [
  projectId, o.programCode ?? 'JS-2023-C', o.clusterId ?? 'NJ-BIO-2023', o.zoneId ?? 'NJ-HTZ', '是', o.title ?? 'Excel 导入项目', o.ownerName ?? '南京导入科技有限公司',
  creditCode, 45_000_000, '2023-06-01', '2023-07-01', '2026-12-31', 6_000_000, 6_000_000,
];
export const trancheRows = (projectId: string): unknown[][] => [
  [projectId, 'P1', '省级', '2023-09-30', 6_000_000],
  [projectId, 'Z1', '高新区', '2023-10-31', 6_000_000],
];

/** One project row whose seven text cells (id, codes, title, owner, credit code) hold the same string. */
export async function sameLongStringInSevenCells(chars: number): Promise<Buffer> {
  const long = '资'.repeat(chars);
  const row = projectRow(long, long, { programCode: long, clusterId: long, zoneId: long, title: long, ownerName: long });
  return filledTemplate([row]);
}

/** `n` rows of 项目登记, each refused while reading (no 是/否, no tranche), with ids of their own. */
export async function manyFailingRows(n: number): Promise<Buffer> {
  return filledTemplate(Array.from({ length: n }, (_, i) => [`ROW-${i}`, 'JS-2023-C', 'NJ-BIO-2023', 'NJ-HTZ', '也许']));
}

/** The parts of a workbook, each rewritten by `edit` (by part name), zipped again. */
export async function rewriteParts(xlsx: Buffer, edit: Record<string, (xml: string) => string>): Promise<Buffer> {
  const parts = unzipBounded(xlsx, { maxEntries: 1_000, maxTotalBytes: 1 << 30, maxEntryBytes: 1 << 30 });
  if ('error' in parts) throw new Error(parts.error);
  for (const [name, change] of Object.entries(edit)) {
    const part = parts.entries.get(name);
    if (!part) throw new Error(`no part ${name} in the workbook (has ${[...parts.entries.keys()].join(', ')})`);
    parts.entries.set(name, Buffer.from(change(part.toString('utf8')), 'utf8'));
  }
  return zip(parts.entries);
}

/** A plain zip (deflated entries, no data descriptors), as spreadsheet programs write them. */
export function zip(entries: ReadonlyMap<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.size, 8);
  end.writeUInt16LE(entries.size, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
