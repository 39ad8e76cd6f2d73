/**
 * The pure parts of the input bounds: the JSON depth scan, the zip inflater's budget, what a
 * reference covers, the import's duplicate and contention grouping, and the report's error budget.
 * The HTTP behaviour is in test/integration (nesting, excel, documents, cursors).
 */
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { nestsDeeperThan } from '../../functions/lib/http/json-body';
import { unzipBounded } from '../../functions/lib/excel/unzip';
import { cellsCovered } from '../../functions/lib/excel/upload-limits';
import { contentionGroups, duplicates } from '../../functions/lib/excel/import-rows';
import { IMPORT_LIMITS, boundErrors, clamp, excerpt } from '../../functions/lib/excel/import-limits';
import { zip } from '../support/hostile-xlsx';

const depthOf = (v: unknown): number =>
  v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v as Record<string, unknown>).map(depthOf)) : 0;

describe('nestsDeeperThan', () => {
  it('agrees with the depth of any JSON value, strings with brackets and escapes included', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 10 }), (value, max) => {
        expect(nestsDeeperThan(JSON.stringify(value), max)).toBe(depthOf(value) > max);
      }),
      { numRuns: 500 },
    );
  });

  it('counts 30,000 nested arrays without recursing', () => {
    expect(nestsDeeperThan('['.repeat(30_000) + ']'.repeat(30_000), 32)).toBe(true);
    expect(nestsDeeperThan(JSON.stringify({ s: '[[[[{{{{\\"'.repeat(1000) }), 1)).toBe(false);
  });
});

describe('unzipBounded', () => {
  const limits = { maxEntries: 10, maxTotalBytes: 1_000_000, maxEntryBytes: 600_000 };

  it('inflates within the budget and refuses past it, whatever size the entry declares', () => {
    const ok = unzipBounded(zip(new Map([['a.xml', Buffer.alloc(500_000, 'a')], ['b.xml', Buffer.alloc(400_000, 'b')]])), limits);
    expect('entries' in ok && [...ok.entries.values()].map((b) => b.length)).toEqual([500_000, 400_000]);
    // 100 MB of zeros deflate to about 100 KB: refused once the budget is passed, never inflated whole.
    const bomb = zip(new Map([['a.xml', Buffer.alloc(100 * 1024 * 1024)]]));
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(unzipBounded(bomb, limits)).toMatchObject({ tooBig: true });
    // Declaring the entry 1 byte long changes nothing: the declared sizes are not believed.
    const lying = Buffer.from(bomb);
    lying.writeUInt32LE(1, 22);
    lying.writeUInt32LE(1, lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 24);
    expect(unzipBounded(lying, limits)).toMatchObject({ tooBig: true });
    // The sum counts: two entries of 600,000 are within each entry's bound, not within the total.
    expect(unzipBounded(zip(new Map([['a', Buffer.alloc(600_000)], ['b', Buffer.alloc(600_000)]])), limits)).toMatchObject({ tooBig: true });
  });

  it('refuses what a reader could take two ways, and what is not a zip', () => {
    const one = zip(new Map([['a.xml', Buffer.from('x')]]));
    expect(unzipBounded(Buffer.from('not a zip at all, not even close to one'), limits)).toHaveProperty('error');
    expect(unzipBounded(one.subarray(0, one.length - 30), limits)).toHaveProperty('error');
    // Twelve entries where ten are allowed.
    const many = zip(new Map(Array.from({ length: 12 }, (_, i) => [`p${i}`, Buffer.from('x')])));
    expect(unzipBounded(many, limits)).toHaveProperty('error');
  });

  it('reports a damaged deflate stream as an error, not an exception', () => {
    const good = zip(new Map([['a.xml', Buffer.alloc(10_000, 'a')]]));
    const packed = deflateRawSync(Buffer.alloc(10_000, 'a'));
    const at = good.indexOf(packed);
    const broken = Buffer.from(good);
    broken.fill(0xff, at, at + packed.length);
    expect(unzipBounded(broken, limits)).toHaveProperty('error');
  });
});

describe('cellsCovered', () => {
  test.each<[string, number]>([
    ['A1', 1],
    ['A1:B2', 4],
    ['B2:B501', 500],
    ['$A$1:$C$3 E5', 10],
    ["'Sheet 1'!$A$1:$B$3", 6],
    ['Sheet1!A1', 1],
    ['项目登记!$A$1:$N$501', 14 * 501],
    ['A1:XFD1048576', 16_384 * 1_048_576],
    ['AAAA1:A2', Infinity],
  ])('%s covers %d cells', (ref, cells) => {
    expect(cellsCovered(ref)).toBe(cells);
  });
});

describe('duplicates and contentionGroups', () => {
  const reg = (n: number) => ({ projectId: `P${n}` }) as never;

  it('names the first row of each project id, and whether a later row repeats it exactly', () => {
    const rows = [
      { row: 2, projectId: 'A', registration: reg(1) },
      { row: 3, projectId: 'B', registration: reg(2) },
      { row: 4, projectId: 'A', registration: reg(1) },
      { row: 5, projectId: 'A', registration: reg(3) },
      { row: 6, projectId: null, registration: null },
      { row: 7, projectId: null, registration: null },
    ];
    expect([...duplicates(rows)]).toEqual([[4, { of: 2, identical: true }], [5, { of: 2, identical: false }]]);
  });

  it('puts every two rows sharing a key in one group, keeps file order in each, and loses no row', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom('k1', 'k2', 'k3', 'k4', 'k5', 'k6'), { maxLength: 2 }), { maxLength: 40 }), (keyLists) => {
        const rows = keyLists.map((keys, i) => ({ i, keys }));
        const groups = contentionGroups(rows, (r) => r.keys);
        expect(groups.flat().map((r) => r.i).sort((a, b) => a - b)).toEqual(rows.map((r) => r.i));
        const groupOf = new Map(groups.flatMap((g, gi) => g.map((r) => [r.i, gi] as const)));
        for (const g of groups) expect(g.map((r) => r.i)).toEqual([...g.map((r) => r.i)].sort((a, b) => a - b));
        for (const a of rows) for (const b of rows) if (a.keys.some((k) => b.keys.includes(k))) expect(groupOf.get(a.i)).toBe(groupOf.get(b.i));
      }),
    );
  });
});

describe('the report’s bounds', () => {
  it('quotes at most the excerpt of a cell, and clamps without splitting a character', () => {
    expect(excerpt('短')).toBe('“短”');
    const long = '𠀀'.repeat(1_000_000);
    const e = excerpt(long);
    expect(e).toContain(`共 ${long.length} 个字符`);
    expect([...e].filter((c) => c === '𠀀')).toHaveLength(IMPORT_LIMITS.excerptChars);
    expect(clamp('𠀀'.repeat(300), 200)).toBe(`${'𠀀'.repeat(199)}…`);
  });

  it('keeps every row and its status, at most errorsPerRow errors each, and the errors within their byte budget', () => {
    const error = { field: '字'.repeat(100), message: '错'.repeat(1000) };
    const rows = Array.from({ length: 500 }, (_, i) => ({ row: i + 2, status: 'failed', errors: Array.from({ length: 30 }, () => error) }));
    const bounded = boundErrors(rows);
    expect(bounded.map((r) => [r.row, r.status])).toEqual(rows.map((r) => [r.row, r.status]));
    let listed = 0;
    for (const r of bounded) {
      expect(r.errors.length).toBeLessThanOrEqual(IMPORT_LIMITS.errorsPerRow);
      for (const e of r.errors) {
        expect(e.field.length).toBeLessThanOrEqual(IMPORT_LIMITS.fieldChars);
        expect(e.message.length).toBeLessThanOrEqual(IMPORT_LIMITS.messageChars);
      }
      if (r.errors.length > 1) listed += r.errors.reduce((s, e) => s + Buffer.byteLength(JSON.stringify(e)), 0);
    }
    expect(listed).toBeLessThanOrEqual(IMPORT_LIMITS.errorBytes);
    expect(bounded.at(-1)!.errors).toEqual([{ field: '项目', message: expect.stringContaining('有 30 处错误') }]);
    expect(Buffer.byteLength(JSON.stringify(bounded))).toBeLessThan(2 * 1024 * 1024);
  });
});
