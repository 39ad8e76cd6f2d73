import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson, sha256Hex } from '../../domain/canonical-json';

describe('canonicalJson', () => {
  it('sorts keys recursively and has no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('sorts by UTF-16 code units, not locale', () => {
    // 'B' (0x42) < 'a' (0x61) < 'é' (0xE9) < '中' (0x4E2D) < '😀' (0xD83D...) < 'ｆ' (0xFF46)
    expect(canonicalJson({ 'ｆ': 6, '😀': 5, '中': 4, é: 3, a: 2, B: 1 })).toBe(
      '{"B":1,"a":2,"é":3,"中":4,"😀":5,"ｆ":6}',
    );
    // Integer-like keys would come first in insertion order; canonical order is by code unit.
    expect(canonicalJson({ b: 1, 10: 2, 9: 3 })).toBe('{"10":2,"9":3,"b":1}');
  });

  it('omits undefined properties but keeps null', () => {
    expect(canonicalJson({ a: undefined, b: null, c: 1 })).toBe('{"b":null,"c":1}');
    expect(canonicalJson({ a: undefined })).toBe('{}');
  });

  it('renders scalars as JSON.stringify does', () => {
    expect(canonicalJson('say "你好"\n\u0001')).toBe(JSON.stringify('say "你好"\n\u0001'));
    expect(canonicalJson('\ud800')).toBe('"\\ud800"'); // lone surrogate escaped (well-formed JSON.stringify)
    expect(canonicalJson(0)).toBe('0');
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson(-12.5)).toBe('-12.5');
    expect(canonicalJson(1e21)).toBe('1e+21');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(false)).toBe('false');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
  });

  it('keeps array order', () => {
    expect(canonicalJson([3, 1, 2, 'a', null])).toBe('[3,1,2,"a",null]');
  });

  it('accepts objects without a prototype and repeated (non-circular) references', () => {
    const o = Object.create(null) as Record<string, unknown>;
    o.b = 2;
    o.a = 1;
    expect(canonicalJson(o)).toBe('{"a":1,"b":2}');
    const shared = { x: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });

  it.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', { a: [-Infinity] }],
    ['BigInt', { a: 1n }],
    ['function', { f: () => 1 }],
    ['symbol', [Symbol('s')]],
    ['top-level undefined', undefined],
    ['undefined in array', [1, undefined]],
    ['sparse array', [1, , 3]], // eslint-disable-line no-sparse-arrays
    ['Date', { at: new Date(0) }],
    ['Map', new Map([['a', 1]])],
    ['symbol key', { [Symbol('k')]: 1 }],
  ])('throws TypeError on %s', (_label, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('throws TypeError on circular structures', () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = a;
    expect(() => canonicalJson(a)).toThrow(TypeError);
    const arr: unknown[] = [];
    arr.push([arr]);
    expect(() => canonicalJson(arr)).toThrow(TypeError);
  });

  const jsonValue = fc.jsonValue().filter((v) => !Object.is(v, -0));

  it('parses back to an equal value (property)', () => {
    fc.assert(
      fc.property(jsonValue, (v) => {
        expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });

  it('is invariant under key order (property)', () => {
    const reorder = (v: unknown, reverse: boolean): unknown => {
      if (Array.isArray(v)) return v.map((x) => reorder(x, reverse));
      if (v !== null && typeof v === 'object') {
        const entries = Object.entries(v as Record<string, unknown>);
        if (reverse) entries.reverse();
        return Object.fromEntries(entries.map(([k, x]) => [k, reorder(x, !reverse)]));
      }
      return v;
    };
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(canonicalJson(reorder(v, true))).toBe(canonicalJson(v));
      }),
    );
  });
});

describe('sha256Hex', () => {
  it('matches published test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes the UTF-8 encoding', () => {
    // "中" is E4 B8 AD in UTF-8.
    expect(sha256Hex('中')).toBe(
      createHash('sha256').update(Buffer.from([0xe4, 0xb8, 0xad])).digest('hex'),
    );
    expect(sha256Hex('中')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes canonical JSON independently of key order', () => {
    expect(sha256Hex(canonicalJson({ a: 1, b: 2 }))).toBe(sha256Hex(canonicalJson({ b: 2, a: 1 })));
    expect(sha256Hex(canonicalJson({ a: 1, b: 2 }))).not.toBe(sha256Hex(canonicalJson({ a: 2, b: 1 })));
  });
});
