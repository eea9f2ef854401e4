import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { crc32, fflateCodec, inflateEntry, makeEntry, readZipEntries, StreamedEntry, writeZip, zipPieces } from "../../src/file/zip";
import { nodeZlibCodec } from "../fixtures/file/node-codec";
import { nodeZlibCodec as cliCodec } from "../../src/cli/nodeCodec";

describe("zip container", () => {
  it("computes the standard CRC-32", () => {
    expect(crc32(strToU8("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    const sample = new Uint8Array(10000).map((_, i) => (i * 31 + 7) & 0xff);
    const native = nodeZlibCodec.crc32;
    // the node codec's CRC (zlib.crc32, when this Node has it) must agree with ours
    expect(native ? native(sample) : crc32(sample)).toBe(crc32(sample));
  });

  it("reads stored and deflated entries written by fflate, including non-ASCII names", () => {
    const big = strToU8("<x>".repeat(1000));
    const zip = zipSync({ "a.txt": [strToU8("hello"), { level: 0 }], "xl/图.xml": big, "dir/": new Uint8Array(0) });
    const entries = readZipEntries(zip);
    expect(entries.map((e) => e.name)).toEqual(["a.txt", "xl/图.xml", "dir/"]);
    expect(entries[0].method).toBe(0);
    expect(entries[1].method).toBe(8);
    expect(inflateEntry(entries[0])).toEqual(strToU8("hello"));
    expect(inflateEntry(entries[1])).toEqual(big);
    expect(inflateEntry(entries[1], nodeZlibCodec)).toEqual(big);
  });

  it("writes a zip that fflate reads back, copying untouched entries' compressed bytes", () => {
    const src = zipSync({ "keep.bin": new Uint8Array(5000).map((_, i) => i % 7), "x.xml": strToU8("<old/>") });
    const [keep] = readZipEntries(src);
    const out = writeZip([keep, makeEntry("x.xml", strToU8("<new>" + "n".repeat(200) + "</new>")), makeEntry("中文.xml", strToU8("<a/>"))]);
    const back = unzipSync(out);
    expect(Object.keys(back)).toEqual(["keep.bin", "x.xml", "中文.xml"]);
    expect(back["keep.bin"]).toEqual(new Uint8Array(5000).map((_, i) => i % 7));
    expect(readZipEntries(out)[0].data).toEqual(keep.data);
  });

  it("lays out the same file in pieces as writeZip does whole, holding each entry's data as it is", () => {
    const src = zipSync({ "keep.bin": new Uint8Array(5000).map((_, i) => i % 7), "empty.txt": new Uint8Array(0) });
    const [keep, empty] = readZipEntries(src);
    const streamed = new StreamedEntry("xl/worksheets/sheet9.xml", 1 << 22, undefined, { ...fflateCodec, deflateStream: undefined });
    const streamedNative = new StreamedEntry("流.xml", 3 << 20, undefined, cliCodec);
    for (let i = 0; i < 40000; i++) {
      streamed.push(`<row r="${i + 1}"><c><v>${i}</v></c></row>`);
      streamedNative.push(`<row r="${i + 1}"><c t="str"><v>第${i}行</v></c></row>`);
    }
    const entries = [keep, empty, makeEntry("中文.xml", strToU8("<a/>")), streamed.finish(), streamedNative.finish()];
    const pieces = zipPieces(entries);
    const joined = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
    pieces.reduce((at, p) => (joined.set(p, at), at + p.length), 0);
    expect(Buffer.from(joined).equals(writeZip(entries))).toBe(true);
    expect(pieces.includes(keep.data)).toBe(true);
    expect(pieces.every((p) => p.length > 0)).toBe(true);
    // a part compressed as it was written is its chunks, one piece each
    const chunks = entries[4].chunks!;
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => pieces.includes(c))).toBe(true);
    const back = unzipSync(joined);
    expect(Object.keys(back)).toEqual(["keep.bin", "empty.txt", "中文.xml", "xl/worksheets/sheet9.xml", "流.xml"]);
    expect(strFromU8(back["流.xml"]).endsWith('<row r="40000"><c t="str"><v>第39999行</v></c></row>')).toBe(true);
  });
});
