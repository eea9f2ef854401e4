"use strict";
/**
 * Loading the bundled command line (build/shuangbai.js) with V8's code cache.
 *
 * Why: a scoring run is short, and a large share of a small one is V8 parsing the 650 KB bundle
 * and compiling each function to bytecode the first time it is called. A code cache made at build
 * time after one representative run holds that bytecode, so a run deserialises it instead. Node 22
 * has this built in (module.enableCompileCache); on Node 20 it is vm.Script's `cachedData`
 * (https://nodejs.org/api/vm.html#new-vmscriptcode-options, "cachedData" and
 * "script.createCachedData()"). The cache holds compiled code only, never any workbook's data, and
 * is written only by the build (`npm run build:cli`), never by a scoring run: the install may be
 * read-only and nothing is left behind.
 *
 * V8 checks a cache against its own version and flags and refuses a mismatch
 * (`script.cachedDataRejected`), but it checks the source only by its length, so the file starts
 * with a key of the bundle it was made from — its CRC-32 and length, or its SHA-256 on a Node
 * without zlib.crc32 (before 20.15) — and a cache for other source is not offered to V8. The key
 * guards against a stale cache, not against tampering (whoever can write the cache can write the
 * bundle beside it); CRC-32 catches every change of up to 32 bits and all but one in 2^32 others,
 * and it spares loading node's crypto module and hashing 650 KB, ~2 ms of every run.
 * Any problem with the cache means loading the bundle the ordinary way.
 *
 *   node bin/code-cache.js     (run by build:cli: makes build/shuangbai.js.cache)
 */
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const Module = require("node:module");
const zlib = require("node:zlib");

const ENTRY = path.join(__dirname, "..", "build", "shuangbai.js");
const CACHE = `${ENTRY}.cache`;
const HASH_BYTES = 32;

const CRC_KEY_TAG = "shuangbai-crc32:";

function digest(source) {
  if (typeof zlib.crc32 !== "function") return require("node:crypto").createHash("sha256").update(source).digest();
  const key = Buffer.alloc(HASH_BYTES);
  key.write(CRC_KEY_TAG, 0, "latin1");
  key.writeUInt32LE(zlib.crc32(source) >>> 0, CRC_KEY_TAG.length);
  key.writeUInt32LE(source.length, CRC_KEY_TAG.length + 4);
  return key;
}

/**
 * The bundle's exports, compiled with the cache in `cacheFile` when it was made from this very
 * bundle (null: no cache). `hash` and `script` are for the builder, `usedCache` for the tests.
 */
function load(entry = ENTRY, cacheFile = `${entry}.cache`) {
  const bytes = fs.readFileSync(entry);
  const hash = digest(bytes);
  let cachedData;
  if (cacheFile) {
    try {
      const file = fs.readFileSync(cacheFile);
      if (file.length > HASH_BYTES && file.subarray(0, HASH_BYTES).equals(hash)) cachedData = file.subarray(HASH_BYTES);
    } catch {
      // no cache (a fresh tsc-only build, a copied bundle): compile as usual
    }
  }
  // the same wrapper and arguments Node gives a CommonJS file, so the bundle sees no difference
  const script = new vm.Script(Module.wrap(bytes.toString("utf8")), { filename: entry, cachedData });
  const mod = { exports: {} };
  script.runInThisContext({ displayErrors: true }).call(mod.exports, mod.exports, Module.createRequire(entry), mod, entry, path.dirname(entry));
  return { exports: mod.exports, hash, script, usedCache: cachedData !== undefined && !script.cachedDataRejected };
}

/**
 * Makes the cache: one run of the example workbook in this process, with the command's own V8
 * flags, then the script's code as it stands (every function that run compiled). Output goes to
 * a temporary folder that is removed.
 */
async function build() {
  require("./v8-flags").apply();
  const os = require("node:os");
  const { exports, script, hash } = load(ENTRY, null);
  const example = path.join(__dirname, "..", "examples", "示例社工站评估表.xlsx");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shuangbai-cache-"));
  const quiet = { write: () => true };
  try {
    const args = ["score", example, "--out", path.join(dir, "out.xlsx"), "--report", path.join(dir, "r.json"), "--as-of", "2023-11-30", "--force"];
    const code = await exports.main(args, { stdout: quiet, stderr: quiet });
    if (code !== 0) throw new Error(`warm-up run exited ${code}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const data = script.createCachedData();
  const partial = `${CACHE}.partial`;
  // the key of the bytes that were compiled, so a bundle rebuilt meanwhile is not matched
  fs.writeFileSync(partial, Buffer.concat([hash, data]));
  fs.renameSync(partial, CACHE);
  process.stderr.write(`code cache: ${(data.length / 1024).toFixed(0)} KB → ${path.relative(process.cwd(), CACHE)}\n`);
}

module.exports = { load, ENTRY, CACHE };

if (require.main === module) {
  build().catch((e) => {
    // the cache only saves time: a build without it still works
    process.stderr.write(`code cache not made: ${e && e.message ? e.message : e}\n`);
    try {
      fs.rmSync(CACHE, { force: true });
    } catch {}
  });
}
