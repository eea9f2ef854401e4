/**
 * Privacy as a test: scoring a workbook opens no network connection (every socket, DNS, HTTP and
 * fetch entry point throws while it runs, in-process and in the command line's own process), and
 * nothing the tool prints or writes as a report shows a full ID number or phone from the input.
 */
import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { evaluate } from "../../src/core/evaluate";
import { applyPlan, openXlsx, snapshotOf } from "../../src/file";
import { parseScoreArgs } from "../../src/cli/args";
import { runScore } from "../../src/cli/score";
import { makeSeedWorkbook, seedWorkbookBytes, SEED_GRADE, SEED_TOTAL, type SeedWorkbook } from "../support/generate-roster";

const guard = require("./deny-network.js") as { attempts: string[]; install(): void; restore(): void };

const ROOT = resolve(__dirname, "../..");
const CLI = join(ROOT, "bin", "shuangbai.js");

let work: string;
let wb: SeedWorkbook;
let input: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "shuangbai-privacy-"));
  wb = makeSeedWorkbook({ rows: 120, seed: 21, slips: true, typedPercents: true });
  input = join(work, "合成社工站.xlsx");
  writeFileSync(input, await seedWorkbookBytes(wb));
});

afterAll(() => {
  guard.restore();
  rmSync(work, { recursive: true, force: true });
});

/** every ID number and phone of the synthetic people, including the planted bad ones */
function personalNumbers(): string[] {
  const idCol = wb.roster.rows[0].indexOf("身份证号");
  const phoneCol = wb.roster.rows[0].indexOf("手机号码");
  const out = new Set<string>();
  for (const row of wb.roster.rows.slice(1)) {
    for (const c of [idCol, phoneCol]) if (typeof row[c] === "string" && String(row[c]).length >= 10) out.add(String(row[c]));
  }
  return [...out];
}

function leaks(text: string): string[] {
  return personalNumbers().filter((n) => text.includes(n));
}

describe("no network, no leaks", () => {
  it("knows how a connection attempt looks (the guard itself works)", async () => {
    guard.install();
    try {
      const before = guard.attempts.length;
      expect(() => require("net").connect(80, "127.0.0.1")).toThrow(/network access denied/);
      expect(() => globalThis.fetch("http://127.0.0.1/")).toThrow(/network access denied/);
      expect(guard.attempts.length).toBe(before + 2);
      guard.attempts.length = 0;
    } finally {
      guard.restore();
    }
  });

  it("file mode + core score a workbook with the network denied", () => {
    guard.install();
    try {
      const bytes = new Uint8Array(readFileSync(input));
      const pkg = openXlsx(bytes);
      const { report, plan } = evaluate(snapshotOf(pkg, "合成社工站.xlsx"));
      const out = applyPlan(pkg, plan);
      const again = snapshotOf(openXlsx(out), "out.xlsx");
      expect(report.scores[0].total).toBe(SEED_TOTAL);
      expect(report.scores[0].grade).toBe(SEED_GRADE);
      expect(again.sheets.length).toBeGreaterThan(wb.sheets.length - 1);
      expect(guard.attempts).toEqual([]);
      expect(leaks(JSON.stringify(report))).toEqual([]);
    } finally {
      guard.restore();
    }
  });

  it("the command line, in-process, scores with the network denied and prints no full ID or phone", () => {
    const out = join(work, "in-process-结果.xlsx");
    const reportPath = join(work, "in-process-report.json");
    let stdout = "";
    let stderr = "";
    guard.install();
    let code: number | Promise<number>;
    try {
      code = runScore(parseScoreArgs([input, "--out", out, "--report", reportPath, "--force"]), {
        stdout: { write: (s: string) => ((stdout += s), true) },
        stderr: { write: (s: string) => ((stderr += s), true) },
      });
    } finally {
      guard.restore();
    }
    expect(code).toBe(0);
    expect(guard.attempts).toEqual([]);
    expect(existsSync(out)).toBe(true);
    expect(leaks(stdout + stderr + readFileSync(reportPath, "utf8"))).toEqual([]);
  });

  it("the command line's own process makes no connection and shows no full ID or phone", () => {
    const out = join(work, "child-结果.xlsx");
    const reportPath = join(work, "child-report.json");
    const r = spawnSync(
      process.execPath,
      ["--require", join(__dirname, "deny-network.js"), CLI, "score", input, "--out", out, "--report", reportPath, "--force"],
      {
        encoding: "utf8",
        timeout: 60000,
        env: { ...process.env, SHUANGBAI_DENY_NETWORK: "1" },
      },
    );
    expect(r.stderr).not.toMatch(/NETWORK ATTEMPT/);
    expect(r.status).toBe(0);
    const report = readFileSync(reportPath, "utf8");
    expect(JSON.parse(report).scores[0].grade).toBe(SEED_GRADE);
    expect(leaks(r.stdout + r.stderr + report)).toEqual([]);
  });
});
