/**
 * Module initialisation of every Lambda bundle as deployed, beside a floor bundle that only
 * constructs the DynamoDB document client (the one thing every API function must load): what our
 * own code adds to a cold start. Fresh Node processes without NODE_OPTIONS, as deployed; one more
 * row shows the write function with source maps switched on (what an incident investigation costs).
 *
 * Two floors: 'floor' is a plain document client with the SDK's defaults, what any function that
 * talks to DynamoDB pays; 'floor, env creds' is built with our bundling, whose SDK clients take
 * credentials from the environment only (infra/bundling.ts, CREDENTIALS_FROM_ENV). The functions are
 * compared with the first, and their own code alone with the second.
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
const ENV_FLOOR = 'floor, env creds';

export async function coldStart(): Promise<void> {
  const root = join(__dirname, '..', '..');
  const build = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'infra', 'build.ts')], { encoding: 'utf8', cwd: root });
  if (build.status !== 0) throw new Error(`npm run build failed: ${build.stderr}`);
  const dir = join(tmpdir(), `fundledger-floor-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'floor.ts'), FLOOR_SOURCE);
  const buildFloor = async (outdir: string, alias: Record<string, string>) => {
    const outfile = join(dir, outdir, 'index.js');
    await esbuild({ ...sharedEsbuildOptions, alias, external: [], entryPoints: [join(dir, 'floor.ts')], outfile, nodePaths: [join(root, 'node_modules')], logLevel: 'error' });
    return outfile;
  };
  const { '@aws-sdk/credential-provider-node': _envOnly, ...sdkDefaults } = sharedEsbuildOptions.alias;
  const floorFile = await buildFloor('out', sdkDefaults);
  const envFloorFile = await buildFloor('out-env', sharedEsbuildOptions.alias);

  const dist = join(root, 'dist');
  const bundles: [string, string, string][] = [['floor', floorFile, ''], [ENV_FLOOR, envFloorFile, '']];
  for (const name of readdirSync(dist).sort()) if (existsSync(join(dist, name, 'index.js'))) bundles.push([name, join(dist, name, 'index.js'), '']);
  bundles.push(['write +maps', join(dist, 'write', 'index.js'), SOURCE_MAPS_NODE_OPTIONS]);
  // Interleaved: every round measures each bundle once, so a burst of load hits them all alike.
  const samples = new Map<string, InitSample[]>(bundles.map(([n]) => [n, []]));
  for (let i = 0; i < RUNS; i++) for (const [name, file, nodeOptions] of bundles) samples.get(name)!.push(measureInit(file, nodeOptions, root));
  const med = (xs: InitSample[], k: keyof InitSample) => median(xs.map((x) => x[k]));
  // Each round's own floor sample, taken moments before: a slow spell of the machine moves both.
  const pairedOver = (xs: InitSample[], floor: InitSample[]) => {
    const d = xs.map((x, i) => x.totalMs - floor[i]!.totalMs);
    return `${ms(median(d))} (${percentile(d, 25).toFixed(1)}…${percentile(d, 75).toFixed(1)})`;
  };
  const over = (name: string, floorName: string) => {
    const s = samples.get(name)!;
    const floor = samples.get(floorName)!;
    return `${ms(med(s, 'totalMs') - med(floor, 'totalMs')).padStart(12)}   ${pairedOver(s, floor).padEnd(27)} ${`${med(s, 'pageFaults') - med(floor, 'pageFaults')}`.padStart(14)}`;
  };
  console.log(`7. Cold start: module initialisation in a fresh Node process (no NODE_OPTIONS, as deployed; median of ${RUNS}, interleaved; load ${load()})`);
  console.log(`   ${'bundle'.padEnd(16)} ${'size'.padStart(9)} ${'wall'.padStart(9)} ${'cpu'.padStart(9)} ${'faults'.padStart(7)}   ${'wall − floor'.padStart(12)}   ${'per round (p25…p75)'.padEnd(27)} ${'faults − floor'}`);
  for (const [name, file] of bundles) {
    const s = samples.get(name)!;
    const faults = `${med(s, 'pageFaults')}`.padStart(7);
    console.log(`   ${name.padEnd(16)} ${`${(statSync(file).size / 1024).toFixed(0)} KB`.padStart(9)} ${ms(med(s, 'totalMs')).padStart(9)} ${ms(med(s, 'cpuMs')).padStart(9)} ${faults}   ${name === 'floor' ? '' : over(name, 'floor')}`);
  }
  console.log(`   our code alone, against '${ENV_FLOOR}' (the same SDK bundling as the functions):`);
  for (const name of ['read', 'write'].filter((n) => samples.has(n))) console.log(`   ${name.padEnd(16)} ${''.padStart(40)}${over(name, ENV_FLOOR)}`);
  console.log(
    `   (target: own code ≤ 15 ms above the floor; the floor only constructs the DynamoDB document client, with the SDK's defaults, and so do\n` +
      `    the functions at load (prepareStorageClient), with credentials from the environment only; '${ENV_FLOOR}' is the floor built that way;\n` +
      `    'wall − floor': difference of the medians; 'per round': median and quartiles of each round's difference;\n` +
      `    'faults': minor page faults of the load, nearly constant from run to run, each a few microseconds in a VM;\n` +
      `    'write +maps' is write with NODE_OPTIONS=${SOURCE_MAPS_NODE_OPTIONS}, for stack traces while investigating)\n`,
  );
}
