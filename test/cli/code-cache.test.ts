// bin/code-cache.js: the bundle loads with the code cache the build made, a cache made for other
// source is never offered to V8 (which checks only the length), and either way the command works.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";

const ROOT = path.join(__dirname, "..", "..");
const LOADER = path.join(ROOT, "bin", "code-cache.js");
const BUNDLE = path.join(ROOT, "build", "shuangbai.js");
const EXAMPLE = path.join(ROOT, "examples", "示例社工站评估表.xlsx");

/** loads `entry` through the loader in a fresh node, scores the example, reports what happened */
function loadIn(entry: string, cache: string): { usedCache: boolean; rejected: boolean; code: number } {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "shuangbai-cache-")), "o.xlsx");
  const script = `
    require(${JSON.stringify(path.join(ROOT, "bin", "v8-flags.js"))}).apply();
    const { load } = require(${JSON.stringify(LOADER)});
    const r = load(${JSON.stringify(entry)}, ${JSON.stringify(cache)});
    const quiet = { write: () => true };
    const code = r.exports.main(["score", ${JSON.stringify(EXAMPLE)}, "--out", ${JSON.stringify(out)}, "--quiet"], { stdout: quiet, stderr: quiet });
    process.stdout.write(JSON.stringify({ usedCache: r.usedCache, rejected: r.script.cachedDataRejected === true, code }));`;
  const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as { usedCache: boolean; rejected: boolean; code: number };
}

describe("the command line's code cache", () => {
  it("is made by the build for this bundle and accepted by V8", () => {
    expect(fs.existsSync(`${BUNDLE}.cache`)).toBe(true);
    expect(loadIn(BUNDLE, `${BUNDLE}.cache`)).toEqual({ usedCache: true, rejected: false, code: 0 });
  });

  it("is not used for a bundle of the same length but other content, and the command still runs", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shuangbai-cache-"));
    const copy = path.join(dir, "shuangbai.js");
    // one character changed inside a comment: same length, so V8's own check would pass it
    const source = fs.readFileSync(BUNDLE, "utf8");
    const at = source.indexOf("/**");
    const changed = `${source.slice(0, at)}/*!${source.slice(at + 3)}`;
    expect(Buffer.byteLength(changed)).toBe(Buffer.byteLength(source));
    fs.writeFileSync(copy, changed);
    for (const chunk of fs.readdirSync(path.dirname(BUNDLE)).filter((f) => /^shuangbai-.*\.js$/.test(f)))
      fs.copyFileSync(path.join(path.dirname(BUNDLE), chunk), path.join(dir, chunk));
    fs.copyFileSync(`${BUNDLE}.cache`, `${copy}.cache`);
    expect(loadIn(copy, `${copy}.cache`)).toEqual({ usedCache: false, rejected: false, code: 0 });
  });

  it("is simply not used when missing or unreadable", () => {
    expect(loadIn(BUNDLE, path.join(os.tmpdir(), "no-such-cache"))).toEqual({ usedCache: false, rejected: false, code: 0 });
  });
});
