import type { LedgerStore, StoredProject, AppendOutcome } from '../../../functions/lib/storage/ledger-store';
import type { IdempotencyRecord, TxItem } from '../../../functions/lib/storage/transaction-items';
import type { StoredProgram, Zone } from '../../../functions/lib/storage/catalog-store';
import type { ClusterUsage } from '../../../domain/project/position';
import type { OpenAlert } from '../../../domain/alerts/reconcile';
import type { Entry, ProjectState } from '../../../domain/project/types';
import type { Indicator } from '../../../domain/budget/indicator';
import type { ProvinceFlows } from '../../../domain/budget/flows';
import { keys } from '../../../functions/lib/storage/keys';

/**
 * An in-memory LedgerStore for the write path's own logic (retries, 503, replays): it keeps
 * projects, entries, idempotency records and budget indicators, applies an append the way the
 * conditions would (version guard, taken keys, an indicator's draw), and can be told to answer the
 * next appends with given outcomes.
 * Storage itself is tested against DynamoDB Local, never with this.
 */
export class FakeLedgerStore implements LedgerStore {
  readonly projects = new Map<string, StoredProject>();
  readonly entries = new Map<string, Entry>();
  readonly reversed = new Set<string>();
  readonly answers = new Map<string, IdempotencyRecord>();
  readonly programs = new Map<string, StoredProgram>();
  readonly zones = new Map<string, Zone>();
  readonly clusters = new Map<string, ClusterUsage>();
  /** Outcomes (or errors) the next appends give instead of applying the items. */
  readonly scripted: (AppendOutcome | Error)[] = [];
  readonly calls = { append: 0, getProject: 0, getClusterUsage: 0, getHistory: 0, rememberAnswer: 0, getIndicator: 0 };
  /** The items of the last append, applied or answered from the script. */
  lastAppended: readonly TxItem[] = [];

  async getProject(projectId: string) {
    this.calls.getProject++;
    const p = this.projects.get(projectId);
    return p ? structuredClone(p) : null;
  }
  async getHistory(projectId: string) {
    this.calls.getHistory++;
    return [...this.entries.values()].filter((e) => e.projectId === projectId).sort((a, b) => a.seq - b.seq);
  }
  async getClusterUsage(clusterId: string) {
    this.calls.getClusterUsage++;
    return this.clusters.get(clusterId) ?? null;
  }
  async getProgram(code: string) {
    return this.programs.get(code) ?? null;
  }
  async getZone(zoneId: string) {
    return this.zones.get(zoneId) ?? null;
  }
  async getEnterpriseProjectCount() {
    return 0;
  }
  readonly indicators = new Map<string, Indicator>();
  async getIndicator(indicatorNo: string) {
    this.calls.getIndicator++;
    return this.indicators.get(indicatorNo) ?? null;
  }
  async getBudgetControl(code: string) {
    const p = this.programs.get(code);
    return p ? p.program.budgetControl : null;
  }
  async getEntry(projectId: string, seq: number) {
    return this.entries.get(`${projectId}#${seq}`) ?? null;
  }
  async getEvidence() {
    return null;
  }

  async append(items: readonly TxItem[], opts: { registering: boolean }): Promise<AppendOutcome> {
    this.calls.append++;
    this.lastAppended = items;
    const next = this.scripted.shift();
    if (next instanceof Error) throw next;
    if (next) return next;
    const entry = items.find((i) => i.tag === 'entry')!.item.Put!.Item!.entry as Entry;
    const idem = items.find((i) => i.tag === 'idempotency')?.item.Put?.Item;
    const key = idem ? `${entry.projectId}#${String(idem.sk).replace(/^IDEMP#/, '')}` : null;
    if (key && this.answers.has(key)) return { kind: 'idempotency-key-taken', record: this.answers.get(key)! };
    const current = this.projects.get(entry.projectId);
    if (opts.registering && current) return { kind: 'project-exists' };
    if (current && current.version !== entry.seq - 1) return { kind: 'lost-race', cluster: false, what: 'state:ConditionalCheckFailed' };
    const draws = items.filter((i) => i.tag === 'indicator').map((i) => i.item.Update!);
    if (!draws.every((u) => this.drawFits(u))) return { kind: 'lost-race', cluster: false, indicator: 'alone', what: 'indicator:ConditionalCheckFailed' };
    for (const u of draws) this.draw(u);
    const state = stateOf(items);
    this.entries.set(`${entry.projectId}#${entry.seq}`, entry);
    const marker = items.find((i) => i.tag === 'reversal-marker');
    if (marker) this.reversed.add(`${entry.projectId}#${Number(String(marker.item.Put!.Item!.sk).split('#')[1])}`);
    this.projects.set(entry.projectId, { state, version: state.version, city: current?.city ?? null, openAlerts: openAlertsOf(items) ?? current?.openAlerts ?? [], contribution: null, legacy: false, flows: flowsOf(items) });
    if (key && idem) this.answers.set(key, { key, requestHash: idem.requestHash as string, outcome: JSON.parse(idem.outcome as string) });
    return { kind: 'appended' };
  }

  /** The draw's condition (storage/budget-items.ts), as DynamoDB would evaluate it on the stored indicator. */
  private drawFits(u: NonNullable<TxItem['item']['Update']>): boolean {
    const i = this.indicatorAt(u.Key!);
    const v = u.ExpressionAttributeValues!;
    if (!i) return false;
    const a = v[':a'] as number;
    if (a > 0) return i.amountFen - i.allocatedFen >= a && i.status === v[':open'] && i.programCode === v[':program'] && i.fiscalYear === v[':year'];
    return a === 0 || i.allocatedFen >= (v[':back'] as number);
  }

  private draw(u: NonNullable<TxItem['item']['Update']>): void {
    const i = this.indicatorAt(u.Key!)!;
    const v = u.ExpressionAttributeValues!;
    this.indicators.set(i.indicatorNo, { ...i, allocatedFen: i.allocatedFen + (v[':a'] as number), transferredFen: i.transferredFen + (v[':t'] as number), paidFen: i.paidFen + (v[':p'] as number) });
  }

  private indicatorAt(key: Record<string, unknown>): Indicator | undefined {
    return [...this.indicators.values()].find((i) => keys.indicator(i.indicatorNo).pk === key.pk);
  }

  async getAnswer(projectId: string, key: string) {
    return this.answers.get(`${projectId}#${key}`) ?? null;
  }

  async rememberAnswer(projectId: string, record: IdempotencyRecord) {
    this.calls.rememberAnswer++;
    const key = `${projectId}#${record.key}`;
    const taken = this.answers.get(key);
    if (taken) return { stored: false as const, record: taken };
    this.answers.set(key, record);
    return { stored: true as const };
  }
}

function flowsOf(items: readonly TxItem[]): ProvinceFlows {
  const state = items.find((i) => i.tag === 'state')!.item;
  return (state.Put ? state.Put.Item!.budget : state.Update!.ExpressionAttributeValues![':budget']) as ProvinceFlows;
}

/** The open alerts the write leaves (an update sets them; a registration starts with none). */
function openAlertsOf(items: readonly TxItem[]): OpenAlert[] | undefined {
  const state = items.find((i) => i.tag === 'state')!.item;
  return (state.Put ? state.Put.Item!.openAlerts : state.Update!.ExpressionAttributeValues![':open']) as OpenAlert[] | undefined;
}

function stateOf(items: readonly TxItem[]): ProjectState {
  const state = items.find((i) => i.tag === 'state')!.item;
  return (state.Put ? state.Put.Item!.state : state.Update!.ExpressionAttributeValues![':state']) as ProjectState;
}
