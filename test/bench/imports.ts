/**
 * POST /imports/projects against hostile uploads (the cases of issue 18): each file through the
 * write function in a process of its own, so that its peak RSS is that upload's alone. Figures, not
 * assertions: the integration tests hold the answers (test/integration/excel.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filledTemplate, manyFailingRows, projectRow, rewriteParts, sameLongStringInSevenCells } from '../support/hostile-xlsx';
import { loadApi, seedCatalog, type Database } from './harness';

export async function importBounds(db: Database): Promise<void> {
  const table = await db.useNewTable('imports');
  await seedCatalog(await loadApi());
  console.log('7. Excel import of hostile uploads (write function, one process per upload; Lambda gives it 512 MB and 6 MB of response)');
  const dir = mkdtempSync(join(tmpdir(), 'fundledger-imports-'));
  // The most a legitimate upload holds, every row refused while reading (no 是/否), so no row is registered.
  const fullTemplate = () => {
    const rows = Array.from({ length: 500 }, (_, i) => Object.assign(projectRow(`FULL-${i}`, '91320100MA1XXXXXX9', { title: '新型抗体药物中试平台建设及产业化项目' }), { 4: '也许' }));
    return filledTemplate(rows, rows.flatMap((r) => [0, 1, 2, 3].map((k) => [r[0], `T${k}`, k % 2 ? '高新区' : '省级', '2024-09-30', 1_500_000.55])));
  };
  const cases: [string, () => Promise<Buffer>][] = [
    ['the template full (500 projects, 2,000 tranches; rows refused while reading)', fullTemplate],
    ['a 1,000,000-character string in 7 cells', () => sameLongStringInSevenCells(1_000_000)],
    ['a 6,000,000-character string in 7 cells', () => sameLongStringInSevenCells(6_000_000)],
    ['20,000 rows', () => manyFailingRows(20_000)],
    ['100,000 rows', () => manyFailingRows(100_000)],
    // exceljs's loader makes one cell object per merged cell: 17 billion here (before the bound: killed at 30 s and 1.8 GB).
    ['a merge of A3:XFD1048576', async () => rewriteParts(await filledTemplate([['X']]), { 'xl/worksheets/sheet1.xml': (x) => x.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>') })],
  ];
  try {
    for (const [name, make] of cases) {
      const file = join(dir, `${name.replace(/\W+/g, '-')}.xlsx`);
      const bytes = await make();
      writeFileSync(file, bytes);
      const child = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'import-peak.ts')], { encoding: 'utf8', env: { ...process.env, TABLE_NAME: table, IMPORT_FILE: file }, maxBuffer: 1 << 20 });
      if (child.status !== 0) {
        console.log(`   ${name} (${(bytes.length / 1024).toFixed(1)} KB): the process failed (${child.status ?? child.signal}): ${child.stderr.slice(-300)}`);
        continue;
      }
      const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as { status: number; reportBytes: number; ms: number; peakMb: number; startMb: number; detail: string };
      console.log(`   ${name} (${(bytes.length / 1024).toFixed(1)} KB): ${r.status} in ${r.ms} ms, answer ${(r.reportBytes / 1024).toFixed(1)} KB, peak RSS ${r.peakMb} MB (${r.startMb} MB before the request) — ${r.detail}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('');
}
