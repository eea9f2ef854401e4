/**
 * Minimal zip container reader and writer for OOXML packages.
 *
 * We read the central directory ourselves (rather than fflate's unzipSync) for three reasons:
 * declared sizes can be checked against the inflate cap before anything is inflated (zip bombs);
 * parts are inflated lazily, so images and charts we never look at cost nothing; and untouched
 * entries are copied to the output as their original compressed bytes, which is faster than
 * re-deflating and keeps them identical. fflate does the actual DEFLATE work.
 */
import { Deflate, deflateSync, inflateSync } from "fflate";
import { XlsxError } from "./errors";

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate */
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  dosTime: number;
  dosDate: number;
  /** the entry's compressed bytes (a view into the original file) */
  data: Uint8Array;
  /** a part compressed as it was written: its bytes in pieces (then `data` is empty) */
  chunks?: Uint8Array[];
}

/**
 * Raw DEFLATE, pluggable: fflate runs everywhere (browser, worker, Node); a Node host may pass
 * its native zlib, which inflates about twice and deflates several times as fast.
 */
export interface DeflateCodec {
  /** inflate `data`; must not produce more than `limit` bytes (truncate or throw) */
  inflateRaw(data: Uint8Array, limit: number): Uint8Array;
  deflateRaw(data: Uint8Array): Uint8Array;
  /**
   * A DEFLATE stream for a part written piece by piece: each call compresses the next piece and
   * returns the bytes it produced; `final` ends the stream. A piece is only valid during its call
   * (the writer reuses its buffer for the next one): copy what must be kept. `sizeHint` is the expected size of
   * the whole part, to choose the level as deflateRaw would. Without it, streamed parts are
   * gathered and compressed whole.
   */
  deflateStream?(sizeHint: number): (data: Uint8Array, final: boolean) => Uint8Array;
  /** CRC-32 of new parts, continuing from `previous`; defaults to a table-driven one (Node ≥ 20.15 has zlib.crc32) */
  crc32?(data: Uint8Array, previous?: number): number;
  /**
   * A part's UTF-8 bytes as text, exactly as xml.ts's utf8Decode reads them (a BOM kept, since
   * the text's positions stand for the bytes'; bad sequences as U+FFFD), which is the default.
   * For a platform with a faster way.
   */
  decodeText?(bytes: Uint8Array): string;
}

function joinChunks(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export const fflateCodec: DeflateCodec = {
  inflateRaw: (data, limit) => inflateSync(data, { out: new Uint8Array(limit) }),
  // parts over 1 MB (restored rosters, big sheets) get the fast level: level 6 costs 2–3× the time
  // for ~15 % smaller output, and writing is what the user waits for
  deflateRaw: (data) => deflateSync(data, { level: data.length > 1024 * 1024 ? 1 : 6 }),
  deflateStream: (sizeHint) => {
    const out: Uint8Array[] = [];
    const stream = new Deflate({ level: sizeHint > 1024 * 1024 ? 1 : 6 }, (chunk) => out.push(chunk));
    return (data, final) => {
      stream.push(data, final);
      const bytes = joinChunks(out);
      out.length = 0;
      return bytes;
    };
  },
};

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;

const nameDecoder = new TextDecoder("utf-8");
const nameEncoder = new TextEncoder();

function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}

function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

function u64(b: Uint8Array, o: number): number {
  return u32(b, o) + u32(b, o + 4) * 0x100000000;
}

function corrupt(detail: string): XlsxError {
  return new XlsxError("corrupt", detail);
}

function findEndOfCentralDirectory(b: Uint8Array): number {
  // the record is 22 bytes plus a comment of at most 65535 bytes
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= stop; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) return i;
  }
  return -1;
}

/** Parse the central directory. Throws XlsxError("corrupt") on anything inconsistent. */
export function readZipEntries(b: Uint8Array): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(b);
  if (eocd < 0) throw corrupt("no end of central directory record (truncated?)");
  let count = u16(b, eocd + 10);
  let cdSize = u32(b, eocd + 12);
  let cdOffset = u32(b, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(b, loc) !== SIG_ZIP64_LOCATOR) throw corrupt("zip64 locator missing");
    const z64 = u64(b, loc + 8);
    if (z64 + 56 > b.length || u32(b, z64) !== SIG_ZIP64_EOCD) throw corrupt("zip64 record missing");
    count = u64(b, z64 + 32);
    cdSize = u64(b, z64 + 40);
    cdOffset = u64(b, z64 + 48);
  }
  if (cdOffset + cdSize > b.length) throw corrupt("central directory outside the file");

  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || u32(b, p) !== SIG_CENTRAL) throw corrupt("bad central directory entry");
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const dosTime = u16(b, p + 12);
    const dosDate = u16(b, p + 14);
    const crc = u32(b, p + 16);
    let compressedSize = u32(b, p + 20);
    let size = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    let localOffset = u32(b, p + 42);
    const name = nameDecoder.decode(b.subarray(p + 46, p + 46 + nameLen));
    // zip64 extended information: only the fields that overflowed are present, in this order
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = u16(b, e);
      const len = u16(b, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff) {
          size = u64(b, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(b, q);
          q += 8;
        }
        if (localOffset === 0xffffffff) localOffset = u64(b, q);
      }
      e += 4 + len;
    }
    p = extraEnd + commentLen;

    if (localOffset + 30 > b.length || u32(b, localOffset) !== SIG_LOCAL) throw corrupt(`bad local header for ${name}`);
    const start = localOffset + 30 + u16(b, localOffset + 26) + u16(b, localOffset + 28);
    if (start + compressedSize > b.length) throw corrupt(`entry ${name} runs past the end of the file`);
    entries.push({ name, method, flags, crc, compressedSize, size, dosTime, dosDate, data: b.subarray(start, start + compressedSize) });
  }
  return entries;
}

/** Inflate one entry, never producing more than its declared size (a lying header is corruption). */
export function inflateEntry(entry: ZipEntry, codec: DeflateCodec = fflateCodec): Uint8Array {
  if (entry.flags & 1) throw new XlsxError("encrypted", `entry ${entry.name} is encrypted`);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw corrupt(`stored entry ${entry.name} has inconsistent sizes`);
    return checked(entry, entry.data, codec);
  }
  if (entry.method !== 8) throw corrupt(`entry ${entry.name} uses compression method ${entry.method}`);
  let result: Uint8Array;
  try {
    // one spare byte tells us the stream wanted to produce more than it declared; and no DEFLATE
    // stream expands more than 1032:1, so a forged size cannot make us allocate beyond that
    result = codec.inflateRaw(entry.data, Math.min(entry.size + 1, entry.data.length * 1032 + 1024));
  } catch (err) {
    throw corrupt(`inflate failed for ${entry.name}: ${String(err)}`);
  }
  if (result.length !== entry.size) throw corrupt(`entry ${entry.name} inflates to a size other than declared`);
  return checked(entry, result.subarray(0, entry.size), codec);
}

/**
 * A part whose bytes fail their CRC is damaged even when it inflates: a flipped bit in a stored
 * entry, or in a deflate stream's literals, yields plausible XML with wrong values. Checked only
 * for parts we read, so an unread part (an image, a chart) is still copied as it was.
 */
function checked(entry: ZipEntry, content: Uint8Array, codec: DeflateCodec): Uint8Array {
  const actual = codec.crc32 ? codec.crc32(content) >>> 0 : crc32(content);
  if (actual !== entry.crc >>> 0) throw new XlsxError("crc-mismatch", `${entry.name}: crc ${actual.toString(16)} ≠ ${entry.crc.toString(16)}`, entry.name);
  return content;
}

// ---------------------------------------------------------------------------------------------
// Writing

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[i] = c;
  }
  return t;
})();

export function crc32(data: Uint8Array, previous = 0): number {
  let c = ~previous;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** Compress a new or changed part into an entry (timestamp borrowed from `like` so output is reproducible). */
export function makeEntry(name: string, content: Uint8Array, like?: { dosTime: number; dosDate: number }, codec: DeflateCodec = fflateCodec): ZipEntry {
  const data = content.length < 64 ? content : codec.deflateRaw(content);
  const method = data === content ? 0 : 8;
  return {
    name,
    method,
    flags: 0,
    crc: codec.crc32 ? codec.crc32(content) : crc32(content),
    compressedSize: data.length,
    size: content.length,
    dosTime: like?.dosTime ?? 0,
    dosDate: like?.dosDate ?? 0x21, // 1980-01-01
    data,
  };
}

const textEncoder = new TextEncoder();
/** bytes gathered before they are compressed: big enough for zlib, small next to a sheet */
const STREAM_PIECE_BYTES = 1 << 20;
/**
 * the first piece is small: the flush then first runs within a sheet's first rows, before its
 * writer's loop is optimised — a first flush a megabyte in threw that compiled code away
 * (V8 deoptimises at a path it has no feedback for) and compiled the loop again
 */
const FIRST_PIECE_BYTES = 1 << 13;
/** strings longer than this are encoded by the platform's encoder rather than char by char */
const LONG_TEXT = 4096;

/** the most bytes of a cell's constant pieces that pushCell writes into the buffer's slack */
const CELL_PIECES = 3 * 1024;

/** Copy a piece into `buf` from `at`; returns where it ended. A loop beats `set`'s call for a few bytes. */
function copyBytes(buf: Uint8Array, at: number, bytes: Uint8Array): number {
  const n = bytes.length;
  if (n > 16) {
    buf.set(bytes, at);
    return at + n;
  }
  for (let i = 0; i < n; i++) buf[at + i] = bytes[i];
  return at + n;
}

/** ASCII characters escapeStringText changes: & < > _ and the C0 controls XML 1.0 forbids (all but tab, LF, CR) */
const ESCAPED_ASCII = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 32; c++) if (c !== 9 && c !== 10 && c !== 13) t[c] = 1;
  for (const c of "&<>_") t[c.charCodeAt(0)] = 1;
  return t;
})();

/**
 * encodeUtf8 for cell text that escapeStringText leaves as it is; -1 (with `buf` partly
 * written) as soon as a character it would change comes: see ESCAPED_ASCII, and U+FFFE, U+FFFF.
 */
function encodeUnescaped(buf: Uint8Array, at: number, s: string): number {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (ESCAPED_ASCII[c]) return -1;
      buf[at++] = c;
    } else if (c < 0x800) {
      buf[at++] = 0xc0 | (c >> 6);
      buf[at++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        const u = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
        buf[at++] = 0xf0 | (u >> 18);
        buf[at++] = 0x80 | ((u >> 12) & 0x3f);
        buf[at++] = 0x80 | ((u >> 6) & 0x3f);
        buf[at++] = 0x80 | (u & 0x3f);
      } else {
        // a lone surrogate becomes U+FFFD, as encodeUtf8 and TextEncoder write it
        buf[at++] = 0xef;
        buf[at++] = 0xbf;
        buf[at++] = 0xbd;
      }
    } else {
      if (c >= 0xfffe) return -1;
      buf[at++] = 0xe0 | (c >> 12);
      buf[at++] = 0x80 | ((c >> 6) & 0x3f);
      buf[at++] = 0x80 | (c & 0x3f);
    }
  }
  return at;
}

/** Write `s` as UTF-8 into `buf` from `at`; returns where it ended. The caller makes room (3 bytes per unit). */
function encodeUtf8(buf: Uint8Array, at: number, s: string): number {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) buf[at++] = c;
    else if (c < 0x800) {
      buf[at++] = 0xc0 | (c >> 6);
      buf[at++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
          buf[at++] = 0xf0 | (c >> 18);
          buf[at++] = 0x80 | ((c >> 12) & 0x3f);
          buf[at++] = 0x80 | ((c >> 6) & 0x3f);
          buf[at++] = 0x80 | (c & 0x3f);
          continue;
        }
        c = 0xfffd;
      }
      buf[at++] = 0xe0 | (c >> 12);
      buf[at++] = 0x80 | ((c >> 6) & 0x3f);
      buf[at++] = 0x80 | (c & 0x3f);
    }
  }
  return at;
}

/**
 * A new part written as text, piece by piece, and compressed as it comes: the part never exists
 * whole, as a string or as bytes. Text is encoded to UTF-8 straight into one reused buffer, so
 * the many short pieces of a sheet's cells are never joined into strings first (joining and
 * flattening them was most of the cost of writing a restored roster). `finish` gives its entry.
 */
export class StreamedEntry {
  private buf = new Uint8Array(STREAM_PIECE_BYTES + 3 * LONG_TEXT + CELL_PIECES);
  private at = 0;
  private flushAt = FIRST_PIECE_BYTES;
  private readonly chunks: Uint8Array[] = [];
  private readonly whole: Uint8Array[] = [];
  private crc = 0;
  private size = 0;
  private readonly deflate: ((data: Uint8Array, final: boolean) => Uint8Array) | null;

  constructor(
    private readonly name: string,
    sizeHint: number,
    private readonly like: { dosTime: number; dosDate: number } | undefined,
    private readonly codec: DeflateCodec = fflateCodec,
  ) {
    this.deflate = codec.deflateStream ? codec.deflateStream(sizeHint) : null;
  }

  /** append `s` as UTF-8 (a lone surrogate becomes U+FFFD, as TextEncoder writes it) */
  push(s: string): void {
    if (s.length > LONG_TEXT) {
      this.pushBytes(textEncoder.encode(s));
      return;
    }
    if (this.at >= this.flushAt) this.flush(false);
    this.at = encodeUtf8(this.buf, this.at, s);
  }

  /**
   * One cell of a column run, from its pieces: `head` (`<c r="B`), the row's digits, `mid`
   * (`" t="str"><f t="shared" si="0"/><v>`), the value's text and `tail` (`</v></c>`). All but
   * the value come encoded (once per run, once per row) and are copied byte by byte: about
   * three quarters of a restored roster's bytes are these constant pieces, and encoding them
   * again from strings for each of its cells was most of the cost of writing it. With `escape`
   * (xml.ts's escapeStringText) the value is cell text, escaped only when it has one of the
   * characters that changes: the check rides along the encoding instead of a pass of its own.
   */
  pushCell(head: Uint8Array, row: Uint8Array, rowLength: number, mid: Uint8Array, value: string, tail: Uint8Array, escape?: (s: string) => string): void {
    if (value.length > LONG_TEXT || head.length + rowLength + mid.length + tail.length > CELL_PIECES) {
      this.pushBytes(head);
      this.pushBytes(row.subarray(0, rowLength));
      this.pushBytes(mid);
      this.push(escape ? escape(value) : value);
      this.pushBytes(tail);
      return;
    }
    if (this.at >= this.flushAt) this.flush(false);
    const buf = this.buf;
    let at = copyBytes(buf, this.at, head);
    for (let i = 0; i < rowLength; i++) buf[at++] = row[i];
    at = copyBytes(buf, at, mid);
    const plain = escape ? encodeUnescaped(buf, at, value) : encodeUtf8(buf, at, value);
    if (plain >= 0) at = plain;
    else {
      // the rare text that needs escaping: the escaped form may be longer than the slack
      const text = escape!(value);
      if (text.length > LONG_TEXT) {
        this.at = at;
        this.push(text);
        this.pushBytes(tail);
        return;
      }
      at = encodeUtf8(buf, at, text);
    }
    this.at = copyBytes(buf, at, tail);
  }

  /** append bytes already encoded (a stretch of the source part copied as it was) */
  pushBytes(bytes: Uint8Array): void {
    if (this.at + bytes.length <= this.buf.length) {
      this.buf.set(bytes, this.at);
      this.at += bytes.length;
      return;
    }
    this.flush(false);
    this.compress(bytes, false);
  }

  private flush(final: boolean): void {
    if (!this.at && !final) return;
    // the buffer is reused: a stream only reads it during the call (see deflateStream), parts
    // gathered whole keep a copy. Not allocating a megabyte per flush keeps external memory,
    // and the full collections it triggers, down on a 100,000-row sheet.
    const bytes = this.deflate ? this.buf.subarray(0, this.at) : this.buf.slice(0, this.at);
    this.compress(bytes, final);
    this.at = 0;
    this.flushAt = STREAM_PIECE_BYTES;
  }

  private compress(bytes: Uint8Array, final: boolean): void {
    this.crc = this.codec.crc32 ? this.codec.crc32(bytes, this.crc) : crc32(bytes, this.crc);
    this.size += bytes.length;
    if (this.deflate) {
      const out = this.deflate(bytes, final);
      if (out.length) this.chunks.push(out);
    } else this.whole.push(bytes);
  }

  finish(): ZipEntry {
    this.flush(true);
    this.buf = new Uint8Array(0);
    const time = { dosTime: this.like?.dosTime ?? 0, dosDate: this.like?.dosDate ?? 0x21 };
    if (!this.deflate) return { ...makeEntry(this.name, joinChunks(this.whole), this.like, this.codec), ...time };
    let compressedSize = 0;
    for (const c of this.chunks) compressedSize += c.length;
    return { name: this.name, method: 8, flags: 0, crc: this.crc, compressedSize, size: this.size, ...time, data: new Uint8Array(0), chunks: this.chunks };
  }
}

function dataLength(e: ZipEntry): number {
  return e.chunks ? e.compressedSize : e.data.length;
}

/** Lay out entries as a zip file. Compressed data is copied, never recompressed. */
export function writeZip(entries: ZipEntry[]): Uint8Array {
  return joinChunks(zipPieces(entries));
}

/**
 * The zip file of `entries` as pieces in file order, for a writer that writes them one after
 * another: each entry's local header, its data as it is held (no copy), and the central directory
 * with its end record. Joining them into one buffer (writeZip) costs a copy of the whole file in
 * memory the process touches afresh; a file written piece by piece needs neither.
 */
export function zipPieces(entries: ZipEntry[]): Uint8Array[] {
  const names = entries.map((e) => nameEncoder.encode(e.name));
  let total = 22;
  let directory = 22;
  for (let i = 0; i < entries.length; i++) {
    total += 30 + 46 + 2 * names[i].length + dataLength(entries[i]);
    directory += 46 + names[i].length;
  }
  if (total > 0xffffffff || entries.length > 0xffff) throw new XlsxError("too-large", "output would need zip64");

  const pieces: Uint8Array[] = [];
  const offsets: number[] = [];
  let p = 0;
  const utf8Flag = (i: number) => (names[i].some((c) => c > 0x7f) ? 0x800 : 0);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    offsets.push(p);
    const head = new Uint8Array(30 + names[i].length);
    const view = new DataView(head.buffer);
    view.setUint32(0, SIG_LOCAL, true);
    view.setUint16(4, 20, true);
    view.setUint16(6, utf8Flag(i), true); // sizes are known up front: no data descriptor
    view.setUint16(8, e.method, true);
    view.setUint16(10, e.dosTime, true);
    view.setUint16(12, e.dosDate, true);
    view.setUint32(14, e.crc, true);
    view.setUint32(18, dataLength(e), true);
    view.setUint32(22, e.size, true);
    view.setUint16(26, names[i].length, true);
    view.setUint16(28, 0, true);
    head.set(names[i], 30);
    pieces.push(head);
    p += head.length;
    if (e.chunks) {
      for (const c of e.chunks) if (c.length) pieces.push(c);
    } else if (e.data.length) pieces.push(e.data);
    p += dataLength(e);
  }
  const cdStart = p;
  const cd = new Uint8Array(directory);
  const view = new DataView(cd.buffer);
  let q = 0;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    view.setUint32(q, SIG_CENTRAL, true);
    view.setUint16(q + 4, 20, true);
    view.setUint16(q + 6, 20, true);
    view.setUint16(q + 8, utf8Flag(i), true);
    view.setUint16(q + 10, e.method, true);
    view.setUint16(q + 12, e.dosTime, true);
    view.setUint16(q + 14, e.dosDate, true);
    view.setUint32(q + 16, e.crc, true);
    view.setUint32(q + 20, dataLength(e), true);
    view.setUint32(q + 24, e.size, true);
    view.setUint16(q + 28, names[i].length, true);
    // extra, comment, disk, internal and external attributes stay zero
    view.setUint32(q + 42, offsets[i], true);
    cd.set(names[i], q + 46);
    q += 46 + names[i].length;
  }
  view.setUint32(q, SIG_EOCD, true);
  view.setUint16(q + 8, entries.length, true);
  view.setUint16(q + 10, entries.length, true);
  view.setUint32(q + 12, q, true);
  view.setUint32(q + 16, cdStart, true);
  pieces.push(cd);
  return pieces;
}
