/**
 * The mutation fuzzer over the real-workbook corpus, one slice per test file. Every mutant (see
 * mutate.ts) goes through the file host in-process and through the command line's entry point,
 * with the corpus's properties: only typed refusals (exit 2, one plain line, no file), never a
 * plain Error, a hang or a half-written file, the input never modified, and whatever is written
 * sound (real-workbooks.ts).
 *
 * Time-boxed and reproducible: SHUANGBAI_FUZZ_MUTANTS mutants per file (default 4),
 * SHUANGBAI_FUZZ_SEED (default 1) picks them, SHUANGBAI_FUZZ_BUDGET_MS (optional) stops making
 * new mutants once a slice has run that long. A failing mutant is saved under
 * test-artifacts/fuzz/ with its description.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { evaluate } from "../../src/core/evaluate";
import { cliProblems } from "./corpus-shard";
import { mutate } from "./mutate";
import { applyAndCheck, corpusFiles, openAndRead, probePlan, readCorpus, shard, untyped } from "./real-workbooks";

const MUTANTS = Number(process.env.SHUANGBAI_FUZZ_MUTANTS ?? 4);
const SEED = Number(process.env.SHUANGBAI_FUZZ_SEED ?? 1);
const BUDGET_MS = Number(process.env.SHUANGBAI_FUZZ_BUDGET_MS ?? Infinity);
/** far above any sound run of a corpus file (≤ 0.5 s on a loaded machine): a hang or a blow-up */
const HANG_MS = 15000;
const ARTIFACTS = resolve(__dirname, "../../test-artifacts/fuzz");

/** What is wrong with the host's handling of one mutant's bytes (in-process). */
function hostProblems(bytes: Uint8Array): string[] {
  let opened;
  try {
    opened = openAndRead(bytes, "mutant.xlsx");
  } catch (e) {
    return [`reading threw a plain error: ${untyped(e)}`];
  }
  if (!opened.ok) return [];
  const problems: string[] = [];
  let result;
  try {
    result = evaluate(opened.snapshot, {});
  } catch (e) {
    return [`evaluate threw: ${e instanceof Error ? e.stack : String(e)}`];
  }
  if (!result.report.nothingToScore) problems.push(...applyAndCheck(bytes, opened.pkg, opened.snapshot, result.plan).problems.map((p) => `scored: ${p}`));
  problems.push(...applyAndCheck(bytes, opened.pkg, opened.snapshot, probePlan(opened.snapshot, opened.pkg)).problems.map((p) => `probe: ${p}`));
  return problems;
}

export function describeFuzzShard(k: number, n: number): void {
  const files = shard(corpusFiles(), k, n);
  let work: string;
  let started = 0;
  let ran = 0;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "shuangbai-fuzz-"));
    started = Date.now();
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.each(files)("mutants of %s", (file) => {
    const original = readCorpus(file);
    const failures: string[] = [];
    for (let i = 0; i < MUTANTS; i++) {
      if (ran > 0 && Date.now() - started > BUDGET_MS) break;
      const mutant = mutate(original, file, i, SEED);
      const dir = mkdtempSync(join(work, "m"));
      const input = join(dir, `${file.replace(/[\\/]/g, "__")}.${i}.xlsx`);
      writeFileSync(input, mutant.bytes);
      const t0 = Date.now();
      const problems = hostProblems(mutant.bytes);
      try {
        problems.push(...cliProblems(input, mutant.bytes, dir).map((p) => `cli: ${p}`));
      } catch (e) {
        problems.push(`cli check: reading threw a plain error: ${untyped(e)}`);
      }
      const ms = Date.now() - t0;
      if (ms > HANG_MS) problems.push(`took ${ms} ms`);
      ran++;
      if (problems.length) {
        mkdirSync(ARTIFACTS, { recursive: true });
        const saved = join(ARTIFACTS, `${file.replace(/[\\/]/g, "__")}.seed${SEED}.${i}.xlsx`);
        writeFileSync(saved, mutant.bytes);
        failures.push(`mutant ${i} (${mutant.kind}: ${mutant.what}; saved as ${saved}):\n  ${problems.join("\n  ")}`);
      }
    }
    expect(failures).toEqual([]);
  });
}
