import { parseArgs } from "node:util";
import { isIsoDate } from "../core/dates";

/** A mistake in how the command was called; the message is one line for the user. */
export class UsageError extends Error {}

export interface ScoreArgs {
  inputs: string[];
  out: string | null;
  outDir: string | null;
  report: string | null;
  summary: string | null;
  /** --doc FILE: the report draft as a Word document (with --out-dir: one per station) */
  doc: string | null;
  asOf: string | null;
  /** --contract (or its older name --period): the contract year */
  period: { start: string; end: string } | null;
  /** --staff 20/10: contracted headcounts, all social workers / certified */
  staff: { all: number | null; certified: number | null } | null;
  /** --retention 85: the 稳岗率 requirement as a fraction */
  retention: number | null;
  /** --follow-up 一级=7,二级=30 (repeatable): 跟进级别 → longest interval in days, over the default */
  followUp: Record<string, number> | null;
  lang: "zh" | "en";
  template: string | null;
  mappings: string | null;
  /** --layout FILE (repeatable): table layouts taught in the pane and exported as JSON */
  layouts: string[];
  /** --map 字段=表头 (repeatable): confirm or correct a column mapping; 字段= leaves it unmapped */
  map: Record<string, string | null>;
  values: boolean;
  noNormalise: boolean;
  noRestore: boolean;
  force: boolean;
  quiet: boolean;
  json: boolean;
}

export const USAGE = `用法：
  shuangbai score <输入.xlsx> [--out <输出.xlsx>] [--report <报告.json>] [--as-of YYYY-MM-DD]
                  [--contract YYYY-MM-DD..YYYY-MM-DD] [--staff 社工数/持证社工数]
                  [--retention 百分比] [--follow-up 级别=天数,…]
                  [--lang zh|en] [--template <套表.json>]
  shuangbai score <a.xlsx> <b.xlsx> … --out-dir <目录> [--summary <汇总.xlsx>]
  shuangbai template capture <空白套表.xlsx> [--sheet <工作表>] [--out <套表.json>]

选项：
  --out FILE          输出工作簿（默认：<输入名>-评估结果.xlsx，与输入同目录）
  --out-dir DIR       多个输入时的输出目录（每个输入一个结果和一个报告）
  --report FILE       以 JSON 写出评估报告（shuangbai/report@1）
  --summary FILE      多个输入时写出汇总工作簿（每个工作簿一行）
  --doc FILE          把评估报告摘要写成 Word 文档（.docx）；与 --out-dir 同用时每个社工站一份
  --as-of DATE        评估日期（缺省为评估周期的最后一天），用于年龄与跟进检查
  --contract A..B     年度服务协议时间（合同期），例如 2023-07-01..2024-06-30；
                      缺省时从“年度服务协议时间/协议期/合同期”读取。时间进度按合同期计算
  --period A..B       同 --contract（旧名称）
  --staff N/M         合同约定配备社工 N 名，其中持证社工 M 名（如 20/10；只知总数时写 20）；
                      缺省时从“合同约定：配备社工20名，其中持证社工不少于10名”读取
  --retention P       稳岗率要求（百分比，缺省 80），如 --retention 85
  --follow-up L=D     跟进级别 L 的最长跟进间隔 D 天，如 --follow-up 一级=7,二级=30（可重复）；
                      特殊困难老年人缺省 31 天（每月探访），写 特殊困难老年人=0 则不检查
  --template FILE     使用导出的套表定义（JSON）代替内置套表
  --layout FILE       套用在任务窗格中“指定表格”后导出的表格布局（JSON，可重复）；
                      表头已变的布局不套用，改为自动识别并给出提示
  --mappings FILE     读取并保存确认过的列对应关系（只保存表头名称）
  --map 字段=表头     确认或更正某个套表字段对应的列（可重复；“字段=”表示不对应）
  --values            写入数值而不是公式（冻结副本）
  --no-normalise      不把“200个”这类文本改成数字
  --no-restore        不还原服务对象汇总表
  --force             覆盖已存在的输出文件
  --quiet             不打印摘要
  --lang zh|en        报告与提示的语言（默认 zh）
`;

export function parseScoreArgs(argv: string[]): ScoreArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: "string" },
        "out-dir": { type: "string" },
        report: { type: "string" },
        summary: { type: "string" },
        doc: { type: "string" },
        "as-of": { type: "string" },
        period: { type: "string" },
        contract: { type: "string" },
        staff: { type: "string" },
        retention: { type: "string" },
        "follow-up": { type: "string", multiple: true },
        lang: { type: "string" },
        template: { type: "string" },
        mappings: { type: "string" },
        map: { type: "string", multiple: true },
        layout: { type: "string", multiple: true },
        values: { type: "boolean" },
        "no-normalise": { type: "boolean" },
        "no-restore": { type: "boolean" },
        force: { type: "boolean" },
        quiet: { type: "boolean" },
        json: { type: "boolean" },
      },
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const opt = /'(-{1,2}[^']+)'/.exec(msg)?.[1];
    throw new UsageError(opt ? `无法识别的选项或缺少取值：${opt}（运行 shuangbai --help 查看用法）` : `参数有误：${msg}`);
  }
  const v = parsed.values;
  const inputs = parsed.positionals;
  if (!inputs.length) throw new UsageError("缺少输入文件：shuangbai score <输入.xlsx>");
  const asOf = v["as-of"] ?? null;
  if (asOf !== null && !isIsoDate(asOf)) throw new UsageError(`--as-of 需要 YYYY-MM-DD 格式的日期，收到“${asOf}”`);
  let period: ScoreArgs["period"] = null;
  for (const [flag, given] of [
    ["--contract", v.contract],
    ["--period", v.period],
  ] as const) {
    if (given === undefined || period) continue;
    const m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(given);
    if (!m || !isIsoDate(m[1]) || !isIsoDate(m[2]) || m[2] < m[1]) throw new UsageError(`${flag} 需要 YYYY-MM-DD..YYYY-MM-DD，收到“${given}”`);
    period = { start: m[1], end: m[2] };
  }
  let staff: ScoreArgs["staff"] = null;
  if (v.staff !== undefined) {
    const m = /^(\d{1,4})(?:\/(\d{1,4}))?$/.exec(v.staff.trim());
    if (!m || Number(m[1]) === 0 || (m[2] !== undefined && Number(m[2]) > Number(m[1])))
      throw new UsageError(`--staff 需要“社工数/持证社工数”，如 20/10，收到“${v.staff}”`);
    staff = { all: Number(m[1]), certified: m[2] === undefined ? null : Number(m[2]) };
  }
  let retention: number | null = null;
  if (v.retention !== undefined) {
    const t = v.retention.trim().replace(/%$/, "");
    const p = /^\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
    if (!(p > 0 && p <= 100)) throw new UsageError(`--retention 需要大于 0、不超过 100 的百分比，如 85，收到“${v.retention}”`);
    retention = Math.round(p * 100) / 10000;
  }
  let followUp: Record<string, number> | null = null;
  for (const given of v["follow-up"] ?? []) {
    for (const part of given.split(/[,，;；、]+/)) {
      if (!part.trim()) continue;
      const m = /^\s*(.{1,20}?)\s*[=:：]\s*(\d{1,4})\s*天?\s*$/.exec(part);
      if (!m || Number(m[2]) > 3650) throw new UsageError(`--follow-up 需要“级别=天数”，如 一级=7,二级=30，收到“${part.trim()}”`);
      followUp = { ...(followUp ?? {}), [m[1]]: Number(m[2]) };
    }
  }
  const lang = v.lang ?? "zh";
  if (lang !== "zh" && lang !== "en") throw new UsageError(`--lang 只能是 zh 或 en，收到“${lang}”`);
  if (inputs.length > 1 && !v["out-dir"]) throw new UsageError("多个输入文件时需要 --out-dir <目录>");
  if (inputs.length > 1 && v.out) throw new UsageError("多个输入文件时请用 --out-dir，而不是 --out");
  const map: Record<string, string | null> = {};
  for (const m of v.map ?? []) {
    const at = m.indexOf("=");
    if (at <= 0) throw new UsageError(`--map 需要“字段=表头”的形式，收到“${m}”`);
    map[m.slice(0, at).trim()] = m.slice(at + 1).trim() || null;
  }
  if (v.summary && inputs.length < 1) throw new UsageError("--summary 需要至少一个输入文件");
  return {
    inputs,
    out: v.out ?? null,
    outDir: v["out-dir"] ?? null,
    report: v.report ?? null,
    summary: v.summary ?? null,
    doc: v.doc ?? null,
    asOf,
    period,
    staff,
    retention,
    followUp,
    lang,
    template: v.template ?? null,
    mappings: v.mappings ?? null,
    layouts: v.layout ?? [],
    map,
    values: !!v.values,
    noNormalise: !!v["no-normalise"],
    noRestore: !!v["no-restore"],
    force: !!v.force,
    quiet: !!v.quiet,
    json: !!v.json,
  };
}
