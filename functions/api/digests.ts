import type { Req, Reply, RouteImpl } from '../lib/http/handler';
import { notFound } from '../lib/http/problems';
import { requireRole } from '../lib/authorize';
import { configuredDigestStore, type DigestRecord } from '../lib/digests/digest-store';
import { makeDigest } from '../lib/digests/make-digest';

const view = async (d: DigestRecord) => {
  const { leaves: _leaves, ...rest } = d;
  return { ...rest, dayDigests: await configuredDigestStore().idsOf(d.date) };
};

/** A digest by id, or the latest of a date. */
export async function findDigest(idOrDate: string): Promise<DigestRecord | null> {
  const store = configuredDigestStore();
  if (idOrDate.includes('.')) return store.get(idOrDate);
  const ids = await store.idsOf(idOrDate);
  const latest = ids[ids.length - 1];
  return latest ? store.get(latest) : null;
}

async function post(req: Req): Promise<Reply> {
  requireRole(req.principal, 'admin');
  return { status: 201, body: await view(await makeDigest(configuredDigestStore(), req.now, 'on-demand')) };
}

async function getOne(req: Req<{ digestId: string }>): Promise<Reply> {
  const d = await findDigest(req.params.digestId);
  if (!d) throw notFound(`No digest ${req.params.digestId}.`);
  return { status: 200, body: await view(d) };
}

export const digestReads: Record<string, RouteImpl> = { 'GET /digests/{digestId}': getOne };
export const digestWrites: Record<string, RouteImpl> = { 'POST /digests': post };
