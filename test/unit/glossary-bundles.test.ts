/**
 * Lambda code answers in Chinese only: what it imports of the glossary (domain/glossary/index.ts and
 * the modules built on it) leaves English out of its bundles, read at every cold start; the
 * console's entry (with-console.ts) loads English, for its own words and the shared ones.
 */
import { buildSync } from 'esbuild';
import { join } from 'node:path';

const GLOSSARY = join(__dirname, '../../domain/glossary');

const inputsOf = (entry: string) =>
  Object.keys(buildSync({ entryPoints: [join(GLOSSARY, entry)], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm' }).metafile.inputs);

describe('the glossary in bundles', () => {
  it.each(['index.ts', 'refusals.ts', 'fields.ts'])('%s bundles without English', (entry) => {
    const inputs = inputsOf(entry);
    expect(inputs.some((f) => f.endsWith('domain/glossary/zh.ts'))).toBe(true);
    expect(inputs.filter((f) => f.endsWith('domain/glossary/en.ts'))).toEqual([]);
  });

  it('speaks English once the console’s glossary is loaded, shared sentences included', async () => {
    const { refusalSentence } = await import('../../domain/glossary/refusals');
    await import('../../domain/glossary/with-console');
    expect(refusalSentence({ rule: 'not-on-hold' }, undefined, 'en')).toBe('The project is not on hold.');
    expect(refusalSentence({ rule: 'not-on-hold' }, undefined, 'zh')).toBe('项目未处于暂停拨付状态。');
  });
});
