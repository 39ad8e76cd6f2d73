import { inflateRawSync } from 'node:zlib';

/**
 * The parts of an uploaded zip (an .xlsx is one), inflated with a hard bound on what they may grow
 * to: an entry's declared size can lie, so each is inflated with zlib's `maxOutputLength`, and the
 * bound is what is left of the whole budget. A few kilobytes of deflate can hold gigabytes of one
 * repeated string; this is where that stops, before any parser sees a byte of it.
 *
 * Read from the central directory, as spreadsheet programs and JSZip (which exceljs uses) read it.
 * Refused: zip64, multi-disk and encrypted archives, methods other than stored and deflate, two
 * entries with one name (which one would a reader take?), entries outside the file.
 */
export interface UnzipLimits {
  maxEntries: number;
  /** Inflated bytes of all entries together. */
  maxTotalBytes: number;
  maxEntryBytes: number;
}

/** The parts by name, or why the archive is refused (in Chinese: it ends up in the import's 400). */
export type Unzipped = { entries: Map<string, Buffer>; totalBytes: number } | { error: string; tooBig?: true };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MB = 1024 * 1024;

function findEndOfDirectory(b: Buffer): number {
  // The end record is 22 bytes plus a comment of at most 65,535.
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) if (b.readUInt32LE(i) === EOCD) return i;
  return -1;
}

export function unzipBounded(b: Buffer, limits: UnzipLimits): Unzipped {
  const end = findEndOfDirectory(b);
  if (end < 0) return { error: '不是 zip 压缩格式' };
  const count = b.readUInt16LE(end + 10);
  const size = b.readUInt32LE(end + 12);
  const start = b.readUInt32LE(end + 16);
  if (b.readUInt16LE(end + 4) !== 0 || b.readUInt16LE(end + 6) !== 0 || count !== b.readUInt16LE(end + 8)) return { error: '是分卷压缩文件' };
  if (count === 0xffff || size === 0xffffffff || start === 0xffffffff) return { error: '是 zip64 格式' };
  if (count > limits.maxEntries) return { error: `包含 ${count} 个部件，超过 ${limits.maxEntries} 个` };
  if (start + size > end) return { error: '压缩目录已损坏' };

  const entries = new Map<string, Buffer>();
  let total = 0;
  let at = start;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || b.readUInt32LE(at) !== CENTRAL) return { error: '压缩目录已损坏' };
    const flags = b.readUInt16LE(at + 8);
    const method = b.readUInt16LE(at + 10);
    const compressed = b.readUInt32LE(at + 20);
    const nameLength = b.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + b.readUInt16LE(at + 30) + b.readUInt16LE(at + 32);
    const localAt = b.readUInt32LE(at + 42);
    const name = b.toString('utf8', at + 46, at + 46 + nameLength);
    at = next;
    if (flags & 0x1) return { error: '含有加密部件' };
    if (entries.has(name)) return { error: `有两个同名部件（${name.slice(0, 60)}）` };
    if (localAt + 30 > b.length || b.readUInt32LE(localAt) !== LOCAL) return { error: '压缩数据已损坏' };
    const dataAt = localAt + 30 + b.readUInt16LE(localAt + 26) + b.readUInt16LE(localAt + 28);
    if (dataAt + compressed > b.length) return { error: '压缩数据已损坏' };
    const data = b.subarray(dataAt, dataAt + compressed);
    const room = Math.min(limits.maxEntryBytes, limits.maxTotalBytes - total);
    let out: Buffer;
    if (method === 0) out = data;
    else if (method === 8) {
      try {
        out = inflateRawSync(data, { maxOutputLength: Math.max(1, room) });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return { error: tooBig(limits), tooBig: true };
        return { error: `部件 ${name.slice(0, 60)} 无法解压` };
      }
    } else return { error: `使用了不支持的压缩方式 ${method}` };
    if (out.length > room) return { error: tooBig(limits), tooBig: true };
    total += out.length;
    if (!name.endsWith('/')) entries.set(name, out);
  }
  return { entries, totalBytes: total };
}

const tooBig = (l: UnzipLimits) => `解压后超过 ${Math.round(l.maxTotalBytes / MB)} MB（单个部件不超过 ${Math.round(l.maxEntryBytes / MB)} MB）`;
