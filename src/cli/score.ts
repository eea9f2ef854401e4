import * as fs from "node:fs";
import * as path from "node:path";
import { evaluate } from "../core/evaluate";
import { LayoutError, parseLayoutJson } from "../core/layouts/savedLayout";
import { validateTemplate } from "../core/roster";
import { DEFAULT_FOLLOW_UP_INTERVALS } from "../core/roster/followup";
import type { ReportDraft } from "../core/report";
import type { EvaluateOptions, Report, SavedMapping } from "../core/types";
import { applyPlanPieces, openXlsx, snapshotOf, XlsxError } from "../file";
import type { ScoreArgs } from "./args";
import { UsageError } from "./args";
import { nodeZlibCodec } from "./nodeCodec";
import { summaryText } from "./print";
import { Progress } from "./progress";
import { writeSummaryWorkbook } from "./summary";
import { writeFileAtomic } from "./writeFile";

/** A problem with one input the user can fix; printed as one line, never a stack trace. */
export class InputError extends Error {}

export interface Io {
  stdout: { write(s: string): boolean; isTTY?: boolean };
  stderr: { write(s: string): boolean; isTTY?: boolean };
}

export function defaultOutPath(input: string, dir?: string): string {
  const base = path.basename(input).replace(/\.(xlsx|xlsm)$/i, "");
  const ext = /\.xlsm$/i.test(input) ? ".xlsm" : ".xlsx";
  return path.join(dir ?? path.dirname(input), `${base}-评估结果${ext}`);
}

function readInput(file: string): Uint8Array {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new InputError(`找不到输入文件：${file}`);
  }
  if (stat.isDirectory()) throw new InputError(`输入是一个目录，不是 .xlsx 文件：${file}`);
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch {
    throw new InputError(`无法读取输入文件（权限不足或文件被占用）：${file}`);
  }
}

export function loadOptions(args: ScoreArgs): EvaluateOptions {
  const options: EvaluateOptions = {
    lang: args.lang,
    asOf: args.asOf,
    contract: args.period,
    staff: args.staff,
    ...(args.retention === null ? {} : { retentionThreshold: args.retention }),
    // levels given on top of the default, so the elderly rule stays unless 特殊困难老年人=0
    ...(args.followUp === null ? {} : { followUpIntervals: { ...DEFAULT_FOLLOW_UP_INTERVALS, ...args.followUp } }),
    liveFormulas: !args.values,
    normaliseUnits: !args.noNormalise,
    restore: !args.noRestore,
  };
  if (Object.keys(args.map).length) options.manualMapping = args.map;
  for (const file of args.layouts) {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      throw new UsageError(`无法读取表格布局文件：${file}`);
    }
    try {
      options.layouts = [...(options.layouts ?? []), ...parseLayoutJson(text)];
    } catch (e) {
      throw new UsageError(`表格布局文件 ${file} 无效：${e instanceof LayoutError ? (args.lang === "en" ? e.en : e.zh) : String(e)}`);
    }
  }
  if (args.template) {
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(args.template, "utf8"));
    } catch {
      throw new UsageError(`无法读取套表定义（需要 JSON 文件）：${args.template}`);
    }
    try {
      options.template = validateTemplate(json);
    } catch (e) {
      throw new UsageError(`套表定义无效：${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (args.mappings && fs.existsSync(args.mappings)) {
    try {
      const saved = JSON.parse(fs.readFileSync(args.mappings, "utf8")) as { mappings?: SavedMapping[] };
      options.savedMappings = Array.isArray(saved.mappings) ? saved.mappings : [];
    } catch {
      throw new UsageError(`无法读取已保存的列对应关系：${args.mappings}`);
    }
  }
  return options;
}

function rememberMappings(file: string, previous: SavedMapping[], fresh: SavedMapping[]): void {
  const merged = previous.filter((p) => !fresh.some((f) => f.template === p.template && f.signature === p.signature));
  merged.push(...fresh);
  writeFileAtomic(file, new TextEncoder().encode(JSON.stringify({ schema: "shuangbai/mappings@1", mappings: merged }, null, 2) + "\n"));
}

export interface ScoredFile {
  input: string;
  out: string;
  report: Report;
}

/** Score one workbook into a new file. Throws InputError for an input the user must fix. */
export function scoreFile(
  input: string,
  out: string,
  options: EvaluateOptions,
  force: boolean,
  onPhase: (p: "read" | "analyse" | "write") => void,
): { report: Report; mappings: SavedMapping[]; draft: ReportDraft | null; written: boolean } {
  if (path.resolve(out) === path.resolve(input)) throw new InputError(`输出文件不能与输入文件相同：${out}`);
  if (!force && fs.existsSync(out)) throw new InputError(`输出文件已存在：${out}（加 --force 覆盖）`);
  onPhase("read");
  const bytes = readInput(input);
  // Parts are inflated lazily, so a damaged worksheet can surface while reading or writing.
  let result;
  let outBytes: Uint8Array[] | null = null;
  try {
    const pkg = openXlsx(bytes, { codec: nodeZlibCodec });
    // the worksheets' bytes are kept for the writer: the roster is inflated once
    const snapshot = snapshotOf(pkg, path.basename(input), true);
    onPhase("analyse");
    result = evaluate(snapshot, options);
    if (!result.report.nothingToScore) {
      onPhase("write");
      outBytes = applyPlanPieces(pkg, result.plan, snapshot);
    }
  } catch (e) {
    if (e instanceof XlsxError) throw new InputError(`${path.basename(input)}：${e.message}`);
    throw e;
  }
  // nothing to score, nothing written: no output file and no report
  if (!outBytes) return { report: result.report, mappings: [], draft: null, written: false };
  try {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    writeFileAtomic(out, outBytes);
  } catch (e) {
    throw new InputError(`无法写入输出文件 ${out}：${describeFsError(e)}`);
  }
  return { report: result.report, mappings: result.mappingsToRemember ?? [], draft: result.draft ?? null, written: true };
}

/** A file-system failure in words a user can act on. */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  const known: Record<string, string> = {
    ENOSPC: "磁盘已满",
    EACCES: "没有写入权限",
    EPERM: "没有写入权限",
    EROFS: "磁盘是只读的",
    EISDIR: "这是一个目录，请给出文件名",
    ENOTDIR: "路径中有一部分不是目录",
    EBUSY: "文件正被其他程序占用（例如在 Excel 中打开着）",
  };
  return (code && known[code]) ?? `系统错误 ${code ?? String(e)}`;
}

function writeReport(file: string, report: Report): void {
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileAtomic(file, new TextEncoder().encode(JSON.stringify(report, null, 2) + "\n"));
  } catch (e) {
    throw new InputError(`无法写入报告 ${file}：${describeFsError(e)}`);
  }
}

export function nothingToScoreLine(file: string, lang: "zh" | "en"): string {
  return lang === "zh"
    ? `${file}：没有找到可评估的内容（指标表、评分表或服务对象汇总表），未写入任何文件。`
    : `${file}: nothing to evaluate (no indicator table, score sheet or roster); no file was written.`;
}

/** Where the Word draft of one input goes: --doc, or beside its result in --out-dir. */
function docPath(args: ScoreArgs, out: string): string | null {
  if (args.outDir)
    return args.doc || args.inputs.length > 1 ? path.join(args.outDir, path.basename(out).replace(/\.(xlsx|xlsm)$/i, "") + "-报告摘要.docx") : null;
  return args.doc;
}

async function writeDocs(jobs: { file: string; draft: ReportDraft }[], args: ScoreArgs, io: Io): Promise<number> {
  // loaded only when a document is asked for: the docx library is the largest dependency
  const { reportDocx } = await import(/* webpackChunkName: "word" */ "../word/reportDocx");
  let failed = 0;
  for (const job of jobs) {
    if (!args.force && fs.existsSync(job.file)) {
      io.stderr.write(`shuangbai: 报告摘要文件已存在：${job.file}（加 --force 覆盖）\n`);
      failed++;
      continue;
    }
    try {
      const bytes = await reportDocx(job.draft);
      fs.mkdirSync(path.dirname(path.resolve(job.file)), { recursive: true });
      writeFileAtomic(job.file, bytes);
      if (!args.quiet) io.stdout.write((args.lang === "zh" ? `报告摘要已写入：${job.file}` : `Report summary written: ${job.file}`) + "\n");
    } catch (e) {
      io.stderr.write(`shuangbai: 无法写入报告摘要 ${job.file}：${describeFsError(e)}\n`);
      failed++;
    }
  }
  return failed;
}

/**
 * The `score` command. Returns the exit code; a Promise of it when Word documents are to be
 * written (the docx library packs asynchronously), so plain runs stay synchronous.
 */
export function runScore(args: ScoreArgs, io: Io): number | Promise<number> {
  const options = loadOptions(args);
  const zh = args.lang === "zh";
  const progress = new Progress(io.stderr, args.lang, args.inputs.length);
  const done: ScoredFile[] = [];
  const freshMappings: SavedMapping[] = [];
  const docs: { file: string; draft: ReportDraft }[] = [];
  let failed = 0;
  for (let i = 0; i < args.inputs.length; i++) {
    const input = args.inputs[i];
    const out = args.out ?? defaultOutPath(input, args.outDir ?? undefined);
    try {
      const { report, mappings, draft, written } = scoreFile(input, out, options, args.force, (phase) => progress.update(i, path.basename(input), phase));
      freshMappings.push(...mappings);
      progress.update(i, path.basename(input), "done");
      progress.clear();
      if (!written) {
        if (!args.quiet) io.stdout.write(nothingToScoreLine(path.basename(input), args.lang) + "\n");
        continue;
      }
      let reportPath = args.report;
      if (args.outDir) reportPath = path.join(args.outDir, path.basename(out).replace(/\.(xlsx|xlsm)$/i, "") + ".json");
      if (reportPath) writeReport(reportPath, report);
      done.push({ input, out, report });
      const doc = docPath(args, out);
      if (doc && draft) docs.push({ file: doc, draft });
      if (!args.quiet) {
        io.stdout.write(summaryText(report, args.lang) + "\n");
        io.stdout.write(
          (zh ? `结果已写入：${out}` : `Written: ${out}`) + (reportPath ? (zh ? `；报告：${reportPath}` : `; report: ${reportPath}`) : "") + "\n\n",
        );
      }
    } catch (e) {
      progress.clear();
      if (e instanceof InputError) {
        io.stderr.write(`shuangbai: ${e.message}\n`);
        failed++;
        continue;
      }
      throw e;
    }
  }
  if (args.mappings && freshMappings.length) rememberMappings(args.mappings, options.savedMappings ?? [], freshMappings);
  if (args.summary && done.length) {
    writeSummaryWorkbook(args.summary, done, args.lang, args.force);
    if (!args.quiet) io.stdout.write((zh ? `汇总已写入：${args.summary}` : `Summary written: ${args.summary}`) + "\n");
  }
  if (docs.length) return writeDocs(docs, args, io).then((f) => (failed + f ? 2 : 0));
  return failed ? 2 : 0;
}
