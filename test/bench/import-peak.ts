/**
 * Run by imports.ts in a process of its own, one upload per process: POST /imports/projects through
 * the write function with the workbook in IMPORT_FILE, then one JSON line with the status, the
 * report's size, the time and the process's peak resident memory.
 */
import { readFileSync } from 'node:fs';
import { FINANCE, apiEvent, loadApi, now } from './harness';

async function main(): Promise<void> {
  const bytes = readFileSync(process.env.IMPORT_FILE!);
  const api = await loadApi();
  const startMb = process.resourceUsage().maxRSS / 1024;
  const event = apiEvent('POST', '/imports/projects', '/imports/projects', FINANCE, {
    file: { bytes, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    requestId: 'bench-import',
  });
  const t0 = now();
  const res = await api.write(event, { functionName: 'bench', awsRequestId: 'bench', getRemainingTimeInMillis: () => 10_000 });
  const ms = now() - t0;
  const body = res.body ?? '';
  let detail = '';
  try {
    const parsed = JSON.parse(body) as { detail?: string; registered?: number; failed?: number };
    detail = parsed.detail ?? `registered ${parsed.registered}, failed ${parsed.failed}`;
  } catch { /* not JSON */ }
  console.log(JSON.stringify({ status: res.statusCode, reportBytes: Buffer.byteLength(body), ms: Math.round(ms), peakMb: Math.round(process.resourceUsage().maxRSS / 1024), startMb: Math.round(startMb), detail: detail.slice(0, 120) }));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
