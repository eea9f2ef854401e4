/**
 * Every file of the bad-input corpus goes through the real command line (a child process, as a
 * user would run it): unreadable files end with exit 2, one plain-Chinese line and no output;
 * readable odd ones with exit 0, a complete output and their findings; nothing crashes or hangs.
 */
import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { XlsxError, openXlsx, snapshotOf } from "../../src/file";
import type { Report } from "../../src/core/types";
import { CORPUS, type CorpusCase } from "./build-corpus";

const ROOT = resolve(__dirname, "../..");
const CLI = join(ROOT, "bin", "shuangbai.js");
const CLI_TIMEOUT_MS = 90000;
const CJK = /[\u4e00-\u9fff]/;
const STACK_TRACE = /^\s+at\s.+(:\d+:\d+\)?|\(native\))$|node:internal|^\w*Error:\s/m;

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "shuangbai-corpus-"));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  input: string;
  inputBytes: Uint8Array;
  outDir: string;
  out: string;
  report: string;
}

async function runCase(c: CorpusCase, index: number): Promise<Run> {
  const dir = join(work, String(index));
  const outDir = join(dir, "out");
  mkdirSync(outDir, { recursive: true });
  const input = join(dir, c.file);
  const inputBytes = await c.build();
  writeFileSync(input, inputBytes);
  const out = join(outDir, "结果.xlsx");
  const report = join(outDir, "report.json");
  const r = spawnSync(process.execPath, [CLI, "score", input, "--out", out, "--report", report], {
    cwd: dir,
    encoding: "utf8",
    timeout: CLI_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    status: r.status,
    stdout: r.stdout ?? "",
    stderr: r.stderr ?? "",
    timedOut: r.error !== undefined && /ETIMEDOUT/.test(String(r.error)),
    input,
    inputBytes,
    outDir,
    out,
    report,
  };
}

function expectCleanFailure(run: Run): void {
  expect(run.status).toBe(2);
  const lines = run.stderr.split("\n").filter((l) => l.trim() !== "");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(CJK);
  // nothing half-written: no workbook and no temporary file left behind
  expect(readdirSync(run.outDir).filter((f) => f !== "report.json")).toEqual([]);
}

/** nothing to score → nothing written: exit 0, one line, no workbook and no report */
function expectNothingWritten(run: Run): void {
  expect(run.status).toBe(0);
  expect(run.stdout.split("\n").filter((l) => l.trim() !== "")).toEqual([expect.stringContaining("没有找到可评估的内容")]);
  expect(run.stderr).toBe("");
  expect(readdirSync(run.outDir)).toEqual([]);
}

function expectCompleteOutput(run: Run, c: CorpusCase): void {
  expect(run.status).toBe(0);
  expect(readdirSync(run.outDir).sort()).toEqual(["report.json", "结果.xlsx"]);
  const bytes = new Uint8Array(readFileSync(run.out));
  const snapshot = snapshotOf(openXlsx(bytes), "结果.xlsx");
  expect(snapshot.sheets.length).toBeGreaterThan(0);
  const report = JSON.parse(readFileSync(run.report, "utf8")) as Report;
  expect(report.schema).toBe("shuangbai/report@1");
  if (c.checkReport) expect(c.checkReport(report)).toEqual([]);
}

describe("bad-input corpus through the command line", () => {
  it("has the command line to run", () => {
    expect(existsSync(CLI)).toBe(true);
  });

  CORPUS.forEach((c, i) => {
    it(
      `${c.name} (${c.expect})`,
      async () => {
        const run = await runCase(c, i);
        expect(run.timedOut).toBe(false);
        expect(run.stderr).not.toMatch(STACK_TRACE);
        expect(run.stdout).not.toMatch(STACK_TRACE);
        // the input is never touched
        expect(new Uint8Array(readFileSync(run.input))).toEqual(run.inputBytes);
        if (c.expect === "unreadable") expectCleanFailure(run);
        else if (c.expect === "odd") expectCompleteOutput(run, c);
        else if (c.expect === "nothing") expectNothingWritten(run);
        else if (run.status === 2) expectCleanFailure(run);
        else expectCompleteOutput(run, c);
      },
      CLI_TIMEOUT_MS + 30000,
    );
  });
});

describe("bad-input corpus through the file mode", () => {
  CORPUS.filter((c) => c.expect === "unreadable").forEach((c) => {
    it(`${c.name} raises a plain XlsxError${c.errorCode ? ` (${c.errorCode})` : ""}`, async () => {
      const bytes = await c.build();
      let caught: unknown = null;
      try {
        snapshotOf(openXlsx(bytes), c.file);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(XlsxError);
      const err = caught as XlsxError;
      if (c.errorCode) expect(err.code).toBe(c.errorCode);
      expect(err.message).toMatch(CJK);
      expect(err.message).not.toMatch(/\n/);
    });
  });
});
