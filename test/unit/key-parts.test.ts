/**
 * Key parts from outside (ids, city names, document numbers) are encoded so that `#` always
 * separates parts: no value is a prefix of another value plus a separator (issue 18 §3).
 */
import fc from 'fast-check';
import { executionMonthPrefix, executionMonthsThrough, indexKeys, keyPart, keys, monthOfExecutionKey } from '../../functions/lib/storage/keys';

/** Text rich in the characters that matter here: separators, `%`, escapes, CJK. */
const hostile = fc.string({ unit: fc.constantFrom('X', 'Y', '#', '%', '2', '3', '5', '|', '/', '东', '区', 'A', '-'), minLength: 1, maxLength: 8 });
const anyText = fc.oneof(hostile, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }));
/** Few characters, short: collisions and prefixes between two draws are frequent. */
const tiny = fc.string({ unit: fc.constantFrom('X', '#', '%', '2', '3'), minLength: 1, maxLength: 4 });
const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,16}$/);

describe('keyPart', () => {
  it('never holds the separator and tells every two values apart', () => {
    fc.assert(fc.property(anyText, anyText, (a, b) => {
      expect(keyPart(a)).not.toContain('#');
      expect(keyPart(a) === keyPart(b)).toBe(a === b);
    }), { numRuns: 2000 });
  });

  it('leaves ids, Idempotency-Keys and plain city names as they are (stored keys keep their spelling)', () => {
    fc.assert(fc.property(fc.stringMatching(/^[A-Za-z0-9_\-:.]{1,40}$/), (s) => expect(keyPart(s)).toBe(s)));
    for (const s of ['南京市', '苏州市', '苏财教〔2025〕12号', '2026-01-15T08:00:00.000Z']) expect(keyPart(s)).toBe(s);
  });

  it('spells the cases of the issue apart', () => {
    expect(keyPart('X#东区')).toBe('X%23东区');
    expect(keyPart('X%23东区')).toBe('X%2523东区');
    expect(indexKeys.lagging('X#东区', 'HX-B', 'P1').startsWith(indexKeys.laggingPrefix('X'))).toBe(false);
    expect(indexKeys.lagging('X#HX-A', 'HX-C', 'P1').startsWith(indexKeys.laggingPrefix('X', 'HX-A'))).toBe(false);
  });
});

describe('prefix conditions match their own scope only', () => {
  it('a lagging key starts with a city prefix (or city and zone prefix) exactly when it is of that city (and zone)', () => {
    fc.assert(fc.property(tiny, tiny, id, id, id, (city, otherCity, zone, otherZone, projectId) => {
      const key = indexKeys.lagging(otherCity, otherZone, projectId);
      expect(key.startsWith(indexKeys.laggingPrefix(city))).toBe(city === otherCity);
      expect(key.startsWith(indexKeys.laggingPrefix(city, zone))).toBe(city === otherCity && zone === otherZone);
    }), { numRuns: 2000 });
  });

  it('a list key starts with a status prefix exactly when it has that status', () => {
    fc.assert(fc.property(tiny, tiny, id, (status, otherStatus, projectId) => {
      expect(indexKeys.projectInList(otherStatus, projectId).startsWith(indexKeys.projectPrefix(status))).toBe(status === otherStatus);
    }), { numRuns: 2000 });
  });

  it('a key of two parts names one pair of parts', () => {
    // (c, d): the same text as a + '#' + b, split at another '#': what raw concatenation confuses.
    fc.assert(fc.property(tiny, tiny, fc.nat(), (a, b, n) => {
      const joined = `${a}#${b}`;
      const hashes = [...joined].flatMap((ch, i) => (ch === '#' && i > 0 && i < joined.length - 1 ? [i] : []));
      const at = hashes[n % hashes.length]!;
      const [c, d] = [joined.slice(0, at), joined.slice(at + 1)];
      expect(indexKeys.documentInList(a, b) === indexKeys.documentInList(c, d)).toBe(a === c && b === d);
      expect(keys.alert('P', a, b, '2024-01-15').sk === keys.alert('P', c, d, '2024-01-15').sk).toBe(a === c && b === d);
    }), { numRuns: 1000 });
  });
});

describe('budget keys', () => {
  const year = fc.integer({ min: 1990, max: 2199 });
  it('an indicator\'s list key starts with a year prefix (and program) exactly when it is of that year (and program)', () => {
    fc.assert(fc.property(year, year, tiny, tiny, anyText, (y, otherYear, program, otherProgram, no) => {
      const key = indexKeys.indicatorInList(otherYear, otherProgram, no);
      expect(key.startsWith(indexKeys.indicatorListPrefix(y))).toBe(y === otherYear);
      expect(key.startsWith(indexKeys.indicatorListPrefix(y, program))).toBe(y === otherYear && program === otherProgram);
    }), { numRuns: 2000 });
  });

  it('lists newer fiscal years first', () => {
    expect(indexKeys.indicatorInList(2027, 'P', 'a') < indexKeys.indicatorInList(2026, 'P', 'a')).toBe(true);
    expect(indexKeys.indicatorInProgram(2100, 'a') < indexKeys.indicatorInProgram(1999, 'a')).toBe(true);
  });

  it('an indicator number is its key, encoded: numbers that differ are keys that differ', () => {
    fc.assert(fc.property(anyText, anyText, (a, b) => expect(keys.indicator(a).pk === keys.indicator(b).pk).toBe(a === b)), { numRuns: 2000 });
    expect(keys.indicator('苏财教〔2026〕3号')).toEqual({ pk: 'INDICATOR#苏财教〔2026〕3号', sk: 'META' });
  });

  it('execution rollup keys: one item per (zone, program, month); the key range through a month holds its items and every earlier month\'s, in DynamoDB\'s byte order', () => {
    const month = fc.record({ y: fc.integer({ min: 1990, max: 2199 }), m: fc.integer({ min: 1, max: 12 }) }).map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`);
    const zoneText = fc.oneof(tiny, anyText);
    const bytes = (x: string) => Buffer.from(x, 'utf8');
    fc.assert(fc.property(zoneText, tiny, zoneText, tiny, month, month, (zone, program, otherZone, otherProgram, m, through) => {
      const a = keys.executionMonth(2026, m, zone, program);
      const b = keys.executionMonth(2026, m, otherZone, otherProgram);
      expect(a.sk === b.sk).toBe(zone === otherZone && program === otherProgram);
      expect(a.sk.startsWith(executionMonthPrefix(m))).toBe(true);
      expect(monthOfExecutionKey(a.sk)).toBe(m);
      const { from, to } = executionMonthsThrough(through);
      const inRange = (sk: string) => Buffer.compare(bytes(from), bytes(sk)) <= 0 && Buffer.compare(bytes(sk), bytes(to)) <= 0;
      expect(inRange(a.sk)).toBe(m <= through);
      // Earlier layouts: split running totals are read as the month's own, the other earlier layouts' items never.
      const place = a.sk.slice(executionMonthPrefix(m).length);
      expect(inRange(`${a.sk}#07`)).toBe(m <= through);
      expect(monthOfExecutionKey(`${a.sk}#07`)).toBe(m);
      for (const legacy of [`D#${m}#${place}#07`, `M#${place}#07`, `RM#${place}#07`]) expect(inRange(legacy)).toBe(false);
    }), { numRuns: 1000 });
  });
});
