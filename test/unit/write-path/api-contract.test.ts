/**
 * The contract clients generate from: /openapi.json passes Redocly's recommended rules with no
 * error and no warning, and every route has a spec, an implementation and a response for each
 * status it can give.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { spec } from '../../../functions/api/spec';
import { publicRoutes } from '../../../functions/api/meta';
import { alertReads, alertWrites } from '../../../functions/api/alerts';
import { catalogReads, catalogWrites } from '../../../functions/api/catalog';
import { historyReads } from '../../../functions/api/history';
import { ledgerWrites } from '../../../functions/api/ledger';
import { projectReads, projectWrites } from '../../../functions/api/projects';
import { openApiDocument } from '../../../functions/lib/openapi';
import { routes, routeKey } from '../../../functions/routes';
import { portfolioReads } from '../../../functions/api/portfolio';
import { documentReads, documentWrites } from '../../../functions/api/documents';
import { digestReads, digestWrites } from '../../../functions/api/digests';
import { importReads } from '../../../functions/api/import-template';
import { importWrites } from '../../../functions/api/imports';
import { budgetReads } from '../../../functions/api/budget-reads';
import { budgetWrites } from '../../../functions/api/budget-writes';
import { evidenceReads, evidenceWrites } from '../../../functions/api/evidence';
import { statementReads, statementWrites } from '../../../functions/api/statements';
import { apiHandler } from '../../../functions/lib/http/handler';

const run = promisify(execFile);

it('passes Redocly lint (recommended rules) with zero errors and zero warnings', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(openApiDocument(), null, 1));
  const redocly = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'redocly');
  const out = await run(redocly, ['lint', file, '--extends', 'recommended', '--format', 'json'], { maxBuffer: 64 * 1024 * 1024 }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
  const report = JSON.parse(out.stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string; location: { pointer: string }[] }[] };
  const problems = report.problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
  expect({ totals: report.totals, problems }).toEqual({ totals: { errors: 0, warnings: 0, ignored: 0 }, problems: [] });
}, 60_000);

it('has exactly one implementation per specified route, served by the function routes.ts names', () => {
  const byFunction: Record<string, Record<string, unknown>> = {
    public: publicRoutes,
    read: { ...catalogReads, ...projectReads, ...historyReads, ...alertReads, ...portfolioReads, ...documentReads, ...digestReads, ...importReads, ...budgetReads, ...evidenceReads, ...statementReads },
    write: { ...catalogWrites, ...projectWrites, ...ledgerWrites, ...alertWrites, ...documentWrites, ...digestWrites, ...importWrites, ...budgetWrites, ...evidenceWrites, ...statementWrites },
  };
  for (const r of routes) expect({ route: routeKey(r), served: routeKey(r) in byFunction[r.handler]! }).toEqual({ route: routeKey(r), served: true });
  const implemented = Object.values(byFunction).flatMap((m) => Object.keys(m)).sort();
  expect(implemented).toEqual(Object.keys(spec).sort());
});

it('refuses at load a function whose spec part and implementations do not match one to one', () => {
  const health = spec['GET /health']!;
  const ok = publicRoutes['GET /health']!;
  expect(() => apiHandler({ 'GET /health': health }, { 'GET /health': ok, 'GET /nowhere': ok })).toThrow('route GET /nowhere has no spec');
  expect(() => apiHandler({ 'GET /health': health, 'GET /openapi.json': spec['GET /openapi.json']! }, { 'GET /health': ok })).toThrow('route GET /openapi.json has no implementation');
  expect(() => apiHandler({ 'GET /health': health }, { 'GET /health': ok }, 'public')).not.toThrow();
});

it('documents a body schema for every JSON success response and an operation for every route', () => {
  const doc = openApiDocument() as { paths: Record<string, Record<string, { operationId: string; summary: string; tags: string[]; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };
  for (const r of routes) {
    const op = doc.paths[r.path]![r.method.toLowerCase()]!;
    expect(op.operationId && op.summary && op.tags.length > 0).toBeTruthy();
    for (const [status, response] of Object.entries(op.responses)) {
      const json = response.content?.['application/json'];
      if (Number(status) < 300 && json) expect({ route: routeKey(r), status, schema: json.schema !== undefined && JSON.stringify(json.schema) !== '{}' }).toEqual({ route: routeKey(r), status, schema: true });
    }
  }
});

describe('the server /openapi.json names', () => {
  /** GET /openapi.json as API Gateway (HTTP API, payload 2.0) hands it to the public function. */
  const gatewayEvent = (domainName: string, stage: string, headers: Record<string, string>) =>
    ({
      version: '2.0',
      routeKey: 'GET /openapi.json',
      rawPath: stage === '$default' ? '/openapi.json' : `/${stage}/openapi.json`,
      rawQueryString: '',
      headers: { host: domainName, ...headers },
      requestContext: { accountId: '123456789012', apiId: domainName.split('.')[0], domainName, domainPrefix: domainName.split('.')[0], http: { method: 'GET', path: '/openapi.json', protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'curl/8' }, requestId: 'r-1', routeKey: 'GET /openapi.json', stage, time: '07/Dec/2026:00:00:00 +0000', timeEpoch: 0 },
      isBase64Encoded: false,
    }) as never;
  const servedServers = async (event: never): Promise<unknown> => {
    const { handler } = await import('../../../functions/handlers/public');
    const res = (await handler(event, { awsRequestId: 'r-1' } as never)) as { statusCode: number; body: string };
    expect(res.statusCode).toBe(200);
    return (JSON.parse(res.body) as { servers: { url: string }[] }).servers.map((s) => s.url);
  };

  it('is the API\'s own URL on AWS: the gateway\'s domain name over HTTPS, with a named stage as the first path segment', async () => {
    const domain = 'a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn';
    expect(await servedServers(gatewayEvent(domain, '$default', { 'x-forwarded-proto': 'https', 'x-forwarded-port': '443' }))).toEqual([`https://${domain}`]);
    expect(await servedServers(gatewayEvent('api.fundledger.example', 'prod', { 'x-forwarded-proto': 'https', 'x-forwarded-port': '443' }))).toEqual(['https://api.fundledger.example/prod']);
    // Malformed forwarding headers do not make their way into the URL.
    expect(await servedServers(gatewayEvent(domain, '$default', { 'x-forwarded-proto': 'javascript', 'x-forwarded-port': '443/evil' }))).toEqual([`https://${domain}`]);
  });
});
