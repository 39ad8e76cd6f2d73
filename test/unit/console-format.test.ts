/**
 * The console's formatting modules (console/src/format/*): pure, no DOM, so they run here in the
 * unit project. Money by string arithmetic, 大写 after the accounting rules, China-time dates.
 */
import { formatFen, formatWanYuan, formatWanYuanDigits, formatYuanDigits, parseYuanInput } from '../../console/src/format/money';
import { capitalAmount } from '../../console/src/format/capital';
import { formatBusinessDate, formatTimestamp, todayInChina } from '../../console/src/format/dates';

describe('money: fen → 元', () => {
  it.each([
    [0, '0.00 元'],
    [1, '0.01 元'],
    [10, '0.10 元'],
    [100, '1.00 元'],
    [123456789, '1,234,567.89 元'],
    [600000000, '6,000,000.00 元'],
    [100000, '1,000.00 元'],
    [99999, '999.99 元'],
    [-150, '-1.50 元'],
    [Number.MAX_SAFE_INTEGER, '90,071,992,547,409.91 元'],
  ])('%d fen → %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it('refuses non-integers rather than rounding them', () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
    expect(() => formatYuanDigits(Number.MAX_SAFE_INTEGER + 2)).toThrow(RangeError);
  });
});

describe('money: fen → 万元 (summaries)', () => {
  it.each([
    [0, '0.00'],
    [600000000, '600.00'], // 6,000,000 元
    [4999, '0.00'], // 49.99 元
    [5000, '0.01'], // 50 元 rounds half up
    [123456789, '123.46'], // 1,234,567.89 元
    [12345678900, '12,345.68'],
    [-5000, '-0.01'],
    [-4999, '0.00'], // no "-0.00"
  ])('%d fen → %s 万元', (fen, text) => {
    expect(formatWanYuanDigits(fen)).toBe(text);
  });

  it('adds the unit', () => {
    expect(formatWanYuan(600000000)).toBe('600.00 万元');
  });
});

describe('money: what a person types → fen', () => {
  it.each([
    ['6000000', 600000000],
    ['1409.50', 140950],
    ['1409.5', 140950],
    ['0.05', 5],
    ['0', 0],
    [' 12.30 ', 1230],
    ['1,234,567.89', 123456789],
    ['0.1', 10],
    ['0.07', 7], // 0.07 × 100 is 7.000000000000001 in floats; strings do not care
    ['1.13', 113],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('%j → %d fen', (text, fen) => {
    expect(parseYuanInput(text)).toBe(fen);
  });

  it.each(['', '1.234', '-1', '1e3', '1.', '.5', '01', '1,23', '12,34.5', 'abc', '90071992547409.92', '1 000'])('refuses %j', (text) => {
    expect(parseYuanInput(text)).toBeNull();
  });

  // Chinese input methods type full-width digits and punctuation (issue 19): read as what they mean.
  it.each([
    ['１２３', 12300],
    ['１，２３４，５６７．８９', 123456789],
    ['１２３４.５', 123450],
    ['1２3。45', 12345],
    ['\u3000１２\u3000', 1200],
    ['１,０００', 100000],
  ])('full-width %j → %d fen', (text, fen) => {
    expect(parseYuanInput(text)).toBe(fen);
  });

  it.each(['－１', '１．２３４', '１，２３', '１２３e２', '１　０００', '²'])('still refuses full-width %j', (text) => {
    expect(parseYuanInput(text)).toBeNull();
  });
});

describe('大写金额 (会计基础工作规范 第五十二条, 支付结算办法 附一)', () => {
  // The examples of the rules, as cents. "整" after 角: see console/src/format/capital.ts.
  it.each([
    [600000000, '人民币陆佰万元整'], // 6,000,000 元
    [140950, '人民币壹仟肆佰零玖元伍角整'], // rules' example "壹仟肆佰零玖元伍角" + 整 required by 规范 (二)
    [600714, '人民币陆仟零柒元壹角肆分'],
    [10700053, '人民币壹拾万柒仟元伍角叁分'], // 元位 0, 角 not: the optional 零 left out
    [5, '人民币伍分'],
    [168032, '人民币壹仟陆佰捌拾元叁角贰分'],
    [1640902, '人民币壹万陆仟肆佰零玖元零贰分'], // 角 0, 分 not: 零 after 元
    [32504, '人民币叁佰贰拾伍元零肆分'],
  ])('%d fen → %s', (fen, text) => {
    expect(capitalAmount(fen)).toBe(text);
  });

  it('writes 整 after 元 and after 角 when there is no 分, never after 分', () => {
    expect(capitalAmount(100000000)).toBe('人民币壹佰万元整'); // nzh alone gives "壹佰万元" for "1000000.00"
    expect(capitalAmount(50)).toBe('人民币伍角整');
    expect(capitalAmount(10)).toBe('人民币壹角整');
    expect(capitalAmount(1)).toBe('人民币壹分');
    expect(capitalAmount(0)).toBe('人民币零元整');
    for (const fen of [1, 11, 101, 100001, 600714]) expect(capitalAmount(fen)).not.toMatch(/整$/);
  });

  it('one 零 for a run of zeros; 壹拾, never a bare 拾', () => {
    expect(capitalAmount(1000)).toBe('人民币壹拾元整');
    expect(capitalAmount(100001000)).toBe('人民币壹佰万零壹拾元整');
    expect(capitalAmount(101000000)).toBe('人民币壹佰零壹万元整');
    expect(capitalAmount(100100000)).toBe('人民币壹佰万壹仟元整'); // zeros ending the 万 section: no 零
    expect(capitalAmount(10000000100)).toBe('人民币壹亿零壹元整');
    expect(capitalAmount(10001000000)).toBe('人民币壹亿零壹万元整');
    expect(capitalAmount(11000000000)).toBe('人民币壹亿壹仟万元整');
    expect(capitalAmount(100001)).toBe('人民币壹仟元零壹分');
    expect(capitalAmount(101000)).toBe('人民币壹仟零壹拾元整');
  });

  it('refuses negative and non-integer amounts', () => {
    expect(() => capitalAmount(-1)).toThrow(RangeError);
    expect(() => capitalAmount(0.5)).toThrow(RangeError);
  });
});

describe('dates in China time, whatever the machine zone', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it.each(['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Shanghai'])('formats timestamps as Asia/Shanghai with TZ=%s', (tz) => {
    process.env.TZ = tz;
    expect(formatTimestamp('2025-07-15T16:30:05.123Z')).toBe('2025-07-16 00:30:05'); // next China day
    expect(formatTimestamp('2025-12-31T15:59:59.999Z')).toBe('2025-12-31 23:59:59');
    expect(formatTimestamp('2024-02-28T16:00:00Z')).toBe('2024-02-29 00:00:00');
    expect(todayInChina(new Date('2025-07-15T16:00:00Z'))).toBe('2025-07-16');
    expect(todayInChina(new Date('2025-07-15T15:59:59Z'))).toBe('2025-07-15');
  });

  it('shows business dates as they are (they are China dates already)', () => {
    process.env.TZ = 'America/Los_Angeles';
    expect(formatBusinessDate('2025-07-15')).toBe('2025-07-15');
    expect(formatBusinessDate(null)).toBe('—');
  });

  it('shows what it cannot parse as received, and nothing as a dash', () => {
    expect(formatTimestamp('not a time')).toBe('not a time');
    expect(formatTimestamp(undefined)).toBe('—');
    expect(formatBusinessDate('2025-02-30')).toBe('2025-02-30');
  });
});
