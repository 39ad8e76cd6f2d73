/**
 * Module initialisation of every Lambda bundle as deployed, beside a floor bundle that only
 * constructs the DynamoDB document client (the one thing every API function must load): what our
 * own code adds to a cold start. Fresh Node processes without NODE_OPTIONS, as deployed; one more
 * row shows the write function with source maps switched on (what an incident investigation costs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { build as esbuild } from 'esbuild';
import { SOURCE_MAPS_NODE_OPTIONS, sharedEsbuildOptions } from '../../infra/bundling';
import { measureInit, type InitSample } from './init-time';
import { load, median, ms, percentile } from './harness';

const FLOOR_SOURCE = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
export const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
export const handler = async () => ({ statusCode: 200 });
`;

const RUNS = 9;

export async function coldStart(): Promise<void> {
  const root = join(__dirname, '..', '..');
  const build = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'infra', 'build.ts')], { encoding: 'utf8', cwd: root });
  if (build.status !== 0) throw new Error(`npm run build failed: ${build.stderr}`);
  const dir = join(tmpdir(), `fundledger-floor-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'floor.ts'), FLOOR_SOURCE);
  const floorFile = join(dir, 'out', 'index.js');
  await esbuild({ ...sharedEsbuildOptions, external: [], entryPoints: [join(dir, 'floor.ts')], outfile: floorFile, nodePaths: [join(root, 'node_modules')], logLevel: 'error' });

  const dist = join(root, 'dist');
  const bundles: [string, string, string][] = [['floor', floorFile, '']];
  for (const name of readdirSync(dist).sort()) if (existsSync(join(dist, name, 'index.js'))) bundles.push([name, join(dist, name, 'index.js'), '']);
  bundles.push(['write +maps', join(dist, 'write', 'index.js'), SOURCE_MAPS_NODE_OPTIONS]);
  // Interleaved: every round measures each bundle once, so a burst of load hits them all alike.
  const samples = new Map<string, InitSample[]>(bundles.map(([n]) => [n, []]));
  for (let i = 0; i < RUNS; i++) for (const [name, file, nodeOptions] of bundles) samples.get(name)!.push(measureInit(file, nodeOptions, root));
  const med = (xs: InitSample[], k: keyof InitSample) => median(xs.map((x) => x[k]));
  const floor = samples.get('floor')!;
  // Each round's own floor sample, taken moments before: a slow spell of the machine moves both.
  const pairedOver = (xs: InitSample[]) => {
    const d = xs.map((x, i) => x.totalMs - floor[i]!.totalMs);
    return `${ms(median(d))} (${percentile(d, 25).toFixed(1)}…${percentile(d, 75).toFixed(1)})`;
  };
  console.log(`7. Cold start: module initialisation in a fresh Node process (no NODE_OPTIONS, as deployed; median of ${RUNS}, interleaved; load ${load()})`);
  console.log(`   ${'bundle'.padEnd(16)} ${'size'.padStart(9)} ${'wall'.padStart(9)} ${'cpu'.padStart(9)} ${'faults'.padStart(7)}   ${'wall − floor'.padStart(12)}   ${'per round (p25…p75)'.padEnd(27)} ${'faults − floor'}`);
  for (const [name, file] of bundles) {
    const s = samples.get(name)!;
    const faults = `${med(s, 'pageFaults')}`.padStart(7);
    const over = name === 'floor' ? '' : `${ms(med(s, 'totalMs') - med(floor, 'totalMs')).padStart(12)}   ${pairedOver(s).padEnd(27)} ${`${med(s, 'pageFaults') - med(floor, 'pageFaults')}`.padStart(14)}`;
    console.log(`   ${name.padEnd(16)} ${`${(statSync(file).size / 1024).toFixed(0)} KB`.padStart(9)} ${ms(med(s, 'totalMs')).padStart(9)} ${ms(med(s, 'cpuMs')).padStart(9)} ${faults}   ${over}`);
  }
  console.log(
    `   (target: own code ≤ 15 ms above the floor; the floor only constructs the DynamoDB document client, and so do the functions\n` +
      `    at load (prepareStorageClient); 'wall − floor': difference of the medians; 'per round': median and quartiles of each round's difference;\n` +
      `    'faults': minor page faults of the load, nearly constant from run to run, each a few microseconds in a VM;\n` +
      `    'write +maps' is write with NODE_OPTIONS=${SOURCE_MAPS_NODE_OPTIONS}, for stack traces while investigating)\n`,
  );
}
