// The binary container the trained models share (models/ner/ner.bin, models/pos/pos.bin): a
// 4-character magic, the header length (u32 LE), a JSON header padded to 4 bytes, then typed-array
// sections at 4-byte-aligned offsets that the header's `sections` list names.

type SectionType = 'u32' | 'i16' | 'u16' | 'u8' | 'f32';

export interface Section {
  name: string;
  type: SectionType;
  offset: number;
  length: number;
  scale?: number;
}

export interface SectionPart {
  name: string;
  arr: Uint32Array | Int16Array | Uint16Array | Uint8Array | Float32Array;
  type: SectionType;
  scale?: number;
}

/** Write `fields` (then `sections`) as the header and the parts' bytes after it. */
export function packSections(magic: string, fields: Record<string, unknown>, parts: readonly SectionPart[]): Buffer {
  const sections: Section[] = [];
  let off = 0;
  for (const p of parts) {
    sections.push({ name: p.name, type: p.type, offset: off, length: p.arr.length, ...(p.scale !== undefined ? { scale: p.scale } : {}) });
    off += p.arr.byteLength;
    off = (off + 3) & ~3;
  }
  let header = Buffer.from(JSON.stringify({ ...fields, sections }), 'utf8');
  const pad = (4 - ((8 + header.length) % 4)) % 4;
  header = Buffer.concat([header, Buffer.alloc(pad, 0x20)]);
  const out = Buffer.alloc(8 + header.length + off);
  out.write(magic, 0, 'latin1');
  out.writeUInt32LE(header.length, 4);
  header.copy(out, 8);
  const base = 8 + header.length;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    Buffer.from(p.arr.buffer, p.arr.byteOffset, p.arr.byteLength).copy(out, base + sections[k].offset);
  }
  return out;
}

/** A file read back: its header fields, and each section as a typed array (null when absent). */
export interface UnpackedSections<H> {
  header: H;
  section(name: string): { arr: Uint32Array | Int16Array | Uint16Array | Uint8Array | Float32Array; scale: number } | null;
}

/** Read a file written by packSections; `what` names the model in the bad-magic error. */
export function unpackSections<H>(buf: Uint8Array, magic: string, what: string): UnpackedSections<H> {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < 8 || b.toString('latin1', 0, 4) !== magic) throw new Error(`Not ${what} file (bad magic).`);
  const hlen = b.readUInt32LE(4);
  const header = JSON.parse(b.toString('utf8', 8, 8 + hlen)) as H & { sections: Section[] };
  // an aligned copy: typed-array views need aligned offsets
  const data = new Uint8Array(b.length - 8 - hlen);
  data.set(b.subarray(8 + hlen));
  return {
    header,
    section(name) {
      const s = header.sections.find((x) => x.name === name);
      if (!s) return null;
      const arr =
        s.type === 'u32' ? new Uint32Array(data.buffer, s.offset, s.length)
        : s.type === 'i16' ? new Int16Array(data.buffer, s.offset, s.length)
        : s.type === 'u16' ? new Uint16Array(data.buffer, s.offset, s.length)
        : s.type === 'f32' ? new Float32Array(data.buffer, s.offset, s.length)
        : new Uint8Array(data.buffer, s.offset, s.length);
      return { arr, scale: s.scale ?? 1 };
    },
  };
}
