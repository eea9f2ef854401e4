import { evaluate } from "../../../src/core/evaluate";
import { fitLayout } from "../../../src/core/layouts/fit";
import type { CellValue, Plan, SavedLayout } from "../../../src/core/types";
import { acrossScoreLayout, acrossScores, oddLayout, oddSheet, workbook } from "./fixtures";

/** Every cell a plan writes, as sheet!A1 → value (formula when there is one). */
function written(plan: Plan): Map<string, { value: CellValue; formula?: string }> {
  const out = new Map<string, { value: CellValue; formula?: string }>();
  const letters = (c: number) => String.fromCharCode(65 + c);
  for (const op of plan) {
    if (op.kind !== "cells") continue;
    op.cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell) out.set(`${op.sheet}!${letters(op.col + c)}${op.row + r + 1}`, { value: cell.value, formula: cell.formula });
      }),
    );
  }
  return out;
}

describe("a taught indicator table", () => {
  it("is not understood without its layout", () => {
    const r = evaluate(workbook(oddSheet()));
    expect(r.report.indicators).toHaveLength(0);
  });

  it("is scored through its layout by the same assessor as a detected table", () => {
    const r = evaluate(workbook(oddSheet()), { layouts: [oddLayout()] });
    expect(r.report.indicators.map((i) => [i.label, i.target, i.completed, i.percentCell])).toEqual([
      ["建档", 200, 150, "E3"],
      ["电访", 400, 500, "E4"],
      ["小组", 12, 9, "E5"],
    ]);
    const w = written(r.plan);
    expect(w.get("年度工作!E3")).toEqual({ value: 0.75, formula: '=IFERROR(D3/C3,"")' });
    expect(w.get("年度工作!E4")).toEqual({ value: 1.25, formula: '=IFERROR(D4/C4,"")' });
    // "9节" is normalised so the formula can divide, as for a detected table
    expect(w.get("年度工作!D5")?.value).toBe(9);
    // the declared 50 % in E3 is checked against 75 %
    expect(r.report.findings.find((f) => f.cell === "E3")?.code).toBe("percent-mismatch");
    expect(r.layoutsUsed).toEqual([{ name: "年度工作表", sheet: "年度工作", range: "A2:E5", used: true }]);
  });

  it("reads indicators added below the saved range", () => {
    const sheet = oddSheet();
    sheet.values.push(["探访", "人次", 50, 25, null]);
    const r = evaluate(workbook(sheet), { layouts: [oddLayout()] });
    expect(r.report.indicators.map((i) => i.label)).toEqual(["建档", "电访", "小组", "探访"]);
    expect(written(r.plan).get("年度工作!E6")?.value).toBe(0.5);
  });

  it("reads a taught table of areas without a 合计 as the detector does: the areas, and the total computed from them", () => {
    const sheet = {
      name: "片区",
      values: [
        ["事项", "东片", null, "西片", null],
        [null, "定", "做", "定", "做"],
        ["电访", 100, 80, 50, 70],
      ],
      merges: [
        { r1: 0, c1: 1, r2: 0, c2: 2 },
        { r1: 0, c1: 3, r2: 0, c2: 4 },
      ],
    };
    const layout: SavedLayout = {
      ...oddLayout(),
      sheet: "片区",
      range: "A1:E3",
      band: 2,
      lines: [
        { offset: 0, role: "label", header: "事项" },
        { offset: 1, role: "target", header: "东片/定", area: "东片" },
        { offset: 2, role: "completed", header: "东片/做", area: "东片" },
        { offset: 3, role: "target", header: "西片/定", area: "西片" },
        { offset: 4, role: "completed", header: "西片/做", area: "西片" },
      ],
    };
    const r = evaluate(workbook(sheet), { layouts: [layout] });
    expect(r.report.indicators.map((i) => [i.area, i.target, i.completed, i.percentCell])).toEqual([
      ["东片", 100, 80, null],
      ["西片", 50, 70, null],
      ["合计", 150, 150, "F3"],
    ]);
    const w = written(r.plan);
    expect(w.get("片区!F2")?.value).toBe("完成百分比（合计）");
    expect(w.get("片区!F3")).toEqual({ value: 1, formula: '=IFERROR((C3+E3)/(B3+D3),"")' });
  });

  it("reads a taught table of periods as one indicator per period, each with its own percentage", () => {
    const sheet = {
      name: "分期",
      values: [
        ["事项", "中期", null, "年度", null],
        [null, "定", "做", "定", "做"],
        ["电访", 100, 80, 200, 150],
      ],
      merges: [
        { r1: 0, c1: 1, r2: 0, c2: 2 },
        { r1: 0, c1: 3, r2: 0, c2: 4 },
      ],
    };
    const layout: SavedLayout = {
      ...oddLayout(),
      sheet: "分期",
      range: "A1:E3",
      band: 2,
      lines: [
        { offset: 0, role: "label", header: "事项" },
        { offset: 1, role: "target", header: "中期/定", area: "中期" },
        { offset: 2, role: "completed", header: "中期/做", area: "中期" },
        { offset: 3, role: "target", header: "年度/定", area: "年度" },
        { offset: 4, role: "completed", header: "年度/做", area: "年度" },
      ],
    };
    const r = evaluate(workbook(sheet), { layouts: [layout] });
    expect(r.report.indicators.map((i) => [i.area, i.period, i.percent, i.percentCell])).toEqual([
      [null, "中期", 0.8, "F3"],
      [null, "年度", 0.75, "G3"],
    ]);
    expect(r.report.findings.filter((f) => f.code === "sum-mismatch")).toEqual([]);
  });

  it("adds a percent line when the layout has none", () => {
    const layout: SavedLayout = { ...oddLayout(), range: "A2:D5", lines: oddLayout().lines.filter((l) => l.role !== "percent") };
    const sheet = oddSheet();
    sheet.values.forEach((row) => row.splice(4, 1));
    const w = written(evaluate(workbook(sheet), { layouts: [layout] }).plan);
    expect(w.get("年度工作!E2")?.value).toBe("完成百分比");
    expect(w.get("年度工作!E3")?.value).toBe(0.75);
  });

  it("reads a table laid across (names along a row)", () => {
    const sheet = {
      name: "横表",
      values: [
        ["事项", "建档", "电访"],
        ["年初定的", 200, 400],
        ["到现在", 100, 600],
        ["进度比", null, null],
      ],
    };
    const layout: SavedLayout = {
      ...oddLayout(),
      sheet: "横表",
      orientation: "across",
      range: "A1:C4",
      lines: [
        { offset: 0, role: "label", header: "事项" },
        { offset: 1, role: "target", header: "年初定的" },
        { offset: 2, role: "completed", header: "到现在" },
        { offset: 3, role: "percent", header: "进度比" },
      ],
    };
    const r = evaluate(workbook(sheet), { layouts: [layout] });
    const w = written(r.plan);
    expect(w.get("横表!B4")).toEqual({ value: 0.5, formula: '=IFERROR(B3/B2,"")' });
    expect(w.get("横表!C4")).toEqual({ value: 1.5, formula: '=IFERROR(C3/C2,"")' });
  });

  it("reads area groups with their total and checks the sum", () => {
    const sheet = {
      name: "片区",
      values: [
        ["事项", "东片", null, "西片", null, "全部", null, "比"],
        [null, "定", "做", "定", "做", "定", "做", null],
        ["电访", 100, 80, 50, 40, 160, 120, null],
      ],
      merges: [
        { r1: 0, c1: 1, r2: 0, c2: 2 },
        { r1: 0, c1: 3, r2: 0, c2: 4 },
        { r1: 0, c1: 5, r2: 0, c2: 6 },
        { r1: 0, c1: 7, r2: 1, c2: 7 },
      ],
    };
    const layout: SavedLayout = {
      ...oddLayout(),
      sheet: "片区",
      range: "A1:H3",
      band: 2,
      lines: [
        { offset: 0, role: "label", header: "事项" },
        { offset: 1, role: "target", header: "东片/定", area: "东片" },
        { offset: 2, role: "completed", header: "东片/做", area: "东片" },
        { offset: 3, role: "target", header: "西片/定", area: "西片" },
        { offset: 4, role: "completed", header: "西片/做", area: "西片" },
        { offset: 5, role: "target", header: "全部/定", area: "全部", areaTotal: true },
        { offset: 6, role: "completed", header: "全部/做", area: "全部", areaTotal: true },
        { offset: 7, role: "percent", header: "比", area: "全部", areaTotal: true },
      ],
    };
    const r = evaluate(workbook(sheet), { layouts: [layout] });
    expect(r.report.indicators.map((i) => [i.area, i.percentCell])).toEqual([
      ["东片", null],
      ["西片", null],
      ["合计", "H3"],
    ]);
    expect(written(r.plan).get("片区!H3")?.value).toBe(0.75);
    expect(r.report.findings.filter((f) => f.code === "sum-mismatch").map((f) => f.cell)).toEqual(["F3"]);
  });

  it("reads a one-record block whose name is the label line's header", () => {
    const sheet = {
      name: "块",
      values: [
        ["服务对象建档", "要多少", "有多少", "到哪了"],
        [null, 200, 371, null],
      ],
    };
    const layout: SavedLayout = {
      ...oddLayout(),
      sheet: "块",
      range: "A1:D2",
      lines: [
        { offset: 0, role: "label", header: "服务对象建档" },
        { offset: 1, role: "target", header: "要多少" },
        { offset: 2, role: "completed", header: "有多少" },
        { offset: 3, role: "percent", header: "到哪了" },
      ],
    };
    const r = evaluate(workbook(sheet), { layouts: [layout] });
    expect(r.report.indicators).toMatchObject([{ label: "服务对象建档", labelCell: "A1", percentCell: "D2", target: 200, completed: 371 }]);
  });

  it("replaces the detector over its cells, and only there", () => {
    const sheet = oddSheet();
    // a table the detector does read, below the taught one
    sheet.values.push([null], [null], ["指标名称", "单位", "协议指标", "实际完成", "完成率"], ["探访", "人次", 10, 5, null]);
    const r = evaluate(workbook(sheet), { layouts: [oddLayout()] });
    expect(r.report.indicators.map((i) => i.label)).toEqual(["建档", "电访", "小组", "探访"]);
    expect(new Set(r.report.indicators.map((i) => i.percentCell)).size).toBe(4);
  });
});

describe("a taught score table", () => {
  it("scores four parties laid across and writes the total and grade into their records", () => {
    expect(evaluate(workbook(acrossScores())).report.scores).toHaveLength(0);
    const r = evaluate(workbook(acrossScores()), { layouts: [acrossScoreLayout()] });
    const score = r.report.scores[0];
    expect(score.parties.map((p) => [p.party, p.cell, p.weight])).toEqual([
      ["buyer", "B3", 0.2],
      ["supervisor", "C3", 0.1],
      ["supervision-centre", "D3", 0.15],
      ["third-party", "E3", 0.55],
    ]);
    // on the 100-point scale: 18 + 8 + 10.5 + 52.25
    expect(score).toMatchObject({ mode: "scale100", total: 88.75, grade: "良好", totalCell: "F3", gradeCell: "G3" });
    const w = written(r.plan);
    expect(w.get("打分!F3")).toEqual({ value: 88.75, formula: "=ROUND(B2*B3+C2*C3+D2*D3+E2*E3,2)" });
    expect(w.get("打分!G3")?.value).toBe("良好");
  });

  it("adds 总分 and 等级 past the last party when the table has none", () => {
    const sheet = acrossScores();
    sheet.values = sheet.values.map((row) => row.slice(0, 5));
    const layout: SavedLayout = { ...acrossScoreLayout(), range: "A1:E3", records: acrossScoreLayout().records?.slice(0, 4) };
    const w = written(evaluate(workbook(sheet), { layouts: [layout] }).plan);
    expect(w.get("打分!F1")?.value).toBe("总分");
    expect(w.get("打分!F3")?.value).toBe(88.75);
    expect(w.get("打分!G1")?.value).toBe("等级");
    expect(w.get("打分!G3")?.value).toBe("良好");
  });

  it("reads the parties from their names when the layout saved no records", () => {
    const sheet = {
      name: "评",
      values: [
        ["谁", "分"],
        ["购买方", 18],
        ["监督方", 9],
        ["督导中心", 13],
        ["第三方", 50],
      ],
    };
    const layout: SavedLayout = {
      schema: "shuangbai/layout@1",
      name: "评分",
      kind: "scores",
      sheet: "评",
      orientation: "down",
      range: "A1:B5",
      band: 1,
      lines: [
        { offset: 0, role: "label", header: "谁" },
        { offset: 1, role: "score", header: "分" },
      ],
    };
    const r = evaluate(workbook(sheet), { layouts: [layout] });
    expect(r.report.scores[0]).toMatchObject({ mode: "points", total: 90, grade: "优秀", totalCell: "B6", gradeCell: "B7" });
  });
});

describe("staleness", () => {
  it("a changed header makes the layout stale: a finding on that header, and the detector runs", () => {
    const sheet = oddSheet();
    sheet.values[1] = ["指标名称", "单位", "协议指标", "实际完成", "完成率"];
    const r = evaluate(workbook(sheet), { layouts: [oddLayout()] });
    const stale = r.report.findings.filter((f) => f.code === "stale-saved-layout");
    expect(stale).toEqual([expect.objectContaining({ sheet: "年度工作", cell: "A2", severity: "warning" })]);
    expect(stale[0].message).toContain("年度工作表");
    expect(stale[0].message).toContain("事项");
    // the detector read the table instead
    expect(r.report.indicators.map((i) => i.label)).toEqual(["建档", "电访", "小组"]);
    expect(r.layoutsUsed?.[0].used).toBe(false);
  });

  it("a layout from another workbook fits a sheet of another name with the same headers", () => {
    const sheet = { ...oddSheet(), name: "Sheet1" };
    const fit = fitLayout(oddLayout(), workbook(sheet));
    expect(fit.ok && fit.model.sheet).toBe("Sheet1");
  });

  it("a layout whose sheet is gone and fits nowhere says so on the first sheet", () => {
    const r = evaluate(workbook({ name: "别的", values: [["无关"]] }), { layouts: [oddLayout()] });
    const f = r.report.findings.find((x) => x.code === "stale-saved-layout");
    expect(f).toMatchObject({ sheet: "别的", cell: "A1" });
    expect(f?.message).toContain("已不存在");
  });

  it("headers compare in normal form: full-width letters and spaces do not make a layout stale", () => {
    const sheet = oddSheet();
    sheet.values[1][0] = " 事 项 ";
    expect(fitLayout(oddLayout(), workbook(sheet)).ok).toBe(true);
  });

  it("a merge that moved changes the composed header and makes an area layout stale", () => {
    const sheet = {
      name: "片区",
      values: [
        ["事项", "东片", null],
        [null, "定", "做"],
        ["电访", 100, 80],
      ],
      merges: [{ r1: 0, c1: 1, r2: 0, c2: 2 }],
    };
    const layout: SavedLayout = {
      ...oddLayout(),
      sheet: "片区",
      range: "A1:C3",
      band: 2,
      lines: [
        { offset: 0, role: "label", header: "事项" },
        { offset: 1, role: "target", header: "东片/定" },
        { offset: 2, role: "completed", header: "东片/做" },
      ],
    };
    expect(fitLayout(layout, workbook(sheet)).ok).toBe(true);
    expect(fitLayout(layout, workbook({ ...sheet, merges: [] })).ok).toBe(false);
  });
});
