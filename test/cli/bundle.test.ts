// bin/shuangbai.js runs the bundle build/shuangbai.js (webpack.cli.config.js), not the modules
// the other tests import from src/: the paths that load code on demand are checked through it.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { unzipSync } from "fflate";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "shuangbai.js");
const BUNDLE = path.join(ROOT, "build", "shuangbai.js");
const EXAMPLE = path.join(ROOT, "examples", "示例社工站评估表.xlsx");

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "shuangbai-bundle-"));
}

describe("the command-line bundle", () => {
  it("loads neither fflate nor docx on a plain score run (node:zlib does its DEFLATE work)", () => {
    // fflate bundled or from node_modules: either way its Node build loads worker_threads
    const dir = tmpdir();
    const script = `
      const { main } = require(${JSON.stringify(BUNDLE)});
      const quiet = { write: () => true };
      const code = main(["score", ${JSON.stringify(EXAMPLE)}, "--out", ${JSON.stringify(path.join(dir, "o.xlsx"))}, "--quiet"], { stdout: quiet, stderr: quiet });
      process.stdout.write(JSON.stringify({ code, modules: Object.keys(require.cache), builtins: process.moduleLoadList }));`;
    const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    const { code, modules, builtins } = JSON.parse(r.stdout) as { code: number; modules: string[]; builtins: string[] };
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(dir, "o.xlsx"))).toBe(true);
    expect(modules.filter((m) => /node_modules[\\/](fflate|docx)[\\/]/.test(m))).toEqual([]);
    expect(builtins).toContain("NativeModule zlib");
    expect(builtins).not.toContain("NativeModule worker_threads");
  });

  it("writes the summary workbook (fflate, loaded on first use) and the Word draft (its own chunk)", () => {
    const dir = tmpdir();
    const summary = path.join(dir, "汇总.xlsx");
    const doc = path.join(dir, "摘要.docx");
    const r = spawnSync(process.execPath, [BIN, "score", EXAMPLE, "--out", path.join(dir, "o.xlsx"), "--summary", summary, "--doc", doc, "--quiet"], {
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(Object.keys(unzipSync(new Uint8Array(fs.readFileSync(summary))))).toContain("xl/worksheets/sheet1.xml");
    expect(Object.keys(unzipSync(new Uint8Array(fs.readFileSync(doc))))).toContain("word/document.xml");
  });
});
