/** Small hand-made workbooks and plans for the host tests (the core builds real ones). */
import type { Plan, PlanCell } from "../../src/core/types";
import { FakeExcel } from "../support/fake-excel";

export const IND = "指标完成情况";
export const ROSTER = "服务对象台账";
export const RESTORED = "花名册（省模板）";

export function smallWorkbook(apiVersion = "1.20"): FakeExcel {
  const fx = new FakeExcel({ apiVersion });
  fx.addSheet(IND);
  fx.setCell(IND, "A1", { v: "指标" });
  fx.setCell(IND, "B1", { v: "要求" });
  fx.setCell(IND, "C1", { v: "完成" });
  fx.setCell(IND, "D1", { v: "完成率" });
  fx.setCell(IND, "A2", { v: "个案" });
  fx.setCell(IND, "B2", { v: 20 });
  fx.setCell(IND, "C2", { v: "200个" });
  fx.setCell(IND, "D2", { v: 10, nf: "0%" });
  fx.setCell(IND, "A3", { v: "小组" });
  fx.setCell(IND, "B3", { v: 4 });
  fx.setCell(IND, "C3", { v: 2 });
  fx.setCell(IND, "D3", { v: 0.5, f: "=C3/B3", nf: "0.00%", fill: "#FFFF00" });
  fx.sheet(IND).widths.set(0, 60);
  fx.addSheet(ROSTER);
  fx.setCell(ROSTER, "A1", { v: "姓名" });
  fx.setCell(ROSTER, "B1", { v: "身份证号" });
  fx.setCell(ROSTER, "C1", { v: "性别" });
  const ids = ["440103199001011234", "44010319850203002X", "440104200012310018"];
  ["陈晓", "李嘉", "黄文"].forEach((name, i) => {
    fx.setCell(ROSTER, `A${i + 2}`, { v: name });
    fx.setCell(ROSTER, `B${i + 2}`, { v: ids[i], nf: "@" });
    fx.setCell(ROSTER, `C${i + 2}`, { v: i % 2 ? "女" : "男" });
  });
  fx.addSheet("说明", { visibility: "Hidden" });
  fx.setCell("说明", "A1", { v: "隐藏说明" });
  return fx;
}

const c = (value: PlanCell["value"], extra: Omit<PlanCell, "value"> = {}): PlanCell => ({ value, ...extra });

/** percentages, a normalised quantity, a restored sheet with formulas, and every decoration */
export function smallPlan(): Plan {
  const restoredRows: (PlanCell | null)[][] = [[c("省模板花名册"), null, null, null]];
  restoredRows.push([c("序号"), c("姓名"), c("身份证号"), c("性别")]);
  for (let i = 0; i < 3; i++) {
    const r = i + 2;
    restoredRows.push([
      c(i + 1),
      c(null, { formula: `='${ROSTER}'!A${r}` }),
      c(null, { formula: `='${ROSTER}'!B${r}`, numberFormat: "@" }),
      c(null, { formula: `='${ROSTER}'!C${r}` }),
    ]);
  }
  return [
    { kind: "cells", sheet: IND, row: 1, col: 2, cells: [[c(200, { numberFormat: '0"个"' })]], purpose: "normalise-input" },
    {
      kind: "cells",
      sheet: IND,
      row: 1,
      col: 3,
      cells: [[c(10, { formula: '=IFERROR(C2/B2,"")', numberFormat: "0.00%" })], [c(0.5, { formula: '=IFERROR(C3/B3,"")', numberFormat: "0.00%" })]],
      purpose: "percent",
    },
    {
      kind: "fill",
      sheet: IND,
      ranges: [
        { r1: 1, c1: 2, r2: 1, c2: 2 },
        { r1: 2, c1: 3, r2: 2, c2: 3 },
      ],
      role: "warning",
    },
    {
      kind: "conditionalFormat",
      sheet: IND,
      range: { r1: 1, c1: 3, r2: 2, c2: 3 },
      rules: [
        { operator: "greaterThanOrEqual", formula1: "1", role: "good" },
        { operator: "lessThan", formula1: "0.6", role: "bad" },
      ],
    },
    { kind: "columnWidths", sheet: IND, widths: [{ col: 0, width: 20 }] },
    { kind: "addSheet", sheet: RESTORED, after: ROSTER, tabColor: "#0F6CBD" },
    { kind: "cells", sheet: RESTORED, row: 0, col: 0, cells: restoredRows, purpose: "restore" },
    { kind: "merge", sheet: RESTORED, range: { r1: 0, c1: 0, r2: 0, c2: 3 } },
    { kind: "fill", sheet: RESTORED, ranges: [{ r1: 1, c1: 0, r2: 1, c2: 3 }], role: "header" },
    { kind: "columnWidths", sheet: RESTORED, widths: [{ col: 2, width: 22 }] },
    { kind: "freeze", sheet: RESTORED, rows: 2, cols: 0 },
    { kind: "listValidation", sheet: RESTORED, range: { r1: 2, c1: 3, r2: 4, c2: 3 }, items: ["男", "女"] },
  ];
}

/** the workbook as plain data without the undo sheet (its record differs from run to run) */
export function visibleDump(fx: FakeExcel): unknown {
  return (fx.dump() as { name: string }[]).filter((s) => s.name !== "__shuangbai_undo");
}
