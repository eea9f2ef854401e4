import { datesInText } from "../../../src/core/dates";
import { evaluate } from "../../../src/core/evaluate";
import { FOLLOW_UP_HEADER, latestDate, levelKey, yearFinder } from "../../../src/core/roster/followup";
import type { CellValue, PlanOp, WorkbookSnapshot } from "../../../src/core/types";
import { plannedGrid } from "../../support/plan-grid";

const SHEET = "台账";
const HEADER = ["序号", "姓名", "性别", "年龄", "村（居）", "联系电话", "服务对象类别", "跟进级别", "跟进记录（电访/探访）"];
const WINDOW = { start: "2023-07-01", end: "2023-11-30" };

function roster(rows: [number, string, string, string][]): WorkbookSnapshot {
  const values: CellValue[][] = [["服务对象台账（2023年7月1日至2023年11月30日）"], HEADER];
  rows.forEach(([age, cat, level, record], i) => values.push([i + 1, `对象${i + 1}`, "女", age, "青年社区", "13800138000", cat, level, record]));
  return { source: "台账.xlsx", sheets: [{ name: SHEET, values }] };
}

const FOLLOW = ["follow-up-overdue", "follow-up-undated"];

describe("dates in 跟进记录", () => {
  const yearOf = yearFinder(WINDOW, "2023-11-30");
  test.each([
    ["2023.8.1 电访", "2023-8-1"],
    ["2023-08-01探访", "2023-8-1"],
    ["2023/8/1", "2023-8-1"],
    ["2023年8月1日入户", "2023-8-1"],
    ["8月3日电访，情绪稳定", "2023-8-3"],
    ["２０２３年８月１日", "2023-8-1"],
  ])("%s", (text, date) => {
    const [d] = datesInText(text, yearOf);
    expect(`${d.date.y}-${d.date.m}-${d.date.d}`).toBe(date);
  });

  test("a bare 8.3, a measurement or an impossible date is not a date", () => {
    expect(datesInText("血压 8.3，体重 60.5", yearOf)).toEqual([]);
    expect(datesInText("2023年13月45日", yearOf)).toEqual([]);
  });

  test("the latest date not after the as-of date", () => {
    const d = latestDate("2023.8.1 电访；2023年10月12日探访；9月3日电访；2024.1.1（预约）", yearOf, "2023-11-30");
    expect(d?.written).toBe("2023年10月12日");
  });

  test("levels compare as numbers: 一级 = 1级 = 1", () => {
    expect([levelKey("一级"), levelKey("1级"), levelKey("1"), levelKey(" 二 级")]).toEqual(["1", "1", "1", "2"]);
  });
});

describe("follow-up recency on the roster", () => {
  test("by default only elderly rows are held to monthly follow-up, on their 跟进记录 cell", () => {
    const r = evaluate(
      roster([
        [80, "独居老人", "一级", "2023.10.5 电访"], // 56 days before 2023-11-30: overdue
        [75, "孤寡老人", "一级", "2023年11月20日探访"], // 10 days: fine
        [70, "空巢", "二级", "定期探访"], // no date at all
        [40, "低保对象", "一级", "2023.7.1 电访"], // not elderly, levels unset: not checked
        [45, "重残", "一级", "2023.7.1 电访"], // a bare 重残 under 60 is not elderly
      ]),
    );
    const got = r.report.findings.filter((f) => FOLLOW.includes(f.code)).map((f) => `${f.code} ${f.cell}`);
    expect(got).toEqual(["follow-up-overdue I3", "follow-up-undated I5"]);
    expect(r.report.findings.find((f) => f.code === "follow-up-overdue")?.message).toContain("2023-10-05");
  });

  test("a column without a single date is one warning on its header, not one per row", () => {
    const r = evaluate(
      roster([
        [80, "独居老人", "一级", "每月电访一次"],
        [75, "孤寡老人", "一级", "节前探访"],
      ]),
    );
    const got = r.report.findings.filter((f) => f.code.startsWith("follow-up")).map((f) => `${f.code} ${f.cell}`);
    expect(got).toEqual(["follow-up-no-dates I2"]);
  });

  test("a setting maps 跟进级别 to a longest interval; the strictest applying rule wins", () => {
    const rows: [number, string, string, string][] = [
      [40, "低保对象", "一级", "2023.11.1 电访"], // 29 days > 14
      [40, "低保对象", "2级", "2023.11.1 电访"], // 29 days ≤ 60
      [80, "独居老人", "三级", "2023.10.25 电访"], // 36 days > 31 (elderly), although 三级 allows 90
    ];
    const r = evaluate(roster(rows), { followUpIntervals: { 一级: 14, 二级: 60, 三级: 90, 特殊困难老年人: 31 } });
    const got = r.report.findings.filter((f) => FOLLOW.includes(f.code)).map((f) => `${f.code} ${f.cell}`);
    expect(got).toEqual(["follow-up-overdue I3", "follow-up-overdue I5"]);
    const none = evaluate(roster(rows), { followUpIntervals: {} });
    expect(none.report.findings.filter((f) => FOLLOW.includes(f.code))).toEqual([]);
  });

  test("the restored view gets a live 最近跟进日期 column after the template's", () => {
    const wb = roster([
      [80, "独居老人", "一级", "2023.8.1 电访；8月3日探访"],
      [75, "孤寡老人", "一级", "无"],
    ]);
    const { plan, report } = evaluate(wb);
    const view = report.restorations[0].outputSheet;
    const ops = plan.filter((op): op is Extract<PlanOp, { kind: "cells" }> => op.kind === "cells" && op.sheet === view);
    const header = ops.find((op) => op.row === 1 && op.cells[0].length === 1 && op.cells[0][0]?.value === FOLLOW_UP_HEADER);
    expect(header).toBeDefined();
    const col = header!.col;
    const body = ops.find((op) => op.row === 2 && op.col === col)!;
    // a dated row is a formula over its record: the date while the record is as read, else a note
    expect(body.cells[0][0]).toEqual({
      value: 45141,
      numberFormat: "yyyy-mm-dd",
      formula: `=IF(AND(LEN('台账'!I3)=18,ISNUMBER(SEARCH("8月3日",'台账'!I3))),DATE(2023,8,3),"记录已改，请重新评分")`,
    });
    // text without a date is left blank (its follow-up-undated finding says so)
    expect(body.cells[1][0]).toEqual({ value: null });
    // re-running on the workbook with its view still sees the view as ours, not as a roster
    const title = ops.find((op) => op.row === 0)!.cells[0][0]!.value;
    const viewValues: CellValue[][] = [[title], [...report.restorations[0].mapping.map((m) => m.field), FOLLOW_UP_HEADER]];
    const again = evaluate({ ...wb, sheets: [...wb.sheets, { name: view, values: viewValues }] });
    expect(again.report.restorations).toHaveLength(1);
  });

  test("最近跟进日期: dated rows and blank records are watched (blank ones as one column run), frozen values without formulas", () => {
    const rows: [number, string, string, string][] = [
      [80, "独居老人", "一级", "２０２３年８月１日探访"],
      [75, "孤寡老人", "一级", ""],
      [72, "孤寡老人", "一级", ""],
      [70, "空巢老人", "二级", "2023.9.5电访"],
    ];
    const cellsOf = (options: Parameters<typeof evaluate>[1]) => {
      const wb = roster(rows);
      const { plan, report } = evaluate(wb, options);
      const view = report.restorations[0].outputSheet;
      const grid = plannedGrid(plan, view, wb);
      const col = grid[1].findIndex((c) => c?.value === FOLLOW_UP_HEADER);
      return { plan, view, cells: grid.slice(2, 2 + rows.length).map((line) => line[col]) };
    };
    const { plan, view, cells } = cellsOf({ lang: "en" });
    const [fullWidth, blank1, blank2, dotted] = cells;
    // full-width digits were read as half-width: the date cannot be searched as written, the length still can
    expect(fullWidth).toEqual({ value: 45139, numberFormat: "yyyy-mm-dd", formula: `=IF(LEN('台账'!I3)=11,DATE(2023,8,1),"Record edited: score again")` });
    expect(blank1).toMatchObject({ value: "", formula: `=IF(LEN('台账'!I4)=0,"","Record edited: score again")` });
    expect(blank2).toMatchObject({ value: "", formula: `=IF(LEN('台账'!I5)=0,"","Record edited: score again")` });
    expect(dotted?.formula).toBe(`=IF(AND(LEN('台账'!I6)=10,ISNUMBER(SEARCH("2023.9.5",'台账'!I6))),DATE(2023,9,5),"Record edited: score again")`);
    // the two blank records are one run with one R1C1 formula, not a formula per row
    const runs = plan.filter((op) => op.kind === "columnRun" && op.sheet === view && op.formulaR1C1?.startsWith("=IF(LEN("));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ r1: 3, r2: 4 });
    const frozen = cellsOf({ liveFormulas: false }).cells;
    expect(frozen).toEqual([{ value: 45139, numberFormat: "yyyy-mm-dd" }, { value: null }, { value: null }, { value: 45174, numberFormat: "yyyy-mm-dd" }]);
  });
});
