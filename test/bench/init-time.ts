/**
 * Module-initialisation time of a Lambda bundle, measured the way a cold start pays it: a fresh
 * Node process with the functions' NODE_OPTIONS, requiring index.js.
 */
import { spawnSync } from 'node:child_process';

export interface InitSample {
  /** Wall time of the require, as a cold start sees it. */
  totalMs: number;
  /** CPU time the process spent on it (user + system): steadier than wall time on a busy machine. */
  cpuMs: number;
  /**
   * Minor page faults during the require: memory the load touched for the first time (source text,
   * parser memory, heap). Nearly the same from run to run, and each costs microseconds in a VM.
   */
  pageFaults: number;
}

const SCRIPT = `
const file = process.argv[1];
const f0 = process.resourceUsage().minorPageFault;
const c0 = process.cpuUsage();
const t0 = performance.now();
require(file);
const t1 = performance.now();
const c = process.cpuUsage(c0);
const f1 = process.resourceUsage().minorPageFault;
process.stdout.write(JSON.stringify({ totalMs: t1 - t0, cpuMs: (c.user + c.system) / 1000, pageFaults: f1 - f0 }));
`;

export function measureInit(file: string, nodeOptions: string, cwd: string): InitSample {
  const out = spawnSync(process.execPath, ['-e', SCRIPT, file], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      NODE_OPTIONS: nodeOptions,
      TABLE_NAME: 'bench',
      AWS_REGION: 'us-east-1',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    },
  });
  if (out.status !== 0) throw new Error(`init measurement of ${file} failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as InitSample;
}
