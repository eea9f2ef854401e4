/**
 * One slice of the real-workbook corpus, as jest tests: each file is read, written with the
 * probe plan (every plan operation) and scored through the command line's own entry point
 * (in-process: spawning Node per file would cost more than the whole check). See
 * real-workbooks.ts for the properties.
 */
import { createHash } from "crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parseScoreArgs } from "../../src/cli/args";
import { loadOptions, nothingToScoreLine } from "../../src/cli/score";
import { evaluate } from "../../src/core/evaluate";
import { runCli } from "../support/run-cli";
import { applyAndCheck, corpusFiles, graftPlan, openAndRead, outputProblems, probePlan, readCorpus, shard } from "./real-workbooks";

const STACK_TRACE = /^\s+at\s|node:internal|^\w*Error:\s/m;
const CJK = /[\u4e00-\u9fff]/;
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** The checks of the command line's answer for one input file; returns problems. */
export function cliProblems(inputPath: string, inputBytes: Uint8Array, workDir: string, mustScore = false): string[] {
  const problems: string[] = [];
  const stem = inputPath
    .split("/")
    .pop()!
    .replace(/\.\w+$/, "");
  const out = join(workDir, `${stem}-out.xlsx`);
  const report = join(workDir, `${stem}-report.json`);
  const before = sha(readFileSync(inputPath));
  const run = runCli(["score", inputPath, "--out", out, "--report", report]);
  if (run.crash !== undefined) return [`the command line crashed: ${run.crash instanceof Error ? run.crash.stack : String(run.crash)}`];
  if (sha(readFileSync(inputPath)) !== before) problems.push("the input file was modified");
  const leftovers = readdirSync(workDir).filter((f) => f.endsWith(".tmp"));
  if (leftovers.length) problems.push(`temporary files left behind: ${leftovers.join(", ")}`);
  if (run.status === 2) {
    const lines = run.stderr.split("\n").filter((l) => l !== "");
    if (lines.length !== 1) problems.push(`exit 2 with ${lines.length} lines on stderr: ${JSON.stringify(run.stderr)}`);
    if (!/^shuangbai: /.test(run.stderr) || !CJK.test(run.stderr) || STACK_TRACE.test(run.stderr))
      problems.push(`not one plain line: ${JSON.stringify(run.stderr)}`);
    if (existsSync(out) || existsSync(report)) problems.push("exit 2 but an output file was written");
    return problems;
  }
  if (run.status !== 0) return [...problems, `exit ${run.status}: ${run.stderr}`];
  if (run.stderr !== "") problems.push(`exit 0 with stderr: ${JSON.stringify(run.stderr)}`);
  const opened = openAndRead(inputBytes, inputPath.split("/").pop());
  if (!opened.ok) return [...problems, `exit 0 though the file host refuses the input: ${opened.error.message}`];
  const result = evaluate(opened.snapshot, loadOptions(parseScoreArgs([inputPath])));
  if (result.report.nothingToScore) {
    if (mustScore) problems.push("the grafted station tables were not found");
    if (existsSync(out) || existsSync(report)) problems.push("nothing to score, yet a file was written");
    const line = nothingToScoreLine(inputPath.split("/").pop()!, "zh");
    if (run.stdout.trim() !== line) problems.push(`nothing to score, but stdout is ${JSON.stringify(run.stdout)}`);
    return problems;
  }
  if (!existsSync(out) || !existsSync(report)) return [...problems, "exit 0 with something to score, but no output or report"];
  problems.push(...outputProblems(inputBytes, opened.pkg, opened.snapshot, result.plan, new Uint8Array(readFileSync(out))));
  return problems;
}

export function describeCorpusShard(k: number, n: number): void {
  const files = shard(corpusFiles(), k, n);
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "shuangbai-real-corpus-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("has its share of the corpus", () => {
    // 276 files in SOURCES.md; a slice that came out empty would pass everything below
    expect(files.length).toBeGreaterThan(40);
  });

  it.each(files)("%s", (file) => {
    const bytes = readCorpus(file);
    const dir = mkdtempSync(join(work, "f"));
    const input = join(dir, file.replace(/[\\/]/g, "__"));
    writeFileSync(input, bytes);
    const problems: string[] = [];

    const opened = openAndRead(bytes, file);
    if (opened.ok) {
      const outcome = applyAndCheck(bytes, opened.pkg, opened.snapshot, probePlan(opened.snapshot, opened.pkg));
      if (outcome.refusal) problems.push(`the probe plan was refused: ${outcome.refusal.code} ${outcome.refusal.message}`);
      problems.push(...outcome.problems.map((p) => `probe: ${p}`));
    }
    problems.push(...cliProblems(input, bytes, dir).map((p) => `cli: ${p}`));
    if (opened.ok) {
      // the same package with a station's tables in it: now the command line writes into it
      const grafted = applyAndCheck(bytes, opened.pkg, opened.snapshot, graftPlan(opened.snapshot, opened.pkg));
      problems.push(...grafted.problems.map((p) => `graft: ${p}`));
      if (grafted.refusal) problems.push(`graft: refused: ${grafted.refusal.code} ${grafted.refusal.message}`);
      if (grafted.output) {
        const station = input.replace(/(\.\w+)$/, "-站点$1");
        writeFileSync(station, grafted.output);
        problems.push(...cliProblems(station, grafted.output, dir, true).map((p) => `cli on grafted: ${p}`));
      }
    }
    if (!opened.ok) {
      // a refused file must be refused by the command line too, with the reader's sentence
      const run = runCli(["score", input, "--out", join(dir, "again.xlsx"), "--force"]);
      if (run.status !== 2 || !run.stderr.includes(opened.error.message)) problems.push(`cli: refusal ${opened.error.code} not passed on: ${run.stderr}`);
    }
    expect(problems).toEqual([]);
  });
}
