/**
 * The budget pages' figures (console/src/pages/Budget, Execution): progress as a percentage, the
 * indicators the overview calls running out, a report row's name, and what the indicator form
 * says of a bad indicator number (the API's own rule, in the glossary's words).
 */
import '../../domain/glossary/with-console'; // English, as the console loads it
import { indicatorNoProblem } from '../../domain/budget/indicator';
import { fieldName, issueSentence } from '../../domain/glossary/fields';
import { runningOut } from '../../console/src/pages/Budget/model';
import { percentOf, rowName } from '../../console/src/pages/Execution/model';

const indicator = (indicatorNo: string, amountFen: number, remainingFen: number, over: Partial<{ status: 'open' | 'carried-over' | 'lapsed'; fiscalYear: number }> = {}) => ({
  indicatorNo,
  amountFen,
  remainingFen,
  status: over.status ?? ('open' as const),
  fiscalYear: over.fiscalYear ?? 2026,
});

describe('percentOf', () => {
  it('reads a fraction as a percentage with one decimal, and nothing over nothing as null', () => {
    expect(percentOf({ numerator: 900, denominator: 2890 })).toBe(31.1);
    expect(percentOf({ numerator: 341, denominator: 365 })).toBe(93.4);
    expect(percentOf({ numerator: 1, denominator: 1 })).toBe(100);
    expect(percentOf({ numerator: 0, denominator: 5 })).toBe(0);
    expect(percentOf({ numerator: 0, denominator: 0 })).toBeNull();
  });
});

describe('runningOut', () => {
  it('lists the year’s open indicators with less than a fifth left, the lowest share first', () => {
    const list = [
      indicator('A', 1_000, 199), // 19.9 %: running out
      indicator('B', 1_000, 200), // exactly 20 %: not yet
      indicator('C', 10_000, 500), // 5 %
      indicator('D', 1_000, 0), // nothing left
      indicator('E', 1_000, 10, { status: 'carried-over' }),
      indicator('F', 1_000, 10, { fiscalYear: 2025 }),
    ];
    expect(runningOut(list, 2026).map((i) => i.indicatorNo)).toEqual(['D', 'C', 'A']);
  });
});

describe('rowName', () => {
  const catalog = { zones: [{ zoneId: 'NJ-HTZ', name: '南京高新区' }], programs: [{ code: 'JS-2023-C', name: '2023 专项' }], clusters: [] } as never;
  it('takes the API’s name, else the catalog’s, and a city is its own name', () => {
    expect(rowName({ group: 'NJ-HTZ', name: '南京高新技术产业开发区' }, 'zone', catalog)).toBe('南京高新技术产业开发区');
    expect(rowName({ group: 'NJ-HTZ', name: null }, 'zone', catalog)).toBe('南京高新区');
    expect(rowName({ group: 'JS-2023-C', name: null }, 'program', catalog)).toBe('2023 专项');
    expect(rowName({ group: '南京市', name: null }, 'city', catalog)).toBe('南京市');
    expect(rowName({ group: 'XX', name: null }, 'zone', null)).toBe('XX');
  });
});

describe('a bad indicator number in the form', () => {
  it('names the field and the rule in Chinese and in English', () => {
    const problem = indicatorNoProblem('苏财教/2026/3')!;
    expect(fieldName('indicatorNo')).toBe('指标文号');
    expect(issueSentence('custom', problem)).toBe('不能包含 / \\ ? # %、控制字符或不可见的格式字符');
    expect(issueSentence('custom', problem, 'en')).toMatch(/^must not contain/);
    expect(fieldName('fiscalYear', 'en')).toBe('Fiscal year');
  });
});
