/**
 * Evidence through HTTP (API.md, Evidence): declare → PUT to the signed URL → complete, on the
 * local stack's stand-in for S3 with the files under a data directory of this file's own. Every
 * new answer (201 declaration, 201 evidence entry, 303 and the JSON link, 400 per field, 404, 409
 * not uploaded, 422 evidence-mismatch) and every hostile file is driven over HTTP, and a refusal
 * leaves nothing behind: no entry, no recorded object, no staged object. The role matrix of the
 * three routes, downloads byte for byte, /verify against a file altered on disk, and the
 * evidence-missing alert raised and resolved by the sweep.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dataDir = mkdtempSync(join(tmpdir(), 'fundledger-evidence-http-'));
process.env.EVIDENCE_DIR = join(dataDir, 'evidence');

import { addDays } from '../../domain/dates';
import { readItem, readPartition, type TestResponse } from './support/api';
import {
  customProgram, expectCreated, expectOk, expectProblem, expectRule, footprint, freshCluster, idemKey, ledger, registration2023, registrationOutside2023,
  today, useSeededApi, uniqueId, YUAN, type Ledger,
} from './support/fixtures';
import { buildZip, minimalOfd } from '../support/zip';

const api = useSeededApi();
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const MIB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pdf = (n: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(n - 9)]);
const recordedPath = (projectId: string, evidenceId: string) => join(process.env.EVIDENCE_DIR!, 'recorded', projectId, evidenceId);
const stagedPath = (projectId: string, evidenceId: string) => join(process.env.EVIDENCE_DIR!, 'staging', projectId, evidenceId);

interface Declared {
  evidenceId: string;
  uploadUrl: string;
  uploadHeaders: Record<string, string>;
  expiresAt: string;
}

const body = (refersTo: string, bytes: Buffer, over: Record<string, unknown> = {}) => ({
  refersTo, kind: 'payment-receipt', fileName: '回单 2024-03.pdf', contentType: 'application/pdf', sizeBytes: bytes.length, sha256: sha(bytes), ...over,
});
const declare = (projectId: string, token: string, b: unknown, key: string | null = idemKey()) =>
  api.request('POST', `/projects/${projectId}/evidence`, { token, body: b, headers: key === null ? {} : { 'Idempotency-Key': key } });
const complete = (projectId: string, evidenceId: string, token: string, key = idemKey()) =>
  api.request('POST', `/projects/${projectId}/evidence/${evidenceId}/complete`, { token, headers: { 'Idempotency-Key': key } });
async function put(ticket: Declared, bytes: Buffer, headers: Record<string, string> = ticket.uploadHeaders) {
  const res = await fetch(ticket.uploadUrl, { method: 'PUT', headers, body: new Uint8Array(bytes) });
  return { status: res.status, text: await res.text() };
}
/** The download as a browser or curl sees it: the 303 first, then the bytes it points at. */
async function download(projectId: string, evidenceId: string, token: string) {
  const first = await fetch(`${api.url}/projects/${projectId}/evidence/${evidenceId}`, { headers: { authorization: `Bearer ${token}` }, redirect: 'manual' });
  if (first.status !== 303) return { status: first.status, text: await first.text(), location: null, bytes: null, headers: first.headers };
  const location = first.headers.get('location')!;
  const file = await fetch(location);
  return { status: 303, text: '', location, bytes: Buffer.from(await file.arrayBuffer()), headers: file.headers, fileStatus: file.status };
}
const declared = (res: TestResponse): Declared => expectCreated(res).body as Declared;

/** Declares, uploads and completes: the evidence entry. */
async function attach(projectId: string, refersTo: string, token: string, bytes: Buffer, over: Record<string, unknown> = {}) {
  const ticket = declared(await declare(projectId, token, body(refersTo, bytes, over)));
  expect(await put(ticket, bytes)).toMatchObject({ status: 200 });
  const done = expectCreated(await complete(projectId, ticket.evidenceId, token));
  return { ticket, entry: done.body.entry, project: done.body.project };
}

/** Nothing of a refused file stays: no entry, no recorded or staged object, the declaration not recorded. */
async function expectNothingLeft(projectId: string, evidenceId: string, before: Awaited<ReturnType<typeof footprint>>) {
  expect(await footprint(api, projectId)).toEqual(before);
  expect(existsSync(recordedPath(projectId, evidenceId))).toBe(false);
  expect(existsSync(stagedPath(projectId, evidenceId))).toBe(false);
  expect((await readItem(api.tableName, `PROJECT#${projectId}`, `EVIDENCE#${evidenceId}`))?.status).not.toBe('recorded');
  const history = expectOk(await api.request('GET', `/projects/${projectId}/history?limit=500`, { token: api.token('auditor') })).body;
  expect(history.entries.filter((e: { type: string }) => e.type === 'evidence').map((e: { details: { evidenceId: string } }) => e.details.evidenceId)).not.toContain(evidenceId);
}

/** An inside-zone project of NJ-HTZ with a province payment by the zone committee (and the transfer before it). */
async function paidProject(l: Ledger = ledger(api, 'NJ-HTZ'), over: Parameters<typeof registration2023>[0] = {}, paidOn = '2023-09-15') {
  const reg = registration2023(over);
  expectOk(await l.register(reg));
  await l.allocateMatched(reg.projectId, 1_000_000 * YUAN);
  const transfer = l.entryIdOf(await l.transfer(reg.projectId, 1_000_000 * YUAN));
  const payment = l.entryIdOf(await l.disburse(reg.projectId, 'province', 400_000 * YUAN, paidOn, 'P1'));
  return { id: reg.projectId, l, transfer, payment };
}

describe('the path of a file: declare, upload, complete, download', () => {
  it('a zone committee attaches a bank receipt to its payment; the bytes come back exactly; the chain covers the hash', async () => {
    const { id, l, payment } = await paidProject();
    const bytes = pdf(50_000);
    const before = await footprint(api, id);

    const res = await declare(id, l.zone, body(payment, bytes));
    const ticket = declared(res);
    expect(ticket.evidenceId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(ticket.uploadUrl.startsWith(`${api.url}/local/objects/staging/${id}/${ticket.evidenceId}?token=`)).toBe(true);
    expect(ticket.uploadHeaders).toEqual({ 'Content-Type': 'application/pdf', 'x-amz-checksum-sha256': Buffer.from(sha(bytes), 'hex').toString('base64') });
    expect(Date.parse(ticket.expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);
    // A declaration appends nothing.
    expect(await footprint(api, id)).toEqual(before);

    expect(await put(ticket, bytes)).toMatchObject({ status: 200 });
    const done = expectCreated(await complete(id, ticket.evidenceId, l.zone));
    expect(done.body.entry).toMatchObject({
      type: 'evidence', refersTo: payment, seq: before.version + 1, valueDate: today(), funder: null, amountFen: null, actor: { role: 'zone-committee' },
      details: { evidenceId: ticket.evidenceId, kind: 'payment-receipt', sha256: sha(bytes), sizeBytes: bytes.length, contentType: 'application/pdf', fileName: '回单 2024-03.pdf' },
    });
    expect(done.body.project.version).toBe(before.version + 1);
    expect(existsSync(recordedPath(id, ticket.evidenceId))).toBe(true);
    expect(existsSync(stagedPath(id, ticket.evidenceId))).toBe(false);

    // The history shows the evidence entry, and the payment's evidence beside it (even on a page of its own).
    const seq = Number(payment.split('.').pop());
    const page = expectOk(await api.request('GET', `/projects/${id}/history?limit=1&cursor=${encodeURIComponent(await cursorAfter(id, seq - 1))}`, { token: l.auditor })).body;
    expect(page.entries.map((e: { entryId: string }) => e.entryId)).toEqual([payment]);
    expect(page.evidence).toEqual({
      [payment]: [{
        entryId: done.body.entry.entryId, evidenceId: ticket.evidenceId, kind: 'payment-receipt', fileName: '回单 2024-03.pdf', contentType: 'application/pdf',
        sizeBytes: bytes.length, sha256: sha(bytes), recordedAt: done.body.entry.recordedAt, actor: done.body.entry.actor, supersedes: null, replaced: false,
      }],
    });

    for (const reader of [l.auditor, l.finance, l.zone, l.cityBureau, l.admin]) {
      const got = await download(id, ticket.evidenceId, reader);
      expect(got.status).toBe(303);
      expect(got.bytes!.equals(bytes)).toBe(true);
      expect(sha(got.bytes!)).toBe(done.body.entry.details.sha256);
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(got.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('回单 2024-03.pdf')}`);
    }
    const link = expectOk(await api.request('GET', `/projects/${id}/evidence/${ticket.evidenceId}?redirect=false`, { token: l.auditor })).body;
    expect(link).toEqual({ url: expect.stringContaining(`/local/objects/recorded/${id}/${ticket.evidenceId}?token=`), expiresAt: expect.any(String), fileName: '回单 2024-03.pdf', contentType: 'application/pdf', sizeBytes: bytes.length, sha256: sha(bytes) });
    expect(Buffer.from(await (await fetch(link.url)).arrayBuffer()).equals(bytes)).toBe(true);

    expect(expectOk(await api.request('GET', `/projects/${id}/verify`, { token: l.auditor })).body).toEqual({ valid: true, entries: before.entries + 1, headHash: done.body.entry.hash, evidenceFiles: 1 });
  });

  it('an OFD, a JPEG and a PNG are recorded too; a name without its type’s extension downloads with it', async () => {
    const { id, l, payment } = await paidProject();
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(3_000)]);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(3_000)]);
    const ofd = minimalOfd();
    for (const [bytes, contentType, fileName] of [[jpeg, 'image/jpeg', '回单照片'], [png, 'image/png', 'scan.png'], [ofd, 'application/ofd', '电子回单.ofd']] as const) {
      const { ticket } = await attach(id, payment, l.zone, bytes, { contentType, fileName });
      const got = await download(id, ticket.evidenceId, l.auditor);
      expect(got.bytes!.equals(bytes)).toBe(true);
      if (fileName === '回单照片') expect(got.headers.get('content-disposition')).toContain(encodeURIComponent('回单照片.jpg'));
    }
  });

  it('a view (disposition=inline) is the same recorded bytes, shown by the browser instead of saved; another disposition is a 400', async () => {
    const { id, l, payment } = await paidProject();
    const bytes = pdf(4_000);
    const { ticket } = await attach(id, payment, l.zone, bytes);
    const before = await footprint(api, id);
    for (const reader of [l.auditor, l.zone]) {
      const viewed = await fetch(`${api.url}/projects/${id}/evidence/${ticket.evidenceId}?disposition=inline`, { headers: { authorization: `Bearer ${reader}` }, redirect: 'manual' });
      expect(viewed.status).toBe(303);
      const file = await fetch(viewed.headers.get('location')!);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-disposition')).toBe(`inline; filename="__ 2024-03.pdf"; filename*=UTF-8''${encodeURIComponent('回单 2024-03.pdf')}`);
      expect(file.headers.get('content-type')).toBe('application/pdf');
      expect(file.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
    }
    // The JSON link the console opens in a tab.
    const link = expectOk(await api.request('GET', `/projects/${id}/evidence/${ticket.evidenceId}?redirect=false&disposition=inline`, { token: l.auditor })).body;
    const shown = await fetch(link.url);
    expect(shown.headers.get('content-disposition')!.startsWith('inline;')).toBe(true);
    expect(sha(Buffer.from(await shown.arrayBuffer()))).toBe(link.sha256);
    // Without it, or with attachment, the URL still saves the file.
    const saved = await fetch(expectOk(await api.request('GET', `/projects/${id}/evidence/${ticket.evidenceId}?redirect=false&disposition=attachment`, { token: l.auditor })).body.url);
    expect(saved.headers.get('content-disposition')!.startsWith('attachment;')).toBe(true);
    const refused = await api.request('GET', `/projects/${id}/evidence/${ticket.evidenceId}?disposition=preview`, { token: l.auditor });
    expectProblem(refused, 400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'query.disposition' })]);
    // A read changes nothing.
    expect(await footprint(api, id)).toEqual(before);
  });

  it('a wrong file is superseded by the next, never deleted; the history says which is current', async () => {
    const { id, l, payment } = await paidProject();
    const first = await attach(id, payment, l.zone, pdf(2_000));
    const second = await attach(id, payment, l.zone, pdf(2_100), { supersedes: first.ticket.evidenceId, fileName: '回单（更正）.pdf' });
    expect(second.entry.details.supersedes).toBe(first.ticket.evidenceId);
    const history = expectOk(await api.request('GET', `/projects/${id}/history?limit=500`, { token: l.auditor })).body;
    expect(history.states[first.entry.entryId]).toBe('replaced');
    expect(history.states[second.entry.entryId]).toBe('posted');
    expect(history.evidence[payment].map((r: { evidenceId: string; replaced: boolean }) => [r.evidenceId, r.replaced])).toEqual([[first.ticket.evidenceId, true], [second.ticket.evidenceId, false]]);
    // Both stay downloadable.
    expect((await download(id, first.ticket.evidenceId, l.auditor)).status).toBe(303);
    // Superseding evidence of another entry, or evidence that is not recorded, is refused.
    const other = l.entryIdOf(await l.disburse(id, 'zone', 100 * YUAN, '2023-09-20', 'Z1'));
    expectProblem(await declare(id, l.zone, body(other, pdf(100), { supersedes: first.ticket.evidenceId })), 400);
    expectProblem(await declare(id, l.zone, body(payment, pdf(100), { supersedes: 'no-such-evidence' })), 400);
  });
});

/** A cursor that starts the history after `seq` (the listing's own cursor, taken from a page). */
async function cursorAfter(projectId: string, seq: number): Promise<string> {
  const page = expectOk(await api.request('GET', `/projects/${projectId}/history?limit=${seq}`, { token: api.token('auditor') })).body;
  return page.nextCursor as string;
}

describe('idempotency', () => {
  it('a declaration and a completion sent again give the first answer; another request under the key is a 409', async () => {
    const { id, l, payment } = await paidProject();
    const bytes = pdf(3_000);
    const key = idemKey();
    const first = await declare(id, l.zone, body(payment, bytes), key);
    const again = await declare(id, l.zone, body(payment, bytes), key);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const reused = await declare(id, l.zone, body(payment, bytes, { fileName: 'other.pdf' }), key);
    expectProblem(reused, 409);
    expect(reused.body.rule).toBe('idempotency-key-reuse');
    // A ledger route under the declaration's key is another request.
    const payKey = await l.post(`/projects/${id}/disbursements`, l.zone, { funder: 'zone', amountFen: 1, paidOn: '2023-09-16', reference: 'X' }, key);
    expect([payKey.status, payKey.body.rule]).toEqual([409, 'idempotency-key-reuse']);

    const ticket = first.body as Declared;
    expect(await put(ticket, bytes)).toMatchObject({ status: 200 });
    const completeKey = idemKey();
    const done = expectCreated(await complete(id, ticket.evidenceId, l.zone, completeKey));
    const replay = await complete(id, ticket.evidenceId, l.zone, completeKey);
    expect([replay.status, replay.headers['idempotent-replayed']]).toEqual([201, 'true']);
    expect(replay.body).toEqual(done.body);
    // Recorded once: another completion of it is a conflict, and appends nothing.
    const before = await footprint(api, id);
    expectProblem(await complete(id, ticket.evidenceId, l.zone), 409);
    expect(await footprint(api, id)).toEqual(before);
  });
});

describe('400: a declaration the contract refuses stores and signs nothing', () => {
  let P: { id: string; l: Ledger; payment: string; transfer: string };
  beforeAll(async () => {
    P = await paidProject();
  });
  const bytes = pdf(1_000);
  it.each<[string, Record<string, unknown>, string]>([
    ['a path in fileName', { fileName: '../../etc/passwd.pdf' }, 'fileName'],
    ['a Windows path in fileName', { fileName: 'C:\\Users\\x\\回单.pdf' }, 'fileName'],
    ['an absolute path in fileName', { fileName: '/tmp/回单.pdf' }, 'fileName'],
    ['a right-to-left override in fileName', { fileName: 'invoice\u202Efdp.exe' }, 'fileName'],
    ['a NUL in fileName', { fileName: 'a.pdf\u0000.exe' }, 'fileName'],
    ['an NTFS stream in fileName', { fileName: 'a.pdf:evil.exe' }, 'fileName'],
    ['an empty fileName', { fileName: '' }, 'fileName'],
    ['zero bytes', { sizeBytes: 0 }, 'sizeBytes'],
    ['20 MiB + 1', { sizeBytes: 20 * MIB + 1 }, 'sizeBytes'],
    ['a fractional size', { sizeBytes: 1.5 }, 'sizeBytes'],
    ['an unknown type', { contentType: 'application/zip' }, 'contentType'],
    ['a type with parameters', { contentType: 'application/pdf; charset=binary' }, 'contentType'],
    ['an executable type', { contentType: 'application/x-msdownload' }, 'contentType'],
    ['an upper-case SHA-256', { sha256: 'AB'.repeat(32) }, 'sha256'],
    ['a short SHA-256', { sha256: 'ab'.repeat(31) }, 'sha256'],
    ['an unknown kind', { kind: 'selfie' }, 'kind'],
    ['an unknown field', { note: 'x' }, 'note'],
    ['an entry that does not exist', { refersTo: 'NOPE-1.2' }, 'refersTo'],
  ])('%s → 400 naming %s', async (_what, over, path) => {
    const before = await readPartition(api.tableName, `PROJECT#${P.id}`);
    const res = await declare(P.id, P.l.zone, { ...body(P.payment, bytes), ...over });
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await readPartition(api.tableName, `PROJECT#${P.id}`)).toEqual(before);
  });

  it('an entry of the project beyond its last, another project’s entry, and evidence as the documented entry → 400 refersTo', async () => {
    const other = await paidProject();
    const before = await readPartition(api.tableName, `PROJECT#${P.id}`);
    for (const refersTo of [`${P.id}.999`, other.payment]) {
      const res = await declare(P.id, P.l.zone, body(refersTo, bytes));
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['refersTo']);
    }
    expect(await readPartition(api.tableName, `PROJECT#${P.id}`)).toEqual(before);
    const { entry } = await attach(P.id, P.payment, P.l.zone, pdf(500));
    const onEvidence = await declare(P.id, P.l.zone, body(entry.entryId, bytes));
    expectProblem(onEvidence, 400);
    expect(onEvidence.body.errors[0].message).toContain('itself evidence');
  });

  it('without an Idempotency-Key → 400, nothing remembered', async () => {
    const before = await readPartition(api.tableName, `PROJECT#${P.id}`);
    const res = await declare(P.id, P.l.zone, body(P.payment, bytes), null);
    expectProblem(res, 400);
    expect(res.body.errors[0].path).toBe('headers.Idempotency-Key');
    const noKey = await api.request('POST', `/projects/${P.id}/evidence/abc/complete`, { token: P.l.zone });
    expectProblem(noKey, 400);
    expect(await readPartition(api.tableName, `PROJECT#${P.id}`)).toEqual(before);
  });
});

describe('hostile files: each refused with the contract’s answer, nothing left behind', () => {
  let P: { id: string; l: Ledger; payment: string; transfer: string };
  beforeAll(async () => {
    P = await paidProject();
  });

  /** Declared honestly, uploaded, then refused on completion: 422 evidence-mismatch, remembered under its key. */
  async function refusedOnCompletion(bytes: Buffer, over: Record<string, unknown>, detail: RegExp) {
    const before = await footprint(api, P.id);
    const ticket = declared(await declare(P.id, P.l.zone, body(P.payment, bytes, over)));
    expect(await put(ticket, bytes)).toMatchObject({ status: 200 });
    expect(existsSync(stagedPath(P.id, ticket.evidenceId))).toBe(true);
    const key = idemKey();
    const res = await complete(P.id, ticket.evidenceId, P.l.zone, key);
    expectRule(res, 'evidence-mismatch');
    expect(res.body.detail).toMatch(detail);
    await expectNothingLeft(P.id, ticket.evidenceId, before);
    // The refusal is remembered like any 422: the same request gets it again.
    const again = await complete(P.id, ticket.evidenceId, P.l.zone, key);
    expect([again.status, again.body.rule, again.headers['idempotent-replayed']]).toEqual([422, 'evidence-mismatch', 'true']);
    // Another completion finds nothing: the upload was discarded.
    expectProblem(await complete(P.id, ticket.evidenceId, P.l.zone), 409);
    await expectNothingLeft(P.id, ticket.evidenceId, before);
  }

  it('an executable renamed .pdf (MZ)', async () => {
    await refusedOnCompletion(Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00', 'latin1'), randomBytes(4_000)]), { fileName: 'invoice.pdf' }, /Windows executable \(MZ\), not a PDF/);
  });

  it('wrong magic bytes: a GIF declared as a PNG, an ELF declared as a JPEG', async () => {
    await refusedOnCompletion(Buffer.concat([Buffer.from('GIF89a'), randomBytes(1_000)]), { contentType: 'image/png', fileName: 'scan.png' }, /GIF image, not a PNG/);
    await refusedOnCompletion(Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), randomBytes(1_000)]), { contentType: 'image/jpeg', fileName: 'scan.jpg' }, /ELF executable/);
  });

  it('a zip bomb posing as OFD: its directory declares 4 GiB uncompressed', async () => {
    const bomb = buildZip([{ name: 'OFD.xml', data: Buffer.from('<ofd:OFD/>') }, { name: 'Doc_0/Res/blob.bin', data: Buffer.alloc(MIB), declaredUncompressed: 0xfffffffe }]);
    await refusedOnCompletion(bomb, { contentType: 'application/ofd', fileName: '电子回单.ofd' }, /ZIP archive is refused: entry "Doc_0\/Res\/blob\.bin" declares 4294967294 bytes uncompressed/);
  });

  it('a real zip bomb: 60 MiB of zeros deflated to kilobytes, as OFD', async () => {
    const bomb = buildZip([{ name: 'OFD.xml', data: Buffer.from('<ofd:OFD/>') }, { name: 'zeros', data: Buffer.alloc(60 * MIB) }]);
    await refusedOnCompletion(bomb, { contentType: 'application/ofd', fileName: 'x.ofd' }, /more than 100 times/);
  });

  it('a wrong hash: the upload URL refuses bytes without the declared SHA-256 (400 BadDigest) and stores nothing; completing finds nothing (409)', async () => {
    const before = await footprint(api, P.id);
    const declaredBytes = pdf(2_000);
    const ticket = declared(await declare(P.id, P.l.zone, body(P.payment, declaredBytes)));
    const other = pdf(2_000);
    expect(await put(ticket, other)).toMatchObject({ status: 400, text: expect.stringContaining('BadDigest') });
    // Forged headers do not help: the checksum is part of the signature.
    expect(await put(ticket, other, { ...ticket.uploadHeaders, 'x-amz-checksum-sha256': Buffer.from(sha(other), 'hex').toString('base64') })).toMatchObject({ status: 403 });
    expectProblem(await complete(P.id, ticket.evidenceId, P.l.zone), 409);
    await expectNothingLeft(P.id, ticket.evidenceId, before);
  });

  it('a wrong hash in the stored object (changed after the upload): 422 on completion, the staged object discarded', async () => {
    const bytes = pdf(2_000);
    const before = await footprint(api, P.id);
    const ticket = declared(await declare(P.id, P.l.zone, body(P.payment, bytes)));
    expect(await put(ticket, bytes)).toMatchObject({ status: 200 });
    const swapped = Buffer.from(bytes);
    swapped[100] = swapped[100]! ^ 0xff;
    writeFileSync(stagedPath(P.id, ticket.evidenceId), swapped);
    const res = await complete(P.id, ticket.evidenceId, P.l.zone);
    expectRule(res, 'evidence-mismatch');
    expect(res.body.detail).toContain(`declared SHA-256 ${sha(bytes)}`);
    await expectNothingLeft(P.id, ticket.evidenceId, before);
  });

  it('20 MiB + 1 through an upload URL for fewer bytes: refused by the URL, nothing stored', async () => {
    const bytes = pdf(1_000);
    const ticket = declared(await declare(P.id, P.l.zone, body(P.payment, bytes)));
    expect((await put(ticket, pdf(20 * MIB + 1))).status).toBe(403);
    expect(existsSync(stagedPath(P.id, ticket.evidenceId))).toBe(false);
  }, 60_000);

  it('20 MiB exactly is recorded', async () => {
    const bytes = pdf(20 * MIB);
    const { ticket, entry } = await attach(P.id, P.payment, P.l.zone, bytes);
    expect(entry.details.sizeBytes).toBe(20 * MIB);
    expect((await download(P.id, ticket.evidenceId, P.l.auditor)).bytes!.equals(bytes)).toBe(true);
  }, 60_000);

  it('409 when nothing was uploaded: not remembered, so the same key completes once the file is there', async () => {
    const bytes = pdf(1_500);
    const before = await footprint(api, P.id);
    const ticket = declared(await declare(P.id, P.l.zone, body(P.payment, bytes)));
    const key = idemKey();
    const res = await complete(P.id, ticket.evidenceId, P.l.zone, key);
    expectProblem(res, 409);
    expect(res.body.detail).toMatch(/Nothing is uploaded|nothing is uploaded/);
    expect(await footprint(api, P.id)).toEqual(before);
    expect(await put(ticket, bytes)).toMatchObject({ status: 200 });
    expectCreated(await complete(P.id, ticket.evidenceId, P.l.zone, key));
  });

  it('an evidence id never declared, or declared in another project → 404', async () => {
    const other = await paidProject();
    const ticket = declared(await declare(other.id, other.l.zone, body(other.payment, pdf(100))));
    for (const evidenceId of ['never-declared', ticket.evidenceId]) {
      expectProblem(await complete(P.id, evidenceId, P.l.zone), 404);
      expectProblem(await api.request('GET', `/projects/${P.id}/evidence/${evidenceId}?redirect=false`, { token: P.l.auditor }), 404);
    }
    // Declared but not completed: nothing to download yet.
    expectProblem(await api.request('GET', `/projects/${other.id}/evidence/${ticket.evidenceId}?redirect=false`, { token: P.l.auditor }), 404);
  });
});

describe('who may: the roles of the documented entry, for their scope', () => {
  type Who = 'finance' | 'zone' | 'otherZone' | 'city' | 'otherCity' | 'auditor' | 'admin';
  const WHO: Who[] = ['finance', 'zone', 'otherZone', 'city', 'otherCity', 'auditor', 'admin'];
  let P: { id: string; l: Ledger; payment: string; transfer: string };
  const tokens = (): Record<Who, string> => ({
    finance: P.l.finance,
    zone: P.l.zone,
    otherZone: api.token('zone-committee', 'NJ-JNZ', 'zc-jnz'),
    city: P.l.cityBureau,
    otherCity: api.token('city-bureau', '苏州市', 'cb-sz'),
    auditor: P.l.auditor,
    admin: P.l.admin,
  });
  beforeAll(async () => {
    P = await paidProject();
  });

  /** What an id that does not exist gets: the answer a caller outside the scope must get too. */
  const unknownProject = async (route: (id: string) => Promise<TestResponse>) => {
    const res = await route('NOPE-404');
    return { status: res.status, detail: String(res.body.detail).replace('NOPE-404', '<id>') };
  };

  it.each<[string, () => string, Record<Who, number>]>([
    ['the zone’s payment', () => P.payment, { finance: 403, zone: 201, otherZone: 404, city: 403, otherCity: 404, auditor: 403, admin: 403 }],
    ['the province’s transfer', () => P.transfer, { finance: 201, zone: 403, otherZone: 404, city: 403, otherCity: 404, auditor: 403, admin: 403 }],
  ])('declaring evidence of %s', async (_what, target, expected) => {
    const t = tokens();
    const got: Record<string, number> = {};
    for (const who of WHO) {
      const before = await footprint(api, P.id);
      const res = await declare(P.id, t[who], body(target(), pdf(300)));
      got[who] = res.status;
      if (res.status !== 201) expect(await footprint(api, P.id)).toEqual(before);
      if (res.status === 404) {
        expect({ status: res.status, detail: String(res.body.detail).replace(P.id, '<id>') }).toEqual(await unknownProject((id) => declare(id, t[who], body(`${id}.2`, pdf(300)))));
      }
    }
    expect(got).toEqual(expected);
  });

  it('completing a declaration: only the roles that may declare it; outside the scope a 404 like an unknown id', async () => {
    const t = tokens();
    const bytes = pdf(700);
    const ticket = declared(await declare(P.id, P.l.zone, body(P.payment, bytes)));
    expect(await put(ticket, bytes)).toMatchObject({ status: 200 });
    const got: Record<string, number> = {};
    for (const who of WHO.filter((w) => w !== 'zone')) {
      const before = await footprint(api, P.id);
      const res = await complete(P.id, ticket.evidenceId, t[who]);
      got[who] = res.status;
      expect(await footprint(api, P.id)).toEqual(before);
      // Refused before the file is looked at: it is still staged.
      expect(existsSync(stagedPath(P.id, ticket.evidenceId))).toBe(true);
    }
    expect(got).toEqual({ finance: 403, otherZone: 404, city: 403, otherCity: 404, auditor: 403, admin: 403 });
    // Another person of the same zone committee may complete it.
    expectCreated(await complete(P.id, ticket.evidenceId, P.l.zone2));
  });

  it('downloading: whoever may read the project; a zone committee never sees another zone’s evidence (404 like an unknown id)', async () => {
    const t = tokens();
    const { ticket } = await attach(P.id, P.payment, P.l.zone, pdf(900));
    const got: Record<string, number> = {};
    for (const who of WHO) {
      const res = await download(P.id, ticket.evidenceId, t[who]);
      got[who] = res.status;
      if (res.status === 404) {
        const outside = JSON.parse(res.text);
        const unknown = await fetch(`${api.url}/projects/NOPE-404/evidence/${ticket.evidenceId}`, { headers: { authorization: `Bearer ${t[who]}` }, redirect: 'manual' });
        const unknownBody = (await unknown.json()) as { detail: string };
        expect({ ...outside, detail: outside.detail.replace(P.id, '<id>'), instance: null }).toEqual({ ...unknownBody, detail: unknownBody.detail.replace('NOPE-404', '<id>'), instance: null });
      }
    }
    expect(got).toEqual({ finance: 303, zone: 303, otherZone: 404, city: 303, otherCity: 404, auditor: 303, admin: 303 });
    // Nor its evidence in the history or the project view: the project itself is a 404 there.
    expectProblem(await api.request('GET', `/projects/${P.id}/history`, { token: t.otherZone }), 404);
  });

  it('outside the zone the finance officer pays, and attaches the receipt; the zone committee may not', async () => {
    const l = ledger(api, 'NJ-HTZ');
    const reg = registrationOutside2023();
    expectOk(await l.register(reg));
    expectOk(await l.allocate(reg.projectId, 500_000 * YUAN));
    const payment = l.entryIdOf(await l.payOutside(reg.projectId, 100_000 * YUAN));
    expectProblem(await declare(reg.projectId, l.zone, body(payment, pdf(200))), 403);
    await attach(reg.projectId, payment, l.finance, pdf(200));
  });

  it('an inspection report: the admin and the city bureau of the project’s city, not the zone committee', async () => {
    const inspection = P.l.entryIdOf(await P.l.inspect(P.id, 'supervision', '2024-01-10', 'pass', P.l.cityBureau));
    expectProblem(await declare(P.id, P.l.zone, body(inspection, pdf(200), { kind: 'acceptance-report' })), 403);
    await attach(P.id, inspection, P.l.cityBureau, pdf(200), { kind: 'other', fileName: '监督检查报告.pdf' });
    await attach(P.id, inspection, P.l.admin, pdf(200), { kind: 'other', fileName: '监督检查报告（省）.pdf' });
  });
});

describe('/verify reads every recorded file back', () => {
  it('fails, naming the file, when a recorded file is altered or removed on disk; holds again once it is restored', async () => {
    const { id, l, payment } = await paidProject();
    const bytes = pdf(4_000);
    const { ticket, entry } = await attach(id, payment, l.zone, bytes);
    const file = recordedPath(id, ticket.evidenceId);
    const original = readFileSync(file);

    const altered = Buffer.from(original);
    altered[2_000] = altered[2_000]! ^ 0x01;
    writeFileSync(file, altered);
    const changed = expectOk(await api.request('GET', `/projects/${id}/verify`, { token: l.auditor })).body;
    expect(changed).toMatchObject({ valid: false, brokenAtSeq: entry.seq, evidence: [{ entryId: entry.entryId, evidenceId: ticket.evidenceId, fileName: '回单 2024-03.pdf', problem: 'changed' }] });
    expect(changed.reason).toContain(ticket.evidenceId);
    expect(changed.reason).toContain(`declared SHA-256 ${sha(bytes)}`);

    unlinkSync(file);
    const missing = expectOk(await api.request('GET', `/projects/${id}/verify`, { token: l.auditor })).body;
    expect(missing).toMatchObject({ valid: false, brokenAtSeq: entry.seq, evidence: [{ problem: 'missing' }] });

    writeFileSync(file, original);
    expect(expectOk(await api.request('GET', `/projects/${id}/verify`, { token: l.auditor })).body).toMatchObject({ valid: true, evidenceFiles: 1 });
  });
});

describe('programs that require evidence: evidenceRequired, evidenceGraceDays and the evidence-missing alert', () => {
  it('programs default to requiring nothing; a setting that names no entry type, or evidence itself, is a 400', async () => {
    const program = expectOk(await api.request('GET', '/programs/JS-2023-C', { token: api.token('auditor') })).body;
    expect(program).toMatchObject({ evidenceRequired: [], evidenceGraceDays: 15 });
    const base = expectOk(await api.request('GET', '/programs/JS-2023-C', { token: api.token('admin') })).body;
    const { ruleDigest: _d, projectCount: _c, ...input } = base;
    for (const bad of [{ evidenceRequired: ['payment'] }, { evidenceRequired: ['evidence'] }, { evidenceRequired: ['disbursement', 'disbursement'] }, { evidenceGraceDays: -1 }]) {
      const res = await api.request('POST', '/programs', { token: api.token('admin'), body: { ...input, code: uniqueId('TP'), ...bad } });
      expectProblem(res, 400);
    }
  });

  it('a payment without evidence raises evidence-missing once the grace days are past; its evidence resolves it', async () => {
    const code = await customProgram(api, { evidenceRequired: ['disbursement'], evidenceGraceDays: 15 });
    const { zoneId, clusterId } = await freshCluster(api, code);
    const l = ledger(api, zoneId);
    const paidOn = addDays(today(), -20);
    const signedOn = addDays(today(), -400);
    const reg = registration2023({
      programCode: code, zoneId, clusterId,
      contract: { ...registration2023().contract, signedOn, startsOn: signedOn, endsOn: addDays(today(), 400) },
      schedule: [
        { trancheId: 'P1', funder: 'province', dueOn: addDays(today(), 100), amountFen: 6_000_000 * YUAN },
        { trancheId: 'Z1', funder: 'zone', dueOn: addDays(today(), 100), amountFen: 6_000_000 * YUAN },
      ],
    });
    expectOk(await l.register(reg));
    await l.allocateMatched(reg.projectId, 1_000_000 * YUAN, addDays(today(), -60), addDays(today(), -50));
    expectOk(await l.transfer(reg.projectId, 1_000_000 * YUAN, addDays(today(), -40)));
    const payment = l.entryIdOf(await l.disburse(reg.projectId, 'province', 300_000 * YUAN, paidOn, 'P1'));
    // The transfer needs none: the program names payments only.
    const view = expectOk(await api.request('GET', `/projects/${reg.projectId}`, { token: l.auditor })).body;
    expect(view.awaitingEvidence).toEqual([{ entryId: payment, type: 'disbursement', funder: 'province', amountFen: 300_000 * YUAN, valueDate: paidOn, dueOn: addDays(paidOn, 15), role: 'zone-committee' }]);
    const listed = expectOk(await api.request('GET', `/projects?zoneId=${zoneId}`, { token: l.zone })).body.projects;
    expect(listed.find((p: { projectId: string }) => p.projectId === reg.projectId).awaitingEvidence.map((a: { entryId: string }) => a.entryId)).toEqual([payment]);

    const evidenceAlerts = async (status: 'open' | 'resolved') =>
      expectOk(await api.request('GET', `/alerts?projectId=${reg.projectId}&kind=evidence-missing&status=${status}`, { token: l.auditor })).body.alerts;
    expectOk(await api.request('POST', '/alerts/sweep', { token: l.admin, body: { asOf: addDays(paidOn, 15) } }));
    expect(await evidenceAlerts('open')).toEqual([]);
    expectOk(await api.request('POST', '/alerts/sweep', { token: l.admin, body: { asOf: addDays(paidOn, 16) } }));
    expect(await evidenceAlerts('open')).toEqual([
      expect.objectContaining({ kind: 'evidence-missing', projectId: reg.projectId, funder: null, gapFen: 300_000 * YUAN, daysOverdue: 1, severity: 'warning', responsible: 'zone' }),
    ]);

    await attach(reg.projectId, payment, l.zone, pdf(1_000));
    expect(expectOk(await api.request('GET', `/projects/${reg.projectId}`, { token: l.auditor })).body.awaitingEvidence).toEqual([]);
    expectOk(await api.request('POST', '/alerts/sweep', { token: l.admin, body: {} }));
    expect(await evidenceAlerts('open')).toEqual([]);
    expect(await evidenceAlerts('resolved')).toEqual([expect.objectContaining({ kind: 'evidence-missing', resolvedOn: today() })]);
  });
});
