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
    read: { ...catalogReads, ...projectReads, ...historyReads, ...alertReads, ...portfolioReads, ...documentReads, ...digestReads, ...importReads },
    write: { ...catalogWrites, ...projectWrites, ...ledgerWrites, ...alertWrites, ...documentWrites, ...digestWrites, ...importWrites },
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
