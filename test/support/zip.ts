import { crc32, deflateRawSync } from 'node:zlib';

/**
 * Builds ZIP archives byte by byte for the evidence tests, including ones no honest tool writes:
 * declared sizes that lie (a zip bomb's central directory), overlapping entries, encryption flags.
 */
export interface ZipEntrySpec {
  name: string;
  data: Buffer;
  /** 0 stored, 8 deflate (default). */
  method?: number;
  /** What the central directory claims instead of the truth. */
  declaredUncompressed?: number;
  declaredCompressed?: number;
  flags?: number;
  /** Point this entry's central record at another entry's local header (overlap). */
  localHeaderOf?: number;
}

export function buildZip(entries: ZipEntrySpec[], options: { comment?: Buffer; trailing?: Buffer } = {}): Buffer {
  const locals: Buffer[] = [];
  const offsets: number[] = [];
  const records: { spec: ZipEntrySpec; compressed: Buffer; crc: number; name: Buffer }[] = [];
  let offset = 0;
  for (const spec of entries) {
    const name = Buffer.from(spec.name, 'utf8');
    const method = spec.method ?? 8;
    const compressed = method === 8 ? deflateRawSync(spec.data) : spec.data;
    const crc = crc32(spec.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE((spec.flags ?? 0) | 0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(spec.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    offsets.push(offset);
    locals.push(local, name, compressed);
    offset += local.length + name.length + compressed.length;
    records.push({ spec, compressed, crc, name });
  }
  const central: Buffer[] = [];
  records.forEach(({ spec, compressed, crc, name }, i) => {
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE((spec.flags ?? 0) | 0x800, 8);
    c.writeUInt16LE(spec.method ?? 8, 10);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(spec.declaredCompressed ?? compressed.length, 20);
    c.writeUInt32LE(spec.declaredUncompressed ?? spec.data.length, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offsets[spec.localHeaderOf ?? i]!, 42);
    central.push(c, name);
  });
  const directory = Buffer.concat(central);
  const comment = options.comment ?? Buffer.alloc(0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(records.length, 8);
  end.writeUInt16LE(records.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(comment.length, 20);
  return Buffer.concat([...locals, directory, end, comment, options.trailing ?? Buffer.alloc(0)]);
}

/** A small, honest OFD package: OFD.xml at the root and one document. */
export function minimalOfd(): Buffer {
  return buildZip([
    { name: 'OFD.xml', data: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>') },
    { name: 'Doc_0/Document.xml', data: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:MaxUnitID>1</ofd:MaxUnitID></ofd:CommonData></ofd:Document>'.repeat(3)) },
  ]);
}
