// src/cli/writeFile.ts: a file written whole or from pieces, through a temporary file renamed
// into place, never left half-written under its name.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeFileAtomic } from "../../src/cli/writeFile";

let dir = "";
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "shuangbai-write-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const leftovers = () => fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"));

describe("writeFileAtomic", () => {
  it("writes the pieces one after another, empty ones included, over an older file", () => {
    const file = path.join(dir, "结果.xlsx");
    fs.writeFileSync(file, "an older, longer file that must not show through");
    const big = new Uint8Array(3 << 20);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff;
    const whole = new Uint8Array(Buffer.from("PK-head"));
    const backing = new Uint8Array(64).map((_, i) => i);
    writeFileAtomic(file, [whole, new Uint8Array(0), big, backing.subarray(10, 20)]);
    const back = new Uint8Array(fs.readFileSync(file));
    expect(back.length).toBe(whole.length + big.length + 10);
    expect(back.subarray(0, whole.length)).toEqual(whole);
    // compared as buffers: jest's toEqual walks 3 MB element by element
    expect(Buffer.from(back.subarray(whole.length, whole.length + big.length)).equals(big)).toBe(true);
    expect(back.subarray(back.length - 10)).toEqual(backing.subarray(10, 20));
    expect(leftovers()).toEqual([]);
  });

  it("writes one buffer as before", () => {
    const file = path.join(dir, "r.json");
    writeFileAtomic(file, new TextEncoder().encode("{}\n"));
    expect(fs.readFileSync(file, "utf8")).toBe("{}\n");
  });

  it("leaves neither the file nor a temporary one when the write fails", () => {
    const file = path.join(dir, "结果.xlsx");
    // a piece that is not bytes makes the write throw midway, after the temporary file is open
    const bad = [new Uint8Array(10), { length: 5 } as unknown as Uint8Array];
    expect(() => writeFileAtomic(file, bad)).toThrow();
    expect(fs.existsSync(file)).toBe(false);
    expect(leftovers()).toEqual([]);
    // a folder that does not exist: nothing is made
    expect(() => writeFileAtomic(path.join(dir, "无此目录", "x.xlsx"), [new Uint8Array(1)])).toThrow();
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
