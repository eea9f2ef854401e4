import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { captureTemplate } from "../core/roster";
import { openXlsx, snapshotOf, XlsxError } from "../file";
import { UsageError } from "./args";
import { nodeZlibCodec } from "./nodeCodec";
import { InputError, type Io } from "./score";
import { writeFileAtomic } from "./writeFile";

/** `shuangbai template capture <blank.xlsx> [--sheet NAME] [--out template.json]` */
export function runTemplate(argv: string[], io: Io): number {
  const [sub, ...rest] = argv;
  if (sub !== "capture") throw new UsageError("用法：shuangbai template capture <空白套表.xlsx> [--sheet 工作表] [--out 套表.json]");
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: { sheet: { type: "string" }, out: { type: "string" }, force: { type: "boolean" } },
    });
  } catch (e) {
    throw new UsageError(`参数有误：${e instanceof Error ? e.message : String(e)}`);
  }
  const input = parsed.positionals[0];
  if (!input) throw new UsageError("缺少输入文件：shuangbai template capture <空白套表.xlsx>");
  if (!fs.existsSync(input)) throw new InputError(`找不到输入文件：${input}`);
  let snapshot;
  try {
    snapshot = snapshotOf(openXlsx(new Uint8Array(fs.readFileSync(input)), { codec: nodeZlibCodec }), path.basename(input));
  } catch (e) {
    if (e instanceof XlsxError) throw new InputError(`${path.basename(input)}：${e.message}`);
    throw e;
  }
  const sheet = parsed.values.sheet ? snapshot.sheets.find((s) => s.name === parsed.values.sheet) : snapshot.sheets.find((s) => !s.hidden);
  if (!sheet) throw new InputError(`工作簿中没有名为“${parsed.values.sheet}”的工作表`);
  let template;
  try {
    template = captureTemplate(sheet);
  } catch (e) {
    throw new InputError(`无法从工作表“${sheet.name}”读取套表：${e instanceof Error ? e.message : String(e)}`);
  }
  const json = JSON.stringify(template, null, 2) + "\n";
  const out = parsed.values.out;
  if (out) {
    if (!parsed.values.force && fs.existsSync(out)) throw new InputError(`输出文件已存在：${out}（加 --force 覆盖）`);
    writeFileAtomic(out, new TextEncoder().encode(json));
    io.stdout.write(`套表定义已写入：${out}（${template.fields.length} 个字段）\n`);
  } else {
    io.stdout.write(json);
  }
  return 0;
}
