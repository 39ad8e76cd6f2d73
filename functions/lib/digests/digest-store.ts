import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One digest as stored, with every leaf, so inclusion proofs can be made against it later. */
export interface DigestRecord {
  digestId: string;
  date: string;
  n: number;
  createdAt: string;
  trigger: 'sweep' | 'on-demand';
  algorithm: string;
  projects: number;
  root: string;
  /** [projectId, entries, headHash], sorted by projectId. */
  leaves: [string, number, string][];
}

/**
 * Where digests live: somewhere the database's administrators cannot rewrite. On AWS an S3 bucket
 * with Object Lock in compliance mode; locally an append-only file. Never overwritten: each digest
 * gets the next `{date}.{n}`.
 */
export interface DigestStore {
  /** Stores the digest under the next free number of its date; returns the record as stored. */
  append(record: Omit<DigestRecord, 'digestId' | 'n'>): Promise<DigestRecord>;
  /** The ids of a day's digests, in order. */
  idsOf(date: string): Promise<string[]>;
  get(digestId: string): Promise<DigestRecord | null>;
}

export const digestIdOf = (date: string, n: number) => `${date}.${n}`;

/** Locally: one JSON line per digest in a file only ever opened for appending. */
export function fileDigestStore(dir: string): DigestStore {
  const file = join(dir, 'digests.jsonl');
  const all = (): DigestRecord[] => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as DigestRecord) : []);
  // One process writes the file; appends are serialised so two digests of a day never share a number.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    append(record) {
      const run = queue.then(() => {
        mkdirSync(dir, { recursive: true });
        const n = all().filter((d) => d.date === record.date).length + 1;
        const stored: DigestRecord = { ...record, digestId: digestIdOf(record.date, n), n };
        appendFileSync(file, `${JSON.stringify(stored)}\n`, { flag: 'a' });
        return stored;
      });
      queue = run.catch(() => undefined);
      return run;
    },
    async idsOf(date) {
      return all().filter((d) => d.date === date).map((d) => d.digestId);
    },
    async get(digestId) {
      return all().find((d) => d.digestId === digestId) ?? null;
    },
  };
}

/** On AWS: objects in the Object Lock bucket, written only if absent (S3 conditional write). */
export function s3DigestStore(bucket: string): DigestStore {
  // Loaded on first use: only digest routes and the daily sweep need the S3 client.
  const s3 = import('@aws-sdk/client-s3').then((m) => ({ m, client: new m.S3Client({}) }));
  const keyOf = (date: string, n: number) => `digests/${date}/${digestIdOf(date, n)}.json`;
  const idsOf = async (date: string): Promise<string[]> => {
    const { m, client } = await s3;
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const out = await client.send(new m.ListObjectsV2Command({ Bucket: bucket, Prefix: `digests/${date}/`, ContinuationToken: token }));
      for (const o of out.Contents ?? []) ids.push(o.Key!.replace(/^.*\//, '').replace(/\.json$/, ''));
      token = out.NextContinuationToken;
    } while (token);
    return ids.sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
  };
  return {
    async append(record) {
      const { m, client } = await s3;
      for (let n = (await idsOf(record.date)).length + 1; ; n++) {
        const stored: DigestRecord = { ...record, digestId: digestIdOf(record.date, n), n };
        try {
          await client.send(new m.PutObjectCommand({
            Bucket: bucket, Key: keyOf(record.date, n), Body: JSON.stringify(stored), ContentType: 'application/json',
            IfNoneMatch: '*', ChecksumAlgorithm: 'SHA256',
          }));
          return stored;
        } catch (err) {
          // 412: another writer took this number first; take the next one, never overwrite.
          if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 412) throw err;
        }
      }
    },
    idsOf,
    async get(digestId) {
      const [date, n] = digestId.split('.');
      const { m, client } = await s3;
      try {
        const out = await client.send(new m.GetObjectCommand({ Bucket: bucket, Key: keyOf(date!, Number(n)) }));
        return JSON.parse(await out.Body!.transformToString()) as DigestRecord;
      } catch (err) {
        if ((err as { name?: string }).name === 'NoSuchKey') return null;
        throw err;
      }
    },
  };
}

let configured: DigestStore | undefined;

/** DIGEST_BUCKET on AWS; DIGEST_DIR locally (the local stack sets it under its data folder). */
export function configuredDigestStore(): DigestStore {
  if (!configured) {
    const bucket = process.env.DIGEST_BUCKET;
    configured = bucket ? s3DigestStore(bucket) : fileDigestStore(process.env.DIGEST_DIR ?? join(tmpdir(), `fundledger-digests-${process.env.TABLE_NAME ?? 'default'}`));
  }
  return configured;
}
