/**
 * The four histories of test/fixtures/legacy-v1.json were written by the ledger before the money
 * path was modelled (entry format 1). They must still verify and replay to the balances the old
 * code showed when it wrote them, and new commands must work on top of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../../domain/canonical-json';
import { evaluate, nextAttentionOn } from '../../domain/alerts/conditions';
import { verifyChain } from '../../domain/project/chain';
import type { Command } from '../../domain/project/commands';
import { decide } from '../../domain/project/decide';
import type { Decision, RuleId } from '../../domain/project/outcome';
import { balances } from '../../domain/project/position';
import { rebuild } from '../../domain/project/rebuild';
import type { Actor, Entry, ProjectState, Registration } from '../../domain/project/types';

interface OldBalance { allocatedFen: number; pendingFen: number; confirmedFen: number; disbursedFen: number }
interface LegacyProject {
  projectId: string;
  entries: Entry[];
  stateItem: { version: number; headHash: string; state: { registration: Registration; version: number; headHash: string; ruleDigest: string } };
  balancesAtWrite: { province: OldBalance; zone: OldBalance };
}
const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'legacy-v1.json'), 'utf8')) as { projects: LegacyProject[] };
const legacy = (id: string): LegacyProject => {
  const p = fixture.projects.find((x) => x.projectId === id);
  if (!p) throw new Error(`no legacy project ${id}`);
  return p;
};

const NOW = '2027-06-30T04:00:00.000Z';
const FO2: Actor = { sub: 'fo-carl', role: 'finance-officer' };
const ZC2: Actor = { sub: 'zc-other', role: 'zone-committee' };
const Y = (yuan: number) => yuan * 100;

/** A legacy history continued with new commands, as the write path would. */
class Ledger {
  entries: Entry[];
  state: ProjectState;
  constructor(p: LegacyProject) {
    this.entries = p.entries.map((e) => ({ ...e }));
    this.state = rebuild(this.entries)!;
  }
  attempt(cmd: Command, actor: Actor): Decision {
    return decide(this.state, cmd, { actor, now: NOW, history: this.entries });
  }
  post(cmd: Command, actor: Actor): Entry {
    const d = this.attempt(cmd, actor);
    if (!d.ok) throw new Error(`${cmd.type} refused: ${JSON.stringify(d)}`);
    this.entries.push(d.entry);
    this.state = d.after;
    return d.entry;
  }
}

const ruleOf = (d: Decision): RuleId | string => (d.ok ? 'accepted' : 'violation' in d ? d.violation.rule : 'invalid' in d ? 'invalid' : 'conflict');
const reverse = (entryId: string): Command => ({ type: 'reversal', entryId, reason: '冲销' });
const transfer = (amountFen: number, valueDate = '2024-01-10'): Command => ({ type: 'transfer', amountFen, valueDate, reference: '下达' });
const pay = (funder: 'province' | 'zone', amountFen: number, paidOn = '2024-01-20'): Command => ({ type: 'disbursement', funder, amountFen, paidOn, reference: 'PAY' });

// =============================================================================================
describe('format-1 histories replay', () => {
  it.each(fixture.projects.map((p) => [p.projectId, p] as const))('%s: the chain verifies against the stored head', (_id, p) => {
    expect(p.entries.every((e) => e.format === undefined)).toBe(true);
    expect(verifyChain(p.entries, { version: p.stateItem.version, headHash: p.stateItem.headHash })).toEqual({ valid: true, entries: p.entries.length, headHash: p.stateItem.headHash });
  });

  it.each(fixture.projects.map((p) => [p.projectId, p] as const))('%s: rebuild gives the balances the old code showed, and its head', (_id, p) => {
    const s = rebuild(p.entries)!;
    expect(s.version).toBe(p.stateItem.state.version);
    expect(s.headHash).toBe(p.stateItem.state.headHash);
    expect(s.ruleDigest).toBe(p.stateItem.state.ruleDigest);
    expect(s.registration).toEqual(p.stateItem.state.registration);
    expect(s.status).toBe('active');
    const b = balances(s);
    const old = (x: OldBalance) => ({ allocatedFen: x.allocatedFen, pendingFen: x.pendingFen, confirmedFen: x.confirmedFen, disbursedFen: x.disbursedFen });
    expect({ province: old(b.province), zone: old(b.zone) }).toEqual(p.balancesAtWrite);
    // Rules recorded before these settings existed read with their defaults.
    expect(s.rules).toMatchObject({ year: null, onwardPaymentDays: 30, maxExtensionMonths: 12, acceptanceApplicationDays: 90, outsideZoneCountsInClusterCap: true });
    expect(s.rules.caps).toMatchObject({ zonePerClusterFen: null, inPrinciple: [] });
    expect(canonicalJson(rebuild(p.entries))).toBe(canonicalJson(s));
  });

  it('the new fields: a legacy province payment inside the zone passed through the zone the same day', () => {
    const b2023 = balances(rebuild(legacy('LEGACY-2023').entries)!);
    // 200,000,000 paid and reversed, then 150,000,000 paid: transferred and paid 150,000,000 (the reversal took back both).
    expect(b2023.province).toMatchObject({ transferredFen: Y(1_500_000), heldAtZoneFen: 0, decommittedFen: 0, recoveredFen: 0 });
    expect(b2023.zone).toMatchObject({ confirmedFen: Y(3_600_000), decommittedFen: 0 });
    const b2021 = balances(rebuild(legacy('LEGACY-2021').entries)!);
    expect(b2021.province).toMatchObject({ transferredFen: Y(4_000_000), disbursedFen: Y(4_000_000), heldAtZoneFen: 0 });
    const nj = balances(rebuild(legacy('LEGACY-NJ').entries)!);
    expect(nj.province).toMatchObject({ transferredFen: 0, confirmedFen: Y(1_000_000) });
    const out = balances(rebuild(legacy('LEGACY-OUT').entries)!);
    expect(out.province).toMatchObject({ transferredFen: 0, heldAtZoneFen: 0, disbursedFen: Y(1_000_000) });
  });

  it('the alert functions work on legacy states', () => {
    for (const p of fixture.projects) {
      const s = rebuild(p.entries)!;
      expect(() => evaluate(s, '2024-06-30')).not.toThrow();
      expect(nextAttentionOn(s, null, [])).not.toBeNull();
    }
  });
});

// =============================================================================================
describe('new commands on top of a legacy history', () => {
  it('LEGACY-2023: a transfer of what is confirmed and not yet transferred, then the zone pays it on', () => {
    const l = new Ledger(legacy('LEGACY-2023'));
    expect(ruleOf(l.attempt(transfer(Y(1_500_000) + 1), FO2))).toBe('insufficient-confirmed-funds');
    const t = l.post(transfer(Y(1_500_000)), FO2);
    expect(t).toMatchObject({ format: 2, seq: 13, prevHash: legacy('LEGACY-2023').stateItem.headHash });
    expect(balances(l.state).province).toMatchObject({ transferredFen: Y(3_000_000), heldAtZoneFen: Y(1_500_000) });
    l.post(pay('province', Y(1_500_000)), ZC2);
    expect(ruleOf(l.attempt(pay('province', 1), ZC2))).toBe('insufficient-transferred-funds');
    expect(balances(l.state).province).toMatchObject({ disbursedFen: Y(3_000_000), heldAtZoneFen: 0 });
    expect(verifyChain(l.entries, { version: l.state.version, headHash: l.state.headHash }).valid).toBe(true);
    expect(canonicalJson(rebuild(l.entries))).toBe(canonicalJson(l.state));
  });

  it('LEGACY-2023: a legacy confirmation is not reversed while a day of the history shows money it let through', () => {
    const l = new Ledger(legacy('LEGACY-2023'));
    // .3 confirmed .2 (300,000,000 province, 360,000,000 zone); .12 paid 150,000,000 of it, .5 paid 100,000,000 zone money.
    expect(ruleOf(l.attempt(reverse('LEGACY-2023.3'), ZC2))).toBe('reversal-not-allowed');
    expect(ruleOf(l.attempt(reverse('LEGACY-2023.4'), FO2))).toBe('reversal-not-allowed'); // reversed in 2023 (.11)
    expect(ruleOf(l.attempt(reverse('LEGACY-2023.12'), { sub: 'fo-alice', role: 'finance-officer' }))).toBe('four-eyes');
    l.post(reverse('LEGACY-2023.12'), FO2);
    expect(balances(l.state).province).toMatchObject({ transferredFen: 0, disbursedFen: 0 });
    expect(ruleOf(l.attempt(reverse('LEGACY-2023.3'), ZC2))).toBe('reversal-not-allowed'); // the zone payment still stands
    l.post(reverse('LEGACY-2023.5'), ZC2);
    // The legacy payment .4 (200,000,000 through the zone on 2023-09-20) stood until the format-1
    // reversal .11, dated the day it was recorded (2023-12-12): the days between show that money
    // transferred and paid, which without the confirmation was never confirmed.
    const refused = l.attempt(reverse('LEGACY-2023.3'), ZC2);
    expect(refused).toMatchObject({ ok: false, violation: { rule: 'reversal-not-allowed', brokenOn: '2023-09-20' } });
    expect(canonicalJson(rebuild(l.entries))).toBe(canonicalJson(l.state));
    expect(verifyChain(l.entries).valid).toBe(true);
  });

  it('LEGACY-2021: a legacy confirmation is reversed once the money it let through is taken back; its allocation is pending again', () => {
    const l = new Ledger(legacy('LEGACY-2021'));
    // .3 confirmed .2 (400,000,000 each); .4 paid the province's 400,000,000 through the zone, .5 300,000,000 zone money.
    l.post(reverse('LEGACY-2021.4'), FO2);
    expect(ruleOf(l.attempt(reverse('LEGACY-2021.3'), ZC2))).toBe('reversal-not-allowed'); // the zone payment still stands
    l.post(reverse('LEGACY-2021.5'), ZC2);
    l.post(reverse('LEGACY-2021.3'), ZC2);
    expect(l.state.openAllocations.map((a) => [a.entryId, a.pendingFen])).toEqual([['LEGACY-2021.2', Y(4_000_000)]]);
    expect(balances(l.state).province).toMatchObject({ pendingFen: Y(4_000_000), confirmedFen: 0, allocatedFen: Y(4_000_000) });
    expect(balances(l.state).zone).toMatchObject({ pendingFen: Y(4_000_000), confirmedFen: 0, disbursedFen: 0 });
    // A new confirmation in the new format matches it again, in parts.
    const c = l.post({ type: 'match-confirmation', allocationEntryId: 'LEGACY-2021.2', amountFen: Y(1_000_000), valueDate: '2024-02-01', reference: '宁高管〔2024〕1号' }, ZC2);
    expect(c.details).toEqual({ provinceFen: Y(1_000_000) });
    expect(balances(l.state).province).toMatchObject({ pendingFen: Y(3_000_000), confirmedFen: Y(1_000_000) });
    expect(canonicalJson(rebuild(l.entries))).toBe(canonicalJson(l.state));
    expect(verifyChain(l.entries).valid).toBe(true);
  });

  it('LEGACY-2021: everything confirmed was passed on and paid; the zone can still pay 1,000,000 yuan; the cap is full', () => {
    const l = new Ledger(legacy('LEGACY-2021'));
    expect(ruleOf(l.attempt(transfer(1, '2022-01-10'), FO2))).toBe('insufficient-confirmed-funds');
    expect(ruleOf(l.attempt(pay('province', 1, '2022-01-10'), ZC2))).toBe('insufficient-transferred-funds');
    expect(ruleOf(l.attempt(reverse('LEGACY-2021.3'), ZC2))).toBe('reversal-not-allowed');
    expect(ruleOf(l.attempt({ type: 'allocation', amountFen: 1, valueDate: '2022-01-10', reference: 'X' }, FO2))).toBe('joint-share-of-new-investment');
    l.post(pay('zone', Y(1_000_000), '2022-01-10'), ZC2);
    expect(ruleOf(l.attempt(pay('zone', 1, '2022-01-11'), ZC2))).toBe('insufficient-confirmed-funds');
    // The legacy province payment reversed takes back its implied transfer too.
    l.post(reverse('LEGACY-2021.4'), FO2);
    expect(balances(l.state).province).toMatchObject({ transferredFen: 0, disbursedFen: 0, confirmedFen: Y(4_000_000) });
    expect(canonicalJson(rebuild(l.entries))).toBe(canonicalJson(l.state));
  });

  it('LEGACY-NJ: no match rule; the city money is transferred to the park; a reversed legacy confirmation is not reversed twice', () => {
    const l = new Ledger(legacy('LEGACY-NJ'));
    expect(ruleOf(l.attempt(reverse('LEGACY-NJ.4'), ZC2))).toBe('reversal-not-allowed');
    expect(ruleOf(l.attempt(reverse('LEGACY-NJ.3'), ZC2))).toBe('reversal-not-allowed'); // 300,000 yuan of it was paid
    l.post(transfer(Y(1_000_000), '2023-09-01'), FO2);
    l.post(pay('province', Y(1_000_000), '2023-09-10'), ZC2);
    expect(balances(l.state).province).toMatchObject({ transferredFen: Y(1_000_000), disbursedFen: Y(1_000_000) });
    expect(canonicalJson(rebuild(l.entries))).toBe(canonicalJson(l.state));
  });

  it('LEGACY-OUT: outside the zone there is no transfer; the province pays the rest directly', () => {
    const l = new Ledger(legacy('LEGACY-OUT'));
    expect(ruleOf(l.attempt(transfer(1), FO2))).toBe('transfer-not-applicable');
    l.post(pay('province', Y(1_000_000)), FO2);
    expect(ruleOf(l.attempt(pay('province', 1), FO2))).toBe('insufficient-confirmed-funds');
    l.post({ type: 'recovery', funder: 'province', amountFen: Y(200_000), valueDate: '2024-03-01', reference: 'RET', reason: '缴回' }, FO2);
    expect(balances(l.state).province).toMatchObject({ disbursedFen: Y(2_000_000), recoveredFen: Y(200_000), transferredFen: 0 });
    expect(canonicalJson(rebuild(l.entries))).toBe(canonicalJson(l.state));
  });
});
