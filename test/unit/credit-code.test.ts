import { CREDIT_CODE_CHARSET, creditCodeCheckChar, isValidCreditCode, makeCreditCode } from '../../domain/credit-code';

// Published codes. The first is the usual GB 32100 example; the others are large enterprises'
// public registrations. Hand check of 914403001922038216 (Huawei Technologies Co., Ltd.):
// Σ value×weight over 9,1,4,4,0,3,0,0,1,9,2,2,0,3,8,2,1 = 831; 831 mod 31 = 25; 31 − 25 = 6 → '6'.
const REAL_CODES = [
  '91350100M000100Y43',
  '914403001922038216', // Huawei Technologies
  '9144030071526726XG', // Shenzhen Tencent Computer Systems
  '91330100799655058B', // Alibaba (China)
];

describe('creditCodeCheckChar', () => {
  it('computes the check character of known codes', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckChar('91440300192203821')).toBe('6');
    expect(creditCodeCheckChar('9144030071526726X')).toBe('G');
  });

  it('maps a check value of 31 to 0', () => {
    // Σ = 0 → 31 − 0 = 31 → 0.
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
    // 1×1 + 10('A')×3 = 31 ≡ 0 (mod 31) → 31 → 0.
    expect(creditCodeCheckChar('1A000000000000000')).toBe('0');
  });

  it('yields Y (30) when the weighted sum is 1 mod 31', () => {
    expect(creditCodeCheckChar('10000000000000000')).toBe('Y');
  });

  it('returns null for malformed prefixes', () => {
    expect(creditCodeCheckChar('')).toBeNull();
    expect(creditCodeCheckChar('91350100M000100Y')).toBeNull(); // 16
    expect(creditCodeCheckChar('91350100M000100Y43')).toBeNull(); // 18
    expect(creditCodeCheckChar('91350100I000100Y4')).toBeNull(); // I not in charset
    expect(creditCodeCheckChar('91350100m000100Y4')).toBeNull(); // lowercase
  });
});

describe('isValidCreditCode', () => {
  it.each(REAL_CODES)('accepts %p', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it.each([
    ['wrong check char', '91350100M000100Y44'],
    ['check char as lowercase', '9144030071526726Xg'],
    ['lowercase body', '91350100m000100Y43'],
    ['adjacent transposition', '91530100M000100Y43'],
    ['single digit changed', '91350101M000100Y43'],
    ['17 characters', '91350100M000100Y4'],
    ['19 characters', '91350100M000100Y430'],
    ['excluded letter I', '91350100I000100Y43'],
    ['excluded letter O', '9135010OM000100Y43'],
    ['excluded letter S', '91350100M000100S43'],
    ['excluded letter Z', '914403001922038Z16'],
    ['excluded letter V', '91350100V000100Y43'],
    ['whitespace', ' 91350100M000100Y4'],
    ['placeholder from API docs', '91320100MA1XXXXXXX'],
    ['empty', ''],
  ])('rejects %s', (_label, code) => {
    expect(isValidCreditCode(code)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isValidCreditCode(undefined)).toBe(false);
    expect(isValidCreditCode(913501001000100)).toBe(false);
    expect(isValidCreditCode(['91350100M000100Y43'])).toBe(false);
  });

  it('detects every single-character substitution of a real code', () => {
    const code = '91350100M000100Y43';
    for (let i = 0; i < 18; i++) {
      for (const c of CREDIT_CODE_CHARSET) {
        if (c === code[i]) continue;
        const mutated = code.slice(0, i) + c + code.slice(i + 1);
        expect(isValidCreditCode(mutated)).toBe(false);
      }
    }
  });
});

describe('makeCreditCode', () => {
  it('appends the check character', () => {
    expect(makeCreditCode('91350100M000100Y4')).toBe('91350100M000100Y43');
    expect(makeCreditCode('91320100MA1ABCDE0')).toHaveLength(18);
    expect(isValidCreditCode(makeCreditCode('91320100MA1ABCDE0'))).toBe(true);
  });

  it('throws on a malformed prefix', () => {
    expect(() => makeCreditCode('91320100MA1XXXXXXX')).toThrow(RangeError);
    expect(() => makeCreditCode('91320100MA1ABCDEI')).toThrow(RangeError);
  });
});

describe('charset', () => {
  it('has 31 characters and omits I, O, Z, S, V', () => {
    expect(CREDIT_CODE_CHARSET).toHaveLength(31);
    expect(new Set(CREDIT_CODE_CHARSET).size).toBe(31);
    for (const c of 'IOZSV') expect(CREDIT_CODE_CHARSET).not.toContain(c);
  });
});
