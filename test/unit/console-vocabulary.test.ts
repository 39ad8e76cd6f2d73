/**
 * One vocabulary (issue 19): every word a person reads in the console comes from the glossary
 * (domain/glossary). This scans console/src for user-visible literals outside it — any string or
 * JSX text with Chinese characters, and JSX text or a title / placeholder / aria-label / label /
 * description / tooltip attribute with letters — and checks the glossary itself: Chinese and
 * English complete, no key declared twice, a sentence for every rule id.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import { GLOSSARY, isTermId, term } from '../../domain/glossary/with-console';
import { CONSOLE_AREAS } from '../../domain/glossary/console';
import { problemTerms } from '../../domain/glossary/problems';
import { LEDGER_ZH } from '../../domain/glossary/zh';
import { refusalSentence } from '../../domain/glossary/refusals';
import { RULE_IDS } from '../../domain/project/outcome';
import { HTTP_RULE_IDS } from '../../functions/lib/http/rule-ids';

const ROOT = join(__dirname, '../../console/src');
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
const VISIBLE_ATTRIBUTES = new Set(['title', 'placeholder', 'aria-label', 'label', 'description', 'tooltip', 'alt', 'extra', 'okText', 'cancelText', 'suffix', 'prefix', 'addonAfter', 'addonBefore']);
/** Words that are names, not language: the product's name, and the format of a code. */
const NOT_WORDS = new Set(['FundLedger']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) && !/\.d\.ts$/.test(name) ? [path] : [];
  });
}

/** The user-visible literals of one source text, as `line: text`. */
export function visibleLiterals(fileName: string, text: string): string[] {
  const src = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const report = (node: ts.Node, what: string) => found.push(`${src.getLineAndCharacterOfPosition(node.getStart(src)).line + 1}: ${what.trim()}`);
  const hasLetters = (s: string) => /[A-Za-z]{2,}/.test(s) && !NOT_WORDS.has(s.trim());
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isJsxText(node)) {
      if (CJK.test(node.text) || hasLetters(node.text)) report(node, node.text);
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      const attribute = ts.isJsxAttribute(node.parent) ? node.parent.name.getText(src) : null;
      if (CJK.test(node.text)) report(node, node.text);
      else if (attribute && VISIBLE_ATTRIBUTES.has(attribute) && hasLetters(node.text)) report(node, `${attribute}="${node.text}"`);
    } else if (ts.isTemplateExpression(node)) {
      const parts = [node.head, ...node.templateSpans.map((s) => s.literal)].map((p) => p.text);
      if (parts.some((p) => CJK.test(p))) report(node, parts.join("…"));
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
  return found;
}

describe('the console shows no words outside the glossary', () => {
  it('finds no user-visible literal in console/src', () => {
    const offenders = files(ROOT).flatMap((path) => visibleLiterals(path, readFileSync(path, 'utf8')).map((hit) => `${relative(ROOT, path)}:${hit}`));
    expect(offenders).toEqual([]);
  });

  it('catches a planted literal of each kind', () => {
    const planted = [
      `export const A = () => <p>拨付</p>;`,
      `export const B = () => <p>Pay now</p>;`,
      `export const C = () => <input placeholder="Amount" />;`,
      `export const D = () => <button aria-label="close dialog" />;`,
      `export const E = () => <Card title="资金到位情况" />;`,
      `export const F = (n: number) => \`共 \${n} 个项目\`;`,
      `export const G = { reason: '项目已暂停' };`,
    ];
    for (const source of planted) expect(visibleLiterals('planted.tsx', source)).toHaveLength(1);
    expect(visibleLiterals('clean.tsx', `export const H = ({ t }: { t: (k: string) => string }) => <p title={t('nav.overview')} data-testid="x">{t('nav.projects')}</p>;`)).toEqual([]);
  });
});

describe('the glossary', () => {
  const ids = Object.keys(GLOSSARY.zh);

  it('has every term in Chinese and in English, none empty', () => {
    for (const id of ids) {
      expect([id, GLOSSARY.zh[id as keyof typeof GLOSSARY.zh].length > 0]).toEqual([id, true]);
      expect([id, (GLOSSARY.en[id as keyof typeof GLOSSARY.en] ?? '').length > 0]).toEqual([id, true]);
    }
    expect(Object.keys(GLOSSARY.en).sort()).toEqual([...ids].sort());
  });

  it('declares each key in one place only (areas are spread into one space: a duplicate would silently win)', () => {
    const sources = [Object.keys(LEDGER_ZH), Object.keys(problemTerms.zh), ...Object.values(CONSOLE_AREAS).map((a) => Object.keys(a.zh))];
    const seen = new Map<string, number>();
    for (const keys of sources) for (const k of keys) seen.set(k, (seen.get(k) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([k]) => k)).toEqual([]);
  });

  it('has a name and a refusal sentence for every rule id, and a sentence in Chinese with figures in 元', () => {
    for (const rule of [...RULE_IDS, ...HTTP_RULE_IDS]) {
      expect([rule, isTermId(`rule.${rule}`), isTermId(`refusal.${rule}`)]).toEqual([rule, true, true]);
      const sentence = refusalSentence({ rule, limitFen: 300_000_000, usedFen: 100_000_000, attemptedFen: 200_000_001, funder: 'province' });
      expect(sentence).toMatch(CJK);
      expect([rule, /[A-Za-z]/.test(sentence.replace(/元/g, ''))]).toEqual([rule, false]);
      expect(sentence).not.toContain('—');
    }
  });

  it('says one fen over a cap as a natural sentence: the cap, what is counted, this request, the excess', () => {
    expect(refusalSentence({ rule: 'contract-grant', limitFen: 400_000_000, usedFen: 400_000_000, attemptedFen: 1, funder: 'province' })).toBe(
      '超过合同约定的省级资助额 4,000,000.00 元：已计入 4,000,000.00 元，本次 0.01 元，超出 0.01 元。',
    );
    expect(refusalSentence({ rule: 'insufficient-transferred-funds', limitFen: 300_000_000, usedFen: 0, attemptedFen: 300_000_100 })).toBe(
      '已划转至高新区的省级资金可用 3,000,000.00 元（已划转 3,000,000.00 元，已拨付 0.00 元），本次 3,000,001.00 元，不足 1.00 元。',
    );
    // A program's own funder names (Nanjing: 市级 / 园区), never 省级 / 高新区.
    expect(refusalSentence({ rule: 'insufficient-transferred-funds', limitFen: 100, usedFen: 0, attemptedFen: 101 }, { province: '市级', zone: '园区' })).toContain('已划转至园区的市级资金');
    // Without figures (a guard of the books), still a sentence, never "—".
    expect(refusalSentence({ rule: 'insufficient-confirmed-funds', funder: 'zone' })).toBe('高新区已确认的资金不足以支持本次操作。');
    // A day a request would make untrue is named.
    expect(refusalSentence({ rule: 'insufficient-transferred-funds', limitFen: 100, usedFen: 0, attemptedFen: 101, brokenOn: '2026-03-01' })).toMatch(/^该操作会使 2026-03-01 的台账不成立：/);
  });

  it('reads a value it does not know as "unknown" with its code, never as a bare id', () => {
    expect(term('common.unknown', 'zh', { code: 'new-kind' })).toBe('未知（new-kind）');
  });
});
