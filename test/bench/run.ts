/**
 * `npm run bench`: figures, not assertions. Against DynamoDB Local on this machine:
 *   1. p50/p99 of one allocation through the ledger handler vs the storage floor (one consistent
 *      GetItem + one TransactWriteItems of the same items, issued directly with the SDK);
 *   2. accepted allocations per second, 16 concurrent clients over 16 projects;
 *   3. sweep time over 1,000 and 10,000 projects with the same 20 due;
 *   4. each Lambda bundle's size and module-initialisation time in a fresh Node process, split
 *      into the runtime's SDK and the bundle's own code, beside the same handler with the SDK bundled.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, tmpdir } from 'node:os';
import { build as esbuild } from 'esbuild';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from '../../local/dynamodb-local';
import { ensureTable } from '../../local/table';
import { seedPrograms } from '../../domain/programs/seed';
import { makeCreditCode } from '../../domain/credit-code';
import { writeBulkProjects } from '../support/bulk-projects';
import { RUNTIME_NODE_OPTIONS, handlerEntry, sharedEsbuildOptions } from '../../infra/bundling';
import { externalSdkImports, measureInit, medianInit } from './init-time';

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body?: string }>;

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (n: number) => `${n.toFixed(2)} ms`;
const now = () => performance.now();

function event(method: string, template: string, path: string, params: Record<string, string>, body: unknown, claims: Record<string, string>, key?: string) {
  return {
    version: '2.0', routeKey: `${method} ${template}`, rawPath: path, rawQueryString: '',
    headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    pathParameters: params, body: body === undefined ? undefined : JSON.stringify(body), isBase64Encoded: false,
    requestContext: { requestId: `bench-${Math.random()}`, routeKey: `${method} ${template}`, http: { method, path }, authorizer: { jwt: { claims, scopes: null } } },
  };
}
const context = { functionName: 'bench', awsRequestId: 'bench', getRemainingTimeInMillis: () => 10_000 };
const claims = (role: string, extra: Record<string, string> = {}) => ({ sub: `bench-${role}`, 'cognito:groups': `[${role}]`, ...extra });

async function main() {
  console.log(`FundLedger benchmark — ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, Node ${process.version}, DynamoDB Local (in memory)\n`);
  const ddb = await startDynamoDbLocal({ inMemory: true });
  try {
    const table = `bench${Date.now().toString(36)}`;
    Object.assign(process.env, {
      TABLE_NAME: table, DYNAMODB_ENDPOINT: ddb.endpoint, AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    });
    const raw = new DynamoDBClient({ endpoint: ddb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const doc = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
    await ensureTable(raw, table);

    const catalog = (await import('../../functions/handlers/catalog')).handler as unknown as Handler;
    const projects = (await import('../../functions/handlers/projects')).handler as unknown as Handler;
    const ledger = (await import('../../functions/handlers/ledger')).handler as unknown as Handler;
    const { runSweep } = await import('../../functions/lib/alerts/sweep');

    const call = async (h: Handler, ev: unknown, expected: number) => {
      const res = await h(ev, context);
      if (res.statusCode !== expected) throw new Error(`expected ${expected}, got ${res.statusCode}: ${res.body}`);
      return JSON.parse(res.body ?? 'null');
    };
    const admin = claims('admin');
    for (const p of seedPrograms) await call(catalog, event('POST', '/programs', '/programs', {}, p, admin), 201);
    await call(catalog, event('POST', '/zones', '/zones', {}, { zoneId: 'B-ZONE', name: '基准高新区', city: '南京市', level: 'national' }, admin), 201);
    await call(catalog, event('POST', '/clusters', '/clusters', {}, { clusterId: 'B-CL', programCode: 'JS-2023-C', zoneId: 'B-ZONE', name: '基准集群', industry: '生物医药' }, admin), 201);
    const finance = claims('finance-officer');
    const register = async (id: string, i: number) =>
      call(projects, event('POST', '/projects', '/projects', {}, {
        projectId: id, programCode: 'JS-2023-C', clusterId: 'B-CL', zoneId: 'B-ZONE', insideZone: true, title: '基准项目',
        owner: { name: `基准企业 ${i}`, creditCode: makeCreditCode(`91320100MB${String(i).padStart(7, '0')}`) },
        newInvestmentFen: 4_500_000_000,
        contract: { signedOn: '2023-06-01', startsOn: '2023-07-01', endsOn: '2026-12-31', provinceGrantFen: 600_000_000, zoneGrantFen: 600_000_000 },
        schedule: [{ trancheId: 'P1', funder: 'province', dueOn: '2026-09-30', amountFen: 600_000_000 }, { trancheId: 'Z1', funder: 'zone', dueOn: '2026-10-31', amountFen: 600_000_000 }],
      }, finance, `reg-${id}`), 201);
    const allocate = (id: string, key: string) =>
      call(ledger, event('POST', '/projects/{projectId}/allocations', `/projects/${id}/allocations`, { projectId: id }, { amountFen: 100, valueDate: '2023-07-15', reference: 'BENCH' }, finance, key), 201);

    // --- 1. handler vs floor ----------------------------------------------------------------
    await register('H', 0);
    await register('F', 1);
    const ROUNDS = 300;
    const WARMUP = 30;
    const handlerMs: number[] = [];
    const floorMs: number[] = [];
    for (let i = 0; i < ROUNDS + WARMUP; i++) {
      const t0 = now();
      const res = await allocate('H', `h-${i}`);
      const t1 = now();
      // The floor writes what the handler just wrote (same sizes), under project F.
      const hState = (await doc.send(new GetCommand({ TableName: table, Key: { pk: 'PROJECT#H', sk: 'STATE' }, ConsistentRead: true }))).Item!;
      const t2 = now();
      const f = (await doc.send(new GetCommand({ TableName: table, Key: { pk: 'PROJECT#F', sk: 'STATE' }, ConsistentRead: true }))).Item!;
      await doc.send(new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table, Item: { pk: 'PROJECT#F', sk: `ENTRY#${String(f.version + 1).padStart(10, '0')}`, entry: res.entry }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Update: { TableName: table, Key: { pk: 'PROJECT#F', sk: 'STATE' }, UpdateExpression: 'SET #s = :s, version = :next, headHash = :h, attnPk = :ap, attnSk = :as', ConditionExpression: 'version = :v', ExpressionAttributeNames: { '#s': 'state' }, ExpressionAttributeValues: { ':s': hState.state, ':next': f.version + 1, ':h': hState.headHash, ':v': f.version, ':ap': 'ATTENTION', ':as': `2026-09-16#F` } } },
          { Put: { TableName: table, Item: { pk: 'PROJECT#F', sk: `IDEMP#f-${i}`, requestHash: 'x'.repeat(64), status: 201, body: JSON.stringify(res) }, ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }));
      const t3 = now();
      if (i >= WARMUP) {
        handlerMs.push(t1 - t0);
        floorMs.push(t3 - t2);
      }
    }
    const hp50 = percentile(handlerMs, 50);
    const fp50 = percentile(floorMs, 50);
    console.log(`1. One allocation (${ROUNDS} rounds after ${WARMUP} warm-up, interleaved)`);
    console.log(`   handler  p50 ${ms(hp50)}  p99 ${ms(percentile(handlerMs, 99))}`);
    console.log(`   floor    p50 ${ms(fp50)}  p99 ${ms(percentile(floorMs, 99))}   (GetItem consistent + TransactWriteItems, same items)`);
    console.log(`   handler/floor at p50: ${(hp50 / fp50).toFixed(2)}  (target ≤ 1.25)\n`);

    // --- 2. throughput ----------------------------------------------------------------------
    const CLIENTS = 16;
    const PER_CLIENT = 40;
    for (let c = 0; c < CLIENTS; c++) await register(`T${c}`, 100 + c);
    const t0 = now();
    let accepted = 0;
    await Promise.all(Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = 0; i < PER_CLIENT; i++) {
        await allocate(`T${c}`, `t-${c}-${i}`);
        accepted++;
      }
    }));
    const seconds = (now() - t0) / 1000;
    console.log(`2. Throughput: ${CLIENTS} concurrent clients × ${PER_CLIENT} allocations, one project each`);
    console.log(`   ${accepted} accepted in ${seconds.toFixed(2)} s = ${(accepted / seconds).toFixed(0)} allocations/s\n`);

    // --- 3. sweep ---------------------------------------------------------------------------
    const silent = { publish: async () => undefined };
    const sweepTimes: Record<number, number> = {};
    for (const total of [1_000, 10_000]) {
      const t = `sweep${total}${Date.now().toString(36)}`;
      await ensureTable(raw, t);
      await writeBulkProjects(doc, t, { total, late: 20, prefix: `S${total}` });
      process.env.TABLE_NAME = t;
      const runs: number[] = [];
      // A fresh day each run, so every run does the same work (20 projects, alerts updated).
      for (const asOf of ['2024-06-15', '2024-06-16', '2024-06-17']) {
        const s0 = now();
        const r = await runSweep(asOf, new Date(), silent, { publishOlderThanMs: 0 });
        runs.push(now() - s0);
        if (r.examined !== 20) throw new Error(`sweep examined ${r.examined}`);
      }
      sweepTimes[total] = percentile(runs, 50);
    }
    console.log('3. Sweep with 20 projects due (median of 3 days)');
    console.log(`   1,000 projects:  ${ms(sweepTimes[1_000]!)}`);
    console.log(`   10,000 projects: ${ms(sweepTimes[10_000]!)}`);
    console.log(`   ratio 10k/1k: ${(sweepTimes[10_000]! / sweepTimes[1_000]!).toFixed(2)}  (target ≤ 1.5)\n`);
    raw.destroy();
  } finally {
    await ddb.stop();
  }

  // --- 4. bundles ---------------------------------------------------------------------------
  const build = spawnSync('npx', ['tsx', 'infra/build.ts'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  await reportBundles();
}

/**
 * Size and module initialisation of every bundle as deployed (@aws-sdk/* left to the runtime),
 * and, for comparison, of the same handler with the SDK bundled in (not what ships).
 */
async function reportBundles(): Promise<void> {
  const RUNS = 9;
  const root = join(__dirname, '..', '..');
  const dist = join(root, 'dist');
  const sdkBundledDir = mkdtempSync(join(tmpdir(), 'fundledger-sdk-bundled-'));
  const kb = (file: string) => `${(statSync(file).size / 1024).toFixed(1)} KB`;
  console.log(`4. Bundles: minified size, and module initialisation in a fresh Node process`);
  console.log(`   (NODE_OPTIONS=${RUNTIME_NODE_OPTIONS} as deployed; median of ${RUNS}; target ≤ 60 ms)`);
  console.log(`   ${'bundle'.padEnd(16)} ${'size'.padStart(9)} ${'init'.padStart(9)} = ${'SDK'.padStart(8)} + ${'own'.padStart(8)}   | SDK bundled: ${'size'.padStart(9)} ${'init'.padStart(9)}`);
  try {
    for (const name of readdirSync(dist).sort()) {
      const file = join(dist, name, 'index.js');
      if (!existsSync(file)) continue;
      const sdk = externalSdkImports(join(dist, name, 'meta.json'));
      const deployed = medianInit(RUNS, () => measureInit(file, sdk, RUNTIME_NODE_OPTIONS, root));

      const bundledFile = join(sdkBundledDir, name, 'index.js');
      await esbuild({ ...sharedEsbuildOptions, external: [], entryPoints: [handlerEntry(name)], outfile: bundledFile, logLevel: 'error' });
      const bundled = medianInit(RUNS, () => measureInit(bundledFile, [], RUNTIME_NODE_OPTIONS, root));

      console.log(`   ${name.padEnd(16)} ${kb(file).padStart(9)} ${ms(deployed.totalMs).padStart(9)} = ${ms(deployed.sdkMs).padStart(8)} + ${ms(deployed.ownMs).padStart(8)}   |              ${kb(bundledFile).padStart(9)} ${ms(bundled.totalMs).padStart(9)}`);
    }
  } finally {
    rmSync(sdkBundledDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
