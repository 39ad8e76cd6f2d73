/**
 * Ledger data is never deleted: corrections are reversal entries. No code path may issue a
 * DeleteItem, a batch DeleteRequest or a table deletion (IAM forbids it too; see the infra tests).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });

test.each(['functions', 'domain'])('%s/ issues no delete operation', (dir) => {
  const files = sourceFiles(join(root, dir));
  expect(files.length).toBeGreaterThan(5);
  const offenders = files.filter((f) => /DeleteItem|DeleteCommand|DeleteRequest|DeleteTable|BatchWriteCommand/.test(readFileSync(f, 'utf8')));
  expect(offenders).toEqual([]);
});
