import type { RouteSpec } from '../lib/http/route-spec';
import { publicSpec } from './spec-public';
import { readSpec } from './spec-reads';
import { writeSpec } from './spec-writes';

export { publicSpec, readSpec, writeSpec };

/**
 * The HTTP contract, route by route (API.md). Handlers are typed and validated by it, and
 * /openapi.json is generated from it, so a response that drifts from its schema fails a test.
 * Kept in three parts, one per function (spec-public, spec-reads, spec-writes), so that each
 * function's bundle carries only the routes and schemas it serves.
 */
export const spec: Record<string, RouteSpec> = { ...publicSpec, ...readSpec, ...writeSpec };

export const TAGS: { name: string; description: string }[] = [
  { name: 'Meta', description: 'Liveness and this document' },
  { name: 'Catalog', description: 'Programs (rule sets), zones and clusters' },
  { name: 'Projects', description: 'Contracts and their position' },
  { name: 'Ledger', description: 'The path of the money: allocation → match → transfer → payment; recoveries, decommitments, reversals' },
  { name: 'Exceptions', description: 'Four-eyes exceptions to in-principle (原则上) caps' },
  { name: 'Lifecycle', description: 'Adjustments, inspections, holds, acceptance, termination' },
  { name: 'Evidence', description: 'Files behind entries (凭证): declared, uploaded to a signed URL, checked, then recorded in the chain' },
  { name: 'History', description: 'The append-only, hash-chained history and its exports' },
  { name: 'Alerts', description: 'Schedule, match, money-held and lifecycle alerts' },
  { name: 'Portfolio', description: 'Rollups by program, zone, cluster and city' },
  { name: 'Documents', description: 'Plan documents (计划下达文件) funding many projects' },
  { name: 'Budget', description: 'Budget indicators (预算指标) allocations draw on, and execution progress (支出进度)' },
  { name: 'Imports', description: 'Registration from Excel' },
  { name: 'Digests', description: 'Tamper evidence beyond the database: daily Merkle roots and inclusion proofs' },
  { name: 'Statements', description: 'Bank and treasury statements (对账单) reconciled with the ledger’s transfers and payments; the ledger is never changed' },
];
