/**
 * The environment a local Lambda runs with (`npm start -- --bundles`, test/integration/bundles.test.ts):
 * built like the stack and Lambda build it, never inherited, and complete for every setting the
 * functions read. And the `--bundles` option of `npm start`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { allHandlerNames } from '../../functions/routes';
import { REPO_ROOT } from '../../infra/bundling';
import { functionEnvironment, handlerConfig } from '../../infra/handler-config';
import { LOCAL_SETTINGS, lambdaEnvironment } from '../../local/lambda-handlers';
import { parseStartOptions } from '../../local/start-options';

const resources = { ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:1:t', EVENT_BUS_NAME: 'default', DIGEST_BUCKET: 'digests', EXPORT_BUCKET: 'exports', EVIDENCE_BUCKET: 'evidence' };
const localEvidence = { EVIDENCE_DIR: '/tmp/evidence', LOCAL_OBJECTS_ORIGIN: 'http://127.0.0.1:3000', LOCAL_OBJECTS_SECRET: 'k3y' };
const base = {
  PATH: '/usr/bin',
  TABLE_NAME: 'T1',
  AWS_REGION: 'cn-north-1',
  AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
  AWS_SECRET_ACCESS_KEY: 'secret',
  DIGEST_DIR: '/tmp/digests',
  ...localEvidence,
  ...Object.fromEntries(LOCAL_SETTINGS.map((k) => [k, `${k}-value`])),
  // What a developer's shell may hold and a function on Lambda never sees.
  HOME: '/root',
  AWS_PROFILE: 'dev',
  AWS_CONFIG_FILE: '/root/.aws/config',
  AWS_SHARED_CREDENTIALS_FILE: '/root/.aws/credentials',
  NODE_OPTIONS: '--inspect',
  npm_config_in_memory: 'true',
};

describe('a local Lambda’s environment', () => {
  it.each(allHandlerNames())('%s: the stack’s variables, Lambda’s, credentials as variables only, and nothing inherited', (name) => {
    const env = lambdaEnvironment(name, { ...base, ...resources }, '/var/task');
    expect(env).toMatchObject(functionEnvironment(name, { tableName: 'T1', alertTopicArn: resources.ALERT_TOPIC_ARN, eventBusName: 'default', digestBucket: 'digests', exportBucket: 'exports', evidenceBucket: 'evidence' }));
    expect(env).toMatchObject({
      AWS_LAMBDA_FUNCTION_NAME: `fundledger-${name}`,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(handlerConfig[name]!.memoryMb),
      LAMBDA_TASK_ROOT: '/var/task',
      TZ: ':UTC',
      AWS_REGION: 'cn-north-1',
      AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
      AWS_SECRET_ACCESS_KEY: 'secret',
    });
    for (const absent of ['HOME', 'AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'NODE_OPTIONS', 'npm_config_in_memory', 'AWS_SESSION_TOKEN']) {
      expect(env[absent]).toBeUndefined();
    }
    // A bucket, when there is one, takes the place of the local digest file and the local evidence store.
    expect(env.DIGEST_DIR).toBeUndefined();
    for (const key of Object.keys(localEvidence)) expect(env[key]).toBeUndefined();
    expect(env.EVIDENCE_BUCKET).toBe(handlerConfig[name]!.evidence ? 'evidence' : undefined);
  });

  it('gives each function only the resources its handler-config entry names', () => {
    const env = (name: string) => lambdaEnvironment(name, { ...base, ...resources }, '/var/task');
    expect(env('read').ALERT_TOPIC_ARN).toBeUndefined();
    expect(env('write').ALERT_TOPIC_ARN).toBe(resources.ALERT_TOPIC_ARN);
    expect(env('public').DIGEST_BUCKET).toBeUndefined();
    expect(env('publish-alerts').EXPORT_BUCKET).toBeUndefined();
    expect(env('read').EXPORT_BUCKET).toBe('exports');
  });

  it('sends digests to the local file when there is no bucket, and only from the functions that handle digests', () => {
    for (const name of allHandlerNames()) {
      const env = lambdaEnvironment(name, base, '/var/task');
      expect([name, env.DIGEST_DIR]).toEqual([name, handlerConfig[name]!.digests ? '/tmp/digests' : undefined]);
      expect(env.ALERT_TOPIC_ARN).toBeUndefined();
    }
  });

  it('keeps evidence under the local store when there is no bucket, for the functions that handle evidence only', () => {
    for (const name of allHandlerNames()) {
      const env = lambdaEnvironment(name, base, '/var/task');
      const expected = handlerConfig[name]!.evidence ? localEvidence : {};
      expect([name, Object.fromEntries(Object.keys(localEvidence).filter((k) => env[k] !== undefined).map((k) => [k, env[k]]))]).toEqual([name, expected]);
    }
  });

  it('provides every setting the functions read from process.env', () => {
    // process.env.NAME, process.env['NAME'], NAME_ENV = 'NAME' (read as process.env[NAME_ENV]) and envInt('NAME', …).
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) files.push(path);
      }
    };
    walk(join(REPO_ROOT, 'functions'));
    walk(join(REPO_ROOT, 'domain'));
    const read = new Set<string>();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const patterns = [/process\.env\.([A-Z][A-Z0-9_]+)/g, /process\.env\['([A-Z][A-Z0-9_]+)'\]/g, /_ENV = '([A-Z][A-Z0-9_]+)'/g, /\benv\w*\('([A-Z][A-Z0-9_]+)'/g];
      for (const pattern of patterns) for (const m of text.matchAll(pattern)) read.add(m[1]!);
    }
    expect(read.size).toBeGreaterThan(5);
    const provided = new Set<string>();
    for (const name of allHandlerNames()) {
      for (const env of [lambdaEnvironment(name, { ...base, ...resources }, '/t'), lambdaEnvironment(name, base, '/t')]) for (const k of Object.keys(env)) provided.add(k);
    }
    expect([...read].filter((k) => !provided.has(k)).sort()).toEqual([]);
  });
});

describe('npm start -- --bundles', () => {
  it('is off unless asked for, on with the flag or when npm took it as its own option (with the exact form)', () => {
    expect(parseStartOptions([], {}, '/d').bundles).toBe(false);
    expect(parseStartOptions(['--', '--bundles'], {}, '/d').bundles).toBe(true);
    const swallowed = parseStartOptions([], { npm_config_bundles: 'true' }, '/d');
    expect(swallowed.bundles).toBe(true);
    expect(swallowed.npmFlagsNote).toContain('npm start -- --bundles');
  });
});
