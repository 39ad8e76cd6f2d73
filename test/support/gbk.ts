/**
 * GBK encoding for tests. Node decodes GBK (full ICU) but has no encoder, so the table is built by
 * decoding every two-byte sequence once: what a Chinese bank's CSV export holds.
 */
let table: Map<string, Buffer> | undefined;

function build(): Map<string, Buffer> {
  const decoder = new TextDecoder('gbk', { fatal: true });
  const map = new Map<string, Buffer>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const bytes = Buffer.from([lead, trail]);
      try {
        const ch = decoder.decode(bytes);
        if (ch.length === 1 && !map.has(ch)) map.set(ch, bytes);
      } catch {
        /* not a GBK pair */
      }
    }
  }
  return map;
}

export function encodeGbk(text: string): Buffer {
  table ??= build();
  return Buffer.concat([...text].map((ch) => {
    if (ch.charCodeAt(0) < 0x80) return Buffer.from(ch, 'latin1');
    const bytes = table!.get(ch);
    if (!bytes) throw new Error(`no GBK for ${ch}`);
    return bytes;
  }));
}
