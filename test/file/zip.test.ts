import { strToU8, unzipSync, zipSync } from "fflate";
import { crc32, inflateEntry, makeEntry, readZipEntries, writeZip } from "../../src/file/zip";
import { nodeZlibCodec } from "../fixtures/file/node-codec";

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
});
