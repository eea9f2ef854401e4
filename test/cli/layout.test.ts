import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../src/cli/main";
import { layoutsToJson } from "../../src/core/layouts/savedLayout";
import type { Report, SheetSnapshot } from "../../src/core/types";
import { applyPlan, newWorkbook, openXlsx, snapshotOf } from "../../src/file";
import { acrossScoreLayout, acrossScores, oddLayout, oddSheet } from "../core/layouts/fixtures";
import { capture } from "../support/capture-io";

function xlsxOf(sheets: SheetSnapshot[]): Uint8Array {
  const pkg = openXlsx(newWorkbook(sheets[0].name));
  return applyPlan(
    pkg,
    sheets.flatMap((s, i) => [
      ...(i === 0 ? [] : [{ kind: "addSheet" as const, sheet: s.name }]),
      { kind: "cells" as const, sheet: s.name, row: 0, col: 0, purpose: "restore" as const, cells: s.values.map((row) => row.map((value) => ({ value }))) },
    ]),
  );
}

describe("shuangbai score --layout", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shuangbai-layout-"));
  const input = path.join(dir, "站点.xlsx");
  fs.writeFileSync(input, xlsxOf([oddSheet(), acrossScores()]));
  const indicatorsFile = path.join(dir, "指标表布局.json");
  const scoresFile = path.join(dir, "评分表布局.json");
  fs.writeFileSync(indicatorsFile, layoutsToJson([oddLayout()]));
  fs.writeFileSync(scoresFile, layoutsToJson([acrossScoreLayout()]));

  it("reads tables the detector does not, from two layout files, and writes their cells", () => {
    const out = path.join(dir, "out.xlsx");
    const reportFile = path.join(dir, "r.json");
    const c = capture();
    const code = main(["score", input, "--out", out, "--report", reportFile, "--layout", indicatorsFile, "--layout", scoresFile, "--quiet"], c.io);
    expect(c.err).toBe("");
    expect(code).toBe(0);
    const report = JSON.parse(fs.readFileSync(reportFile, "utf8")) as Report;
    expect(report.indicators.map((i) => i.percentCell)).toEqual(["E3", "E4", "E5"]);
    expect(report.scores[0]).toMatchObject({ total: 88.75, grade: "良好", totalCell: "F3", gradeCell: "G3" });
    const snap = snapshotOf(openXlsx(new Uint8Array(fs.readFileSync(out))), "out.xlsx");
    const ind = snap.sheets.find((s) => s.name === "年度工作")!;
    expect(ind.formulas?.[2]?.[4]).toBe('=IFERROR(D3/C3,"")');
    expect(ind.values[2][4]).toBe(0.75);
    const sc = snap.sheets.find((s) => s.name === "打分")!;
    expect(sc.values[2][5]).toBe(88.75);
    expect(sc.values[2][6]).toBe("良好");
  });

  it("without the layouts nothing in those tables is scored", () => {
    const reportFile = path.join(dir, "r0.json");
    const c = capture();
    // nothing to score, nothing written: exit 0, one line, neither the workbook nor the report
    expect(main(["score", input, "--out", path.join(dir, "out0.xlsx"), "--report", reportFile], c.io)).toBe(0);
    expect(c.out).toContain("没有找到可评估的内容");
    expect(fs.existsSync(reportFile)).toBe(false);
    expect(fs.existsSync(path.join(dir, "out0.xlsx"))).toBe(false);
  });

  it("a broken layout file is one plain line and exit code 2, nothing written", () => {
    const bad = path.join(dir, "坏.json");
    fs.writeFileSync(bad, JSON.stringify({ ...oddLayout(), band: 7 }));
    const out = path.join(dir, "never.xlsx");
    const c = capture();
    expect(main(["score", input, "--out", out, "--layout", bad], c.io)).toBe(2);
    expect(c.err).toMatch(/表格布局文件 .*坏\.json 无效：.*1 至 3 行/);
    expect(c.err.trim().split("\n")).toHaveLength(1);
    expect(fs.existsSync(out)).toBe(false);
    const missing = capture();
    expect(main(["score", input, "--out", out, "--layout", path.join(dir, "没有.json")], missing.io)).toBe(2);
    expect(missing.err).toMatch(/无法读取表格布局文件/);
  });
});
