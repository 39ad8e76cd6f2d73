/**
 * Every relative link in the repository's Markdown resolves in a clone: the file exists and, when
 * the link names a heading (#anchor), the target has that heading (GitHub's slugs).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const SKIP = new Set(['node_modules', '.git', 'dist', 'cdk.out', '.local-data', '.scratch']);

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name) || name.startsWith('.')) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
export const slug = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

const anchorsOf = (file: string): Set<string> =>
  new Set([...readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => slug(m[1]!)));

const links = markdownFiles(ROOT).flatMap((file) => {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z]+:/i.test(target))
    .map((target) => ({ from: relative(ROOT, file), target }));
});

it('finds the Markdown it checks', () => {
  expect(links.some((l) => l.from === 'README.md')).toBe(true);
  expect(links.some((l) => l.from === join('docs', 'api.md'))).toBe(true);
});

it('slugs headings as GitHub does', () => {
  expect(slug('The hash chain and `/verify`')).toBe('the-hash-chain-and-verify');
  expect(slug('Allocation documents (计划下达文件)')).toBe('allocation-documents-计划下达文件');
});

it.each(links.map((l) => [`${l.from} → ${l.target}`, l] as const))('%s resolves', (_name, { from, target }) => {
  const [path, anchor] = target.split('#') as [string, string | undefined];
  const file = path === '' ? join(ROOT, from) : resolve(dirname(join(ROOT, from)), decodeURI(path));
  expect(file.startsWith(ROOT)).toBe(true);
  expect(existsSync(file)).toBe(true);
  if (anchor) expect([...anchorsOf(file)]).toContain(anchor);
});
