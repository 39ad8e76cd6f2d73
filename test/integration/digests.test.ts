/**
 * Daily digests: a Merkle root over every project's head, kept outside the database (locally an
 * append-only file), never overwritten; inclusion proofs that a third party checks with nothing
 * but SHA-256; and a history rewritten inside the database — even re-sealed so that its own chain
 * verifies — no longer matches the digest.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { verifyInclusion } from '../../domain/digest/merkle';
import { sealEntry } from '../../domain/project/chain';
import type { Entry } from '../../domain/project/types';
import { keys } from '../../functions/lib/storage/keys';
import { rawClient } from './support/api';
import { expectOk, ledger, registration2023, useSeededApi, YUAN } from './support/fixtures';

const api = useSeededApi();
const run = promisify(execFile);
const digestFile = () => join(tmpdir(), `fundledger-digests-${api.tableName}`, 'digests.jsonl');

it('numbers each digest of a day, never overwrites one, and reads by date or id', async () => {
  const l = ledger(api, 'NJ-HTZ');
  expectOk(await l.register(registration2023()));
  const first = expectOk(await api.request('POST', '/digests', { token: l.admin })).body;
  const linesAfterFirst = readFileSync(digestFile(), 'utf8');
  const second = expectOk(await api.request('POST', '/digests', { token: l.admin })).body;
  expect(second.date).toBe(first.date);
  expect([first.n, second.n]).toEqual([first.n, first.n + 1]);
  expect(second.digestId).toBe(`${first.date}.${first.n + 1}`);
  // Append-only: the file after the second digest starts with exactly the file after the first.
  expect(readFileSync(digestFile(), 'utf8').startsWith(linesAfterFirst)).toBe(true);

  const byDate = expectOk(await api.request('GET', `/digests/${first.date}`, { token: l.auditor })).body;
  expect(byDate.digestId).toBe(second.digestId);
  expect(byDate.dayDigests).toEqual(expect.arrayContaining([first.digestId, second.digestId]));
  expect(expectOk(await api.request('GET', `/digests/${first.digestId}`, { token: l.auditor })).body.root).toBe(first.root);
  expect((await api.request('GET', '/digests/1999-01-01', { token: l.auditor })).status).toBe(404);
  expect((await api.request('GET', '/digests/not-a-date', { token: l.auditor })).status).toBe(400);
  expect((await api.request('POST', '/digests', { token: l.finance })).status).toBe(403);
});

it('proves a project’s inclusion, checkable offline, and exposes a re-sealed rewrite of its history', async () => {
  const l = ledger(api, 'NJ-HTZ');
  const reg = registration2023();
  expectOk(await l.register(reg));
  await l.allocateMatched(reg.projectId, 2_000_000 * YUAN);
  const digest = expectOk(await api.request('POST', '/digests', { token: l.admin })).body;
  const later = registration2023();
  expectOk(await l.register(later));

  const answer = expectOk(await api.request('GET', `/projects/${reg.projectId}/verify?digest=${digest.digestId}`, { token: l.auditor })).body;
  expect(answer).toMatchObject({ valid: true, entries: 3, digest: { digestId: digest.digestId, root: digest.root, included: true, chainMatches: true, leaf: { projectId: reg.projectId, entries: 3 } } });
  const p = answer.digest;
  expect(verifyInclusion(p.leaf, p.leafIndex, p.treeSize, p.proof, digest.root)).toBe(true);

  // The standalone verifier, with the root read from the digest itself.
  const file = join(tmpdir(), `proof-${reg.projectId}.json`);
  writeFileSync(file, JSON.stringify(answer));
  const ok = await run(process.execPath, [join(__dirname, '..', '..', 'scripts', 'verify-inclusion.mjs'), file, digest.root]);
  expect(ok.stdout).toMatch(/^OK: /);
  const wrongRoot = await run(process.execPath, [join(__dirname, '..', '..', 'scripts', 'verify-inclusion.mjs'), file, '0'.repeat(64)]).catch((e: { code: number; stdout: string }) => e);
  expect(wrongRoot).toMatchObject({ code: 1, stdout: expect.stringMatching(/^FAIL: /) });

  const notYet = expectOk(await api.request('GET', `/projects/${later.projectId}/verify?digest=${digest.digestId}`, { token: l.auditor })).body;
  expect(notYet.digest).toEqual({ digestId: digest.digestId, root: digest.root, treeSize: p.treeSize, included: false });

  // Someone with database access rewrites entry 2 and re-seals every later entry and the head.
  const client = rawClient();
  try {
    const table = api.tableName;
    const entries: Entry[] = [];
    for (let seq = 1; seq <= 3; seq++) entries.push((await client.send(new GetCommand({ TableName: table, Key: keys.entry(reg.projectId, seq) }))).Item!.entry);
    let prev = entries[0]!.hash;
    for (const e of entries.slice(1)) {
      const { hash: _old, ...body } = e;
      const forged = sealEntry({ ...body, prevHash: prev, memo: e.seq === 2 ? '改写' : e.memo });
      prev = forged.hash;
      await client.send(new PutCommand({ TableName: table, Item: { ...keys.entry(reg.projectId, e.seq), entry: forged } }));
    }
    await client.send(new UpdateCommand({
      TableName: table, Key: keys.projectState(reg.projectId),
      UpdateExpression: 'SET headHash = :h, #state.headHash = :h', ExpressionAttributeNames: { '#state': 'state' }, ExpressionAttributeValues: { ':h': prev },
    }));
  } finally {
    client.destroy();
  }
  const after = expectOk(await api.request('GET', `/projects/${reg.projectId}/verify?digest=${digest.digestId}`, { token: l.auditor })).body;
  // Inside the database the rewrite is consistent …
  expect(after.valid).toBe(true);
  // … but not with the digest kept outside it.
  expect(after.digest).toMatchObject({ included: true, chainMatches: false });
}, 60_000);
