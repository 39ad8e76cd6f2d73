import fc from 'fast-check';
import { addFen, AmountRangeError, formatYuan, isFen, mulDivCeil, mulDivFloor, parseYuan, subFen, sumFen } from '../../domain/money';

const MAX = Number.MAX_SAFE_INTEGER;

describe('isFen', () => {
  it('accepts safe integers only', () => {
    expect(isFen(0)).toBe(true);
    expect(isFen(-5)).toBe(true);
    expect(isFen(MAX)).toBe(true);
    expect(isFen(-MAX)).toBe(true);
    expect(isFen(MAX + 1)).toBe(false);
    expect(isFen(1.5)).toBe(false);
    expect(isFen(NaN)).toBe(false);
    expect(isFen(Infinity)).toBe(false);
    expect(isFen('100')).toBe(false);
    expect(isFen(100n)).toBe(false);
    expect(isFen(null)).toBe(false);
  });
});

describe('addFen / subFen / sumFen', () => {
  it('computes exact results', () => {
    expect(addFen(600000000, 300000000)).toBe(900000000);
    expect(subFen(5, 7)).toBe(-2);
    expect(sumFen([])).toBe(0);
    expect(sumFen([1, 2, 3, -4])).toBe(2);
    expect(addFen(MAX - 1, 1)).toBe(MAX);
    expect(subFen(-MAX + 1, 1)).toBe(-MAX);
  });

  it('throws RangeError when the result leaves the safe range', () => {
    expect(() => addFen(MAX, 1)).toThrow(RangeError);
    expect(() => subFen(-MAX, 1)).toThrow(RangeError);
    expect(() => sumFen([MAX, 1, -1])).toThrow(RangeError);
  });

  it('rejects non-integer operands', () => {
    expect(() => addFen(0.1, 0.2)).toThrow(RangeError);
    expect(() => subFen(1, NaN)).toThrow(RangeError);
    expect(() => sumFen([1, 0.5])).toThrow(RangeError);
  });

  it('never yields -0', () => {
    expect(Object.is(subFen(0, 0), 0)).toBe(true);
    expect(Object.is(addFen(-0, -0), 0)).toBe(true);
  });
});

describe('mulDivFloor / mulDivCeil', () => {
  it('rounds a third down and up', () => {
    expect(mulDivFloor(100, 1, 3)).toBe(33);
    expect(mulDivCeil(100, 1, 3)).toBe(34);
    expect(mulDivFloor(99, 1, 3)).toBe(33);
    expect(mulDivCeil(99, 1, 3)).toBe(33);
    expect(mulDivFloor(0, 7, 9)).toBe(0);
    expect(mulDivCeil(0, 7, 9)).toBe(0);
    expect(mulDivFloor(5, 0, 1)).toBe(0);
  });

  it('is exact where a*numerator exceeds 2^53', () => {
    // 9007199254740991 * 3 / 3 would lose precision as a double product.
    expect(mulDivFloor(MAX, 3, 3)).toBe(MAX);
    expect(mulDivCeil(MAX, 3, 3)).toBe(MAX);
    expect(mulDivFloor(MAX, 2, 3)).toBe(6004799503160660); // 2*MAX = 18014398509481982, /3 = 6004799503160660.67
    expect(mulDivCeil(MAX, 2, 3)).toBe(6004799503160661);
    // Float arithmetic gets this wrong: 4500000000000001 * 2 / 3.
    expect(mulDivFloor(4500000000000001, 2, 3)).toBe(3000000000000000);
    expect(mulDivCeil(4500000000000001, 2, 3)).toBe(3000000000000001);
  });

  it('amounts past 2^53 fen are an AmountRangeError (a RangeError the decider turns into a 400)', () => {
    expect(() => addFen(MAX, 1)).toThrow(AmountRangeError);
    expect(() => subFen(-MAX, 1)).toThrow(AmountRangeError);
    expect(() => sumFen([MAX, 1])).toThrow(AmountRangeError);
    expect(() => addFen(2 ** 53, 0)).toThrow(AmountRangeError);
    expect(() => mulDivFloor(MAX, 2, 1)).toThrow(AmountRangeError);
    expect(() => mulDivCeil(MAX, 2, 1)).toThrow(AmountRangeError);
    expect(() => formatYuan(MAX + 1)).toThrow(AmountRangeError);
    const e = (() => { try { addFen(MAX, 1); } catch (x) { return x; } return null; })();
    expect(e).toBeInstanceOf(RangeError);
    expect((e as Error).name).toBe('AmountRangeError');
  });

  it('throws on results beyond the safe range and on bad arguments', () => {
    expect(() => mulDivFloor(MAX, 2, 1)).toThrow(RangeError);
    expect(() => mulDivCeil(MAX, 2, 1)).toThrow(RangeError);
    expect(() => mulDivFloor(-1, 1, 3)).toThrow(RangeError);
    expect(() => mulDivFloor(1, -1, 3)).toThrow(RangeError);
    expect(() => mulDivFloor(1, 1, 0)).toThrow(RangeError);
    expect(() => mulDivCeil(1, 1, -3)).toThrow(RangeError);
    expect(() => mulDivFloor(1.5, 1, 3)).toThrow(RangeError);
    expect(() => mulDivFloor(1, 0.5, 3)).toThrow(RangeError);
  });

  it('brackets the exact quotient (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 9 }), // × 10^6 stays under 2^53
        fc.integer({ min: 0, max: 10 ** 6 }),
        fc.integer({ min: 1, max: 10 ** 6 }),
        (a, n, d) => {
          const lo = mulDivFloor(a, n, d);
          const hi = mulDivCeil(a, n, d);
          const p = BigInt(a) * BigInt(n);
          const D = BigInt(d);
          expect(BigInt(lo) * D <= p).toBe(true);
          expect((BigInt(lo) + 1n) * D > p).toBe(true);
          expect(hi - lo).toBe(p % D === 0n ? 0 : 1);
        },
      ),
    );
  });
});

describe('formatYuan', () => {
  it.each([
    [123456, '1234.56'],
    [5, '0.05'],
    [50, '0.50'],
    [100, '1.00'],
    [-1, '-0.01'],
    [-100, '-1.00'],
    [-123456, '-1234.56'],
    [0, '0.00'],
    [-0, '0.00'],
    [600000000, '6000000.00'],
    [MAX, '90071992547409.91'],
    [-MAX, '-90071992547409.91'],
  ])('%p → %p', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });

  it('rejects non-fen input', () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError);
    expect(() => formatYuan(MAX + 1)).toThrow(RangeError);
  });
});

describe('parseYuan', () => {
  it.each([
    ['1234.56', 123456],
    ['0.05', 5],
    ['-0.01', -1],
    ['0.00', 0],
    ['1234', 123400],
    ['1234.5', 123450],
    ['90071992547409.91', MAX],
  ])('%p → %p', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it('returns 0, not -0, for "-0.00"', () => {
    expect(Object.is(parseYuan('-0.00'), 0)).toBe(true);
  });

  it.each(['', '1.234', '01.00', '+1.00', '1,234.00', '1e3', '.5', '1.', ' 1.00', 'abc', '-', '90071992547409.92'])(
    'rejects %p',
    (text) => {
      expect(parseYuan(text)).toBeNull();
    },
  );

  it('round-trips with formatYuan (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX, max: MAX }), (fen) => {
        expect(parseYuan(formatYuan(fen))).toBe(fen);
      }),
    );
  });
});
