/**
 * The catalogue of entry kinds (domain/project/kinds) is the one place a kind is declared. Every
 * table that lists kinds is derived from it; these tests fail when a derived table lacks a kind,
 * names one twice, or reads a word that is not in the glossary.
 */
import { GLOSSARY, term } from '../../domain/glossary/with-console';
import { ENTRY_TYPES, KINDS, PROJECT_KINDS, rolesFor, type EntryType } from '../../domain/project/kinds';
import { ROLES } from '../../domain/project/types';
import { writeSpec } from '../../functions/api/spec';
import { ledgerWrites } from '../../functions/api/ledger';
import { routes } from '../../functions/routes';
import { openApiDocument } from '../../functions/lib/openapi';
import { peopleColumns } from '../../functions/lib/export-words';
import { historyRows } from '../../functions/lib/history-rows';

const each = ENTRY_TYPES.map((type) => [type] as [EntryType]);

describe('the catalogue', () => {
  it('declares each kind once, under its own type, with its glossary term', () => {
    expect(new Set(ENTRY_TYPES).size).toBe(ENTRY_TYPES.length);
    for (const type of ENTRY_TYPES) expect({ type, declared: KINDS[type].type, term: KINDS[type].term }).toEqual({ type, declared: type, term: `entry.${type}` });
  });

  it('gives every kind a route of its own', () => {
    const paths = ENTRY_TYPES.map((t) => KINDS[t].route.path);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it.each(each)('%s: a word in Chinese and English, with the funders as each program names them', (type) => {
    for (const lang of ['zh', 'en'] as const) {
      const word = term(`entry.${type}`, lang, {}, { province: '市级', zone: '园区' });
      expect(word.length).toBeGreaterThan(0);
      expect(word).not.toMatch(/[{}]/);
    }
    // Chinese words, never the raw id.
    expect(term(`entry.${type}`, 'zh')).not.toMatch(/[a-z]/);
    // Words that name a funder follow the program's names, never a hard-coded 省级/高新区.
    const nanjing = term(`entry.${type}`, 'zh', {}, { province: '市级', zone: '园区' });
    expect(nanjing).not.toMatch(/省级|高新区/);
  });

  it.each(each)('%s: who may post it are roles; a reversal is posted in the role of the kinds it takes back', (type) => {
    const kind = KINDS[type];
    expect(kind.roles.length).toBeGreaterThan(0);
    for (const role of kind.roles) expect(ROLES).toContain(role);
  });

  it('the roles that may reverse are exactly the roles that post reversible kinds', () => {
    const posters = new Set(ENTRY_TYPES.filter((t) => KINDS[t].reversible).flatMap((t) => [...KINDS[t].roles]));
    expect(new Set(KINDS.reversal.roles)).toEqual(posters);
    expect(rolesFor({ type: 'reversal', entryId: 'P.2', reason: 'r' }, { insideZone: true }, { actor: { sub: 'x', role: 'zone-committee' } })).toEqual(['zone-committee']);
  });

  it('exports sign money in (+1) and money going back (−1); a reversal the opposite of its target', () => {
    for (const type of ENTRY_TYPES) {
      const { sign, reversible } = KINDS[type];
      if (reversible) expect({ type, sign: Math.abs(sign as number) }).toEqual({ type, sign: 1 });
    }
    expect(KINDS.reversal.sign).toBe('opposite-of-target');
  });
});

describe('tables derived from the catalogue', () => {
  it.each(PROJECT_KINDS.map((t) => [t]))('%s: a write route in the spec, an implementation and the route table, served by the write function', (type) => {
    const key = `POST ${KINDS[type].route.path}`;
    expect(writeSpec[key]).toBeDefined();
    expect(ledgerWrites[key]).toBeDefined();
    expect(routes.filter((r) => `${r.method} ${r.path}` === key).map((r) => r.handler)).toEqual(['write']);
  });

  it('registration: POST /projects, its body the kind\'s schema', () => {
    expect(writeSpec['POST /projects']!.body).toBe(KINDS.registration.route.body);
  });

  it.each(each)('%s: its route is in /openapi.json with the kind\'s summary', (type) => {
    const doc = openApiDocument() as { paths: Record<string, { post?: { summary?: string } }> };
    expect(doc.paths[KINDS[type].route.path]?.post?.summary).toBe(KINDS[type].route.summary);
  });

  it('the entry type enum of the API is the catalogue, in its order', () => {
    const doc = openApiDocument() as { components: { schemas: Record<string, { enum?: string[] }> } };
    expect(doc.components.schemas.EntryType!.enum).toEqual(ENTRY_TYPES);
  });

  it('the exports for people name every kind by its glossary word, and no column is a raw id', () => {
    const columns = peopleColumns({ province: '省级', zone: '高新区' });
    for (const c of columns) expect(c.header).not.toMatch(/[{}]|Fen|Yuan/);
    expect(Object.keys(GLOSSARY.zh).filter((k) => k.startsWith('entry.'))).toEqual(ENTRY_TYPES.map((t) => `entry.${t}`));
    expect(historyRows([])).toEqual([]);
  });
});
