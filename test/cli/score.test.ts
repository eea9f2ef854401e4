import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { unzipSync } from "fflate";
import { main } from "../../src/cli/main";
import { openXlsx, snapshotOf } from "../../src/file";
import type { Report } from "../../src/core/types";
import { capture } from "../support/capture-io";

const ROOT = path.join(__dirname, "..", "..");
const EXAMPLE = path.join(ROOT, "examples", "示例社工站评估表.xlsx");

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "shuangbai-cli-"));
}

describe("shuangbai score", () => {
  it("scores the example into a new workbook beside a copy of the input, leaving the input untouched", () => {
    const dir = tmpdir();
    const input = path.join(dir, "站点.xlsx");
    fs.copyFileSync(EXAMPLE, input);
    const before = fs.readFileSync(input);
    const c = capture();
    const code = main(["score", input, "--report", path.join(dir, "r.json"), "--as-of", "2023-11-30"], c.io);
    expect(code).toBe(0);
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    const out = path.join(dir, "站点-评估结果.xlsx");
    expect(fs.existsSync(out)).toBe(true);
    expect(c.out).toContain("185.50%");
    expect(c.out).toContain("总分 93.90");
    expect(c.out).toContain("等级 优秀");
    expect(c.out).toContain(`结果已写入：${out}`);
    const report = JSON.parse(fs.readFileSync(path.join(dir, "r.json"), "utf8")) as Report;
    expect(report.schema).toBe("shuangbai/report@1");
    expect(report.indicators).toHaveLength(14);
    expect(report.restorations[0].missingFields).toContain("服务成效");
    // the scored workbook reads back with the percentages and the restored view
    const snap = snapshotOf(openXlsx(new Uint8Array(fs.readFileSync(out))), "out.xlsx");
    expect(snap.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["指标完成情况", "四方评分", "服务对象台账", "评估发现"]));
    const ind = snap.sheets.find((s) => s.name === "指标完成情况")!;
    expect(ind.formulas?.[2]?.[3]).toBe('=IFERROR(C3/B3,"")');
    expect(ind.values[2][3]).toBeCloseTo(1.855, 12);
    expect(ind.values[2][1]).toBe(200);
    expect(ind.numberFormats?.[2]?.[1]).toBe('0"个"');
    // no full ID number or phone leaks into what was printed or reported
    const text = c.out + JSON.stringify(report);
    expect(text).not.toMatch(/(?<![\d.])\d{17}[\dX](?!\d)/);
    expect(text).not.toMatch(/(?<![\d.])1[3-9]\d{9}(?!\d)/);
  });

  it("refuses to overwrite an existing output without --force, and overwrites with it", () => {
    const dir = tmpdir();
    const out = path.join(dir, "o.xlsx");
    fs.writeFileSync(out, "old");
    const c = capture();
    expect(main(["score", EXAMPLE, "--out", out, "--quiet"], c.io)).toBe(2);
    expect(c.err).toContain("输出文件已存在");
    expect(fs.readFileSync(out, "utf8")).toBe("old");
    expect(main(["score", EXAMPLE, "--out", out, "--quiet", "--force"], capture().io)).toBe(0);
    expect(unzipSync(new Uint8Array(fs.readFileSync(out)))["xl/workbook.xml"]).toBeDefined();
  });

  it("is idempotent: scoring its own output again changes no cell of the original sheets", () => {
    const dir = tmpdir();
    const once = path.join(dir, "once.xlsx");
    const twice = path.join(dir, "twice.xlsx");
    expect(main(["score", EXAMPLE, "--out", once, "--quiet"], capture().io)).toBe(0);
    expect(main(["score", once, "--out", twice, "--quiet"], capture().io)).toBe(0);
    const a = snapshotOf(openXlsx(new Uint8Array(fs.readFileSync(once))), "a");
    const b = snapshotOf(openXlsx(new Uint8Array(fs.readFileSync(twice))), "b");
    expect(b.sheets.map((s) => s.name)).toEqual(a.sheets.map((s) => s.name));
    for (const s of a.sheets) {
      if (s.name === "评估发现") continue;
      const t = b.sheets.find((x) => x.name === s.name)!;
      expect(t.values).toEqual(s.values);
      expect(t.formulas).toEqual(s.formulas);
    }
  });

  it("scores several workbooks into a folder with a summary workbook", async () => {
    const dir = tmpdir();
    const a = path.join(dir, "甲站.xlsx");
    const b = path.join(dir, "乙站.xlsx");
    fs.copyFileSync(EXAMPLE, a);
    fs.copyFileSync(EXAMPLE, b);
    const outDir = path.join(dir, "out");
    const summary = path.join(dir, "汇总.xlsx");
    const c = capture();
    expect(await main(["score", a, b, "--out-dir", outDir, "--summary", summary, "--quiet"], c.io)).toBe(0);
    expect(fs.readdirSync(outDir).sort()).toEqual([
      "乙站-评估结果-报告摘要.docx",
      "乙站-评估结果.json",
      "乙站-评估结果.xlsx",
      "甲站-评估结果-报告摘要.docx",
      "甲站-评估结果.json",
      "甲站-评估结果.xlsx",
    ]);
    const snap = snapshotOf(openXlsx(new Uint8Array(fs.readFileSync(summary))), "汇总.xlsx");
    const rows = snap.sheets[0].values;
    expect(rows[0].slice(0, 4)).toEqual(["文件", "社工站", "总分", "等级"]);
    expect(rows.slice(1, 3).map((r) => [r[0], r[2], r[3]])).toEqual([
      ["甲站.xlsx", 93.9, "优秀"],
      ["乙站.xlsx", 93.9, "优秀"],
    ]);
    expect(rows[0]).toContain("建档");
    // 等级分布: live COUNTIF over the grade column
    const at = rows.findIndex((r) => r[0] === "等级分布");
    expect(rows.slice(at + 1, at + 5).map((r) => [r[0], r[1]])).toEqual([
      ["优秀", 2],
      ["良好", 0],
      ["合格", 0],
      ["不合格", 0],
    ]);
    expect(snap.sheets[0].formulas?.[at + 1]?.[1]).toBe('=COUNTIF(D2:D3,"优秀")');
    const xml = new TextDecoder().decode(unzipSync(new Uint8Array(fs.readFileSync(summary)))["xl/worksheets/sheet1.xml"]);
    expect(xml).toContain('<cfRule type="dataBar"');
    expect(xml).toContain('<cfRule type="colorScale"');
  });

  it("keeps going past an unreadable input, names it in one line, and exits 2", async () => {
    const dir = tmpdir();
    const bad = path.join(dir, "坏.xlsx");
    fs.writeFileSync(bad, "not a zip");
    const c = capture();
    expect(await main(["score", bad, EXAMPLE, "--out-dir", dir, "--quiet"], c.io)).toBe(2);
    expect(c.err.trim().split("\n")).toHaveLength(1);
    expect(c.err).toContain("坏.xlsx");
    expect(fs.existsSync(path.join(dir, "坏-评估结果.xlsx"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "示例社工站评估表-评估结果.xlsx"))).toBe(true);
  });

  it.each([
    [["score"], "缺少输入文件"],
    [["score", "nope.xlsx"], "找不到输入文件"],
    [["score", EXAMPLE, "--as-of", "2023-13-01"], "--as-of"],
    [["score", EXAMPLE, "--period", "2023-07-01"], "--period"],
    [["score", EXAMPLE, "--bogus"], "--bogus"],
    [["score", EXAMPLE, "--lang", "fr"], "--lang"],
    [["frobnicate"], "未知命令"],
  ])("exits 2 with one clear line for %j", (argv, text) => {
    const c = capture();
    expect(main(argv as string[], c.io)).toBe(2);
    expect(c.err).toContain(text);
    expect(c.err.trim().split("\n")).toHaveLength(1);
  });

  it("writes values instead of formulas with --values", () => {
    const dir = tmpdir();
    const out = path.join(dir, "v.xlsx");
    expect(main(["score", EXAMPLE, "--out", out, "--values", "--quiet"], capture().io)).toBe(0);
    const snap = snapshotOf(openXlsx(new Uint8Array(fs.readFileSync(out))), "v");
    const ind = snap.sheets.find((s) => s.name === "指标完成情况")!;
    expect(ind.formulas?.[2]?.[3] ?? null).toBeNull();
    expect(ind.values[2][3]).toBeCloseTo(1.855, 12);
  });

  it("captures a template from a sheet and uses it with --template", () => {
    const dir = tmpdir();
    const json = path.join(dir, "t.json");
    const c = capture();
    expect(main(["template", "capture", EXAMPLE, "--sheet", "服务对象台账", "--out", json], c.io)).toBe(0);
    const t = JSON.parse(fs.readFileSync(json, "utf8"));
    expect(t.fields.map((f: { name: string }) => f.name)).toContain("服务对象姓名");
    expect(main(["score", EXAMPLE, "--out", path.join(dir, "o.xlsx"), "--template", json, "--quiet"], capture().io)).toBe(0);
  });

  it("runs as `npx shuangbai` through the bin script and stays quiet about progress off a terminal", () => {
    const dir = tmpdir();
    const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "shuangbai.js"), "score", EXAMPLE, "--out", path.join(dir, "o.xlsx")], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("等级 优秀");
  });
});

describe("confirmed mappings", () => {
  it("applies --map and remembers it with --mappings, then reuses it as a saved mapping", () => {
    const dir = tmpdir();
    const store = path.join(dir, "对应关系.json");
    const r1 = path.join(dir, "r1.json");
    expect(
      main(["score", EXAMPLE, "--out", path.join(dir, "a.xlsx"), "--report", r1, "--map", "备注=跟进情况记录", "--mappings", store, "--quiet"], capture().io),
    ).toBe(0);
    const first = JSON.parse(fs.readFileSync(r1, "utf8")) as Report;
    expect(first.restorations[0].mapping.find((m) => m.field === "备注")).toMatchObject({ header: "跟进情况记录", method: "manual" });
    const saved = JSON.parse(fs.readFileSync(store, "utf8"));
    expect(JSON.stringify(saved)).not.toMatch(/\d{6,}/);
    const r2 = path.join(dir, "r2.json");
    expect(main(["score", EXAMPLE, "--out", path.join(dir, "b.xlsx"), "--report", r2, "--mappings", store, "--quiet"], capture().io)).toBe(0);
    const second = JSON.parse(fs.readFileSync(r2, "utf8")) as Report;
    expect(second.restorations[0].mapping.find((m) => m.field === "备注")).toMatchObject({ header: "跟进情况记录", method: "saved" });
  });

  it("rejects a --map without a field", () => {
    const c = capture();
    expect(main(["score", EXAMPLE, "--map", "=x"], c.io)).toBe(2);
    expect(c.err).toContain("--map");
  });
});

describe("terminal manners", () => {
  it("ends quietly when the reader closes the pipe early (| head)", async () => {
    const { spawn } = await import("node:child_process");
    const dir = tmpdir();
    const child = spawn(process.execPath, [path.join(ROOT, "bin", "shuangbai.js"), "score", EXAMPLE, "--out", path.join(dir, "o.xlsx")]);
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(err).not.toMatch(/EPIPE|at .*\.js:\d+/);
    expect(fs.existsSync(path.join(dir, "o.xlsx"))).toBe(true);
  });

  it("uses half-width punctuation in English", () => {
    const c = capture();
    expect(main(["score", EXAMPLE, "--out", path.join(tmpdir(), "o.xlsx"), "--lang", "en"], c.io)).toBe(0);
    const head = c.out.split("\n").filter((l) => !l.startsWith("  "));
    expect(head.join("\n")).not.toMatch(/[：；]|（\d/);
    expect(c.out).toContain("Findings: error");
  });
});

describe("output that cannot be written", () => {
  it("names the problem in one line when --out is a directory", () => {
    const dir = tmpdir();
    const c = capture();
    expect(main(["score", EXAMPLE, "--out", dir, "--force", "--quiet"], c.io)).toBe(2);
    expect(c.err.trim().split("\n")).toHaveLength(1);
    expect(c.err).toContain("无法写入输出文件");
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
