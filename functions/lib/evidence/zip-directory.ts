/**
 * Reads a ZIP archive's central directory from the archive's last bytes, without inflating
 * anything, and refuses what could be a zip bomb or a trick before anyone opens the file: an OFD
 * (GB/T 33190) is a ZIP whose root holds OFD.xml, and every auditor's viewer will inflate it.
 *
 * Refused (each as a reason, not an exception): no end-of-central-directory record at the very end,
 * ZIP64, split archives, more entries than allowed, a directory larger than allowed or not where
 * the record says, encrypted entries, methods other than stored and deflate, a declared size past
 * the per-entry or total bound, a compression ratio past the bound, entries whose data overlap
 * (the "non-recursive" zip bomb reuses one compressed stream for many entries), duplicate names,
 * and names that climb out of the archive (`..`, absolute, backslashes).
 */

export interface ZipLimits {
  maxEntries: number;
  /** Bytes of central directory we accept (it must also lie in the tail we kept). */
  maxDirectoryBytes: number;
  maxEntryUncompressedBytes: number;
  maxTotalUncompressedBytes: number;
  /** uncompressed ÷ compressed, for entries larger than ratioFloorBytes. */
  maxRatio: number;
  ratioFloorBytes: number;
}

const MIB = 1024 * 1024;

/**
 * Bounds for an OFD of at most 20 MiB. A real invoice or receipt package has a few dozen entries
 * (OFD.xml, Doc_0/Document.xml, a page or two, fonts, images, signatures) and compresses XML
 * about 5–20 times; images and fonts barely compress.
 */
export const OFD_ZIP_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxDirectoryBytes: 1 * MIB,
  maxEntryUncompressedBytes: 64 * MIB,
  maxTotalUncompressedBytes: 256 * MIB,
  maxRatio: 100,
  ratioFloorBytes: 1 * MIB,
};

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_BYTES = 22;
const CENTRAL_HEADER_BYTES = 46;
const LOCAL_HEADER_BYTES = 30;
const MAX_COMMENT_BYTES = 0xffff;

/** How many of an archive's last bytes readZipDirectory needs under these limits. */
export const tailBytesFor = (limits: ZipLimits): number => limits.maxDirectoryBytes + EOCD_BYTES + MAX_COMMENT_BYTES;

export interface ZipEntry {
  name: string;
  /** Bytes of the name as stored. */
  nameLength: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export type ZipDirectory = { ok: true; entries: ZipEntry[] } | { ok: false; reason: string };

const refuse = (reason: string): ZipDirectory => ({ ok: false, reason });

/** The end-of-central-directory record: it must end exactly at the end of the file. */
function findEndRecord(tail: Buffer): number {
  const last = tail.length - EOCD_BYTES;
  for (let at = last; at >= 0 && at >= last - MAX_COMMENT_BYTES; at--) {
    if (tail.readUInt32LE(at) === EOCD_SIGNATURE && at + EOCD_BYTES + tail.readUInt16LE(at + 20) === tail.length) return at;
  }
  return -1;
}

const climbsOut = (name: string): boolean => name.startsWith('/') || name.includes('\\') || /^[A-Za-z]:/.test(name) || name.split('/').some((part) => part === '..');

/**
 * @param tail the archive's last bytes (all of it when small); at least tailBytesFor(limits) of
 *   them when the archive is larger than that.
 * @param fileSize the archive's whole size.
 */
export function readZipDirectory(tail: Buffer, fileSize: number, limits: ZipLimits = OFD_ZIP_LIMITS): ZipDirectory {
  if (tail.length < EOCD_BYTES) return refuse('too short to be a ZIP archive');
  const tailStart = fileSize - tail.length;
  const end = findEndRecord(tail);
  if (end < 0) return refuse('no ZIP end-of-central-directory record at the end of the file');
  const disk = tail.readUInt16LE(end + 4);
  const directoryDisk = tail.readUInt16LE(end + 6);
  const entriesOnDisk = tail.readUInt16LE(end + 8);
  const entryCount = tail.readUInt16LE(end + 10);
  const directorySize = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  if (entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) return refuse('ZIP64 archives are not accepted (an OFD of at most 20 MiB never needs one)');
  if (disk !== 0 || directoryDisk !== 0 || entriesOnDisk !== entryCount) return refuse('split (multi-disk) ZIP archives are not accepted');
  if (entryCount > limits.maxEntries) return refuse(`${entryCount} entries: at most ${limits.maxEntries} are accepted`);
  if (directorySize > limits.maxDirectoryBytes) return refuse(`a central directory of ${directorySize} bytes: at most ${limits.maxDirectoryBytes} are accepted`);
  if (directoryOffset + directorySize !== tailStart + end) return refuse('the central directory is not where the end record says');
  if (directoryOffset < tailStart) return refuse('the central directory lies outside the bytes read');

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  let at = directoryOffset - tailStart;
  const directoryEnd = at + directorySize;
  for (let i = 0; i < entryCount; i++) {
    if (at + CENTRAL_HEADER_BYTES > directoryEnd || tail.readUInt32LE(at) !== CENTRAL_SIGNATURE) return refuse(`central directory entry ${i + 1} is malformed`);
    const flags = tail.readUInt16LE(at + 8);
    const method = tail.readUInt16LE(at + 10);
    const compressedSize = tail.readUInt32LE(at + 20);
    const uncompressedSize = tail.readUInt32LE(at + 24);
    const nameLength = tail.readUInt16LE(at + 28);
    const extraLength = tail.readUInt16LE(at + 30);
    const commentLength = tail.readUInt16LE(at + 32);
    const localHeaderOffset = tail.readUInt32LE(at + 42);
    const next = at + CENTRAL_HEADER_BYTES + nameLength + extraLength + commentLength;
    if (next > directoryEnd) return refuse(`central directory entry ${i + 1} runs past the directory`);
    // Bit 11: UTF-8 names; without it CP437, which agrees with UTF-8 on the ASCII names that matter here.
    const name = tail.subarray(at + CENTRAL_HEADER_BYTES, at + CENTRAL_HEADER_BYTES + nameLength).toString(flags & 0x800 ? 'utf8' : 'latin1');
    at = next;

    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) return refuse('ZIP64 entries are not accepted');
    if (flags & 0x1) return refuse(`entry "${name}" is encrypted`);
    if (method !== 0 && method !== 8) return refuse(`entry "${name}" uses compression method ${method} (only stored and deflate are accepted)`);
    if (method === 0 && compressedSize !== uncompressedSize) return refuse(`stored entry "${name}" declares different compressed and uncompressed sizes`);
    if (climbsOut(name)) return refuse(`entry "${name}" names a path outside the archive`);
    if (names.has(name)) return refuse(`entry "${name}" appears twice`);
    names.add(name);
    if (uncompressedSize > limits.maxEntryUncompressedBytes) return refuse(`entry "${name}" declares ${uncompressedSize} bytes uncompressed: at most ${limits.maxEntryUncompressedBytes} are accepted`);
    if (compressedSize === 0 && uncompressedSize > 0) return refuse(`entry "${name}" declares ${uncompressedSize} bytes from no compressed data`);
    if (uncompressedSize > limits.ratioFloorBytes && uncompressedSize > compressedSize * limits.maxRatio) {
      return refuse(`entry "${name}" would inflate ${compressedSize} bytes to ${uncompressedSize} (more than ${limits.maxRatio} times)`);
    }
    total += uncompressedSize;
    if (total > limits.maxTotalUncompressedBytes) return refuse(`the entries declare more than ${limits.maxTotalUncompressedBytes} bytes uncompressed in all`);
    entries.push({ name, nameLength, method, compressedSize, uncompressedSize, localHeaderOffset });
  }
  if (at !== directoryEnd) return refuse('the central directory holds more than its entries');

  // Each entry's data must end before the next entry's local header begins (a lower bound: the
  // local header's own extra field only moves its data later).
  const byOffset = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let i = 0; i < byOffset.length; i++) {
    const e = byOffset[i]!;
    const limit = i + 1 < byOffset.length ? byOffset[i + 1]!.localHeaderOffset : directoryOffset;
    if (e.localHeaderOffset + LOCAL_HEADER_BYTES + e.nameLength + e.compressedSize > limit) return refuse(`entry "${e.name}" overlaps the next entry or the directory`);
  }
  return { ok: true, entries };
}
