/**
 * Module-initialisation time of a Lambda bundle, measured the way a cold start pays it: a fresh
 * Node process with the functions' NODE_OPTIONS, requiring index.js. The time is split into the
 * external @aws-sdk/* packages the bundle imports (loaded first, from node_modules, standing in
 * for the runtime's copy) and the bundle's own code, so a reader can see which part a change to
 * our code can move.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface InitSample {
  /** Whole require, as a cold start sees it. */
  totalMs: number;
  /** CPU time the process spent on it (user + system): steadier than wall time on a busy machine. */
  cpuMs: number;
  /** Of which: loading the external SDK packages the bundle imports. */
  sdkMs: number;
  /** Of which: evaluating the bundle itself once the SDK is loaded. */
  ownMs: number;
}

/** The @aws-sdk/* packages a bundle leaves external, from its esbuild metafile. */
export function externalSdkImports(metafilePath: string): string[] {
  const meta = JSON.parse(readFileSync(metafilePath, 'utf8')) as {
    outputs: Record<string, { imports: Array<{ path: string; external?: boolean }> }>;
  };
  const names = new Set<string>();
  for (const output of Object.values(meta.outputs)) {
    for (const imp of output.imports) if (imp.external && imp.path.startsWith('@aws-sdk/')) names.add(imp.path);
  }
  return [...names].sort();
}

const SCRIPT = `
const [file, sdk] = JSON.parse(process.argv[1]);
const c0 = process.cpuUsage();
const t0 = performance.now();
for (const name of sdk) require(name);
const t1 = performance.now();
require(file);
const t2 = performance.now();
const c = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ totalMs: t2 - t0, cpuMs: (c.user + c.system) / 1000, sdkMs: t1 - t0, ownMs: t2 - t1 }));
`;

export function measureInit(file: string, sdkPackages: string[], nodeOptions: string, cwd: string): InitSample {
  const out = spawnSync(process.execPath, ['-e', SCRIPT, JSON.stringify([file, sdkPackages])], {
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

/** The run with the median total over `runs` fresh processes, so its SDK and own parts add up. */
export function medianInit(runs: number, sample: () => InitSample): InitSample {
  const samples = Array.from({ length: runs }, sample).sort((a, b) => a.totalMs - b.totalMs);
  return samples[Math.floor(samples.length / 2)]!;
}
