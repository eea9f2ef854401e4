import { evaluate } from "../../src/core/evaluate";
import { createExcelHost } from "../../src/excel";
import { seedTextWorkbook } from "../fixtures/report";
import { FakeExcel, fakeHostOptions } from "../support/fake-excel";

const SHEET = "评估报告摘要";

describe("the 评估报告摘要 sheet in Excel", () => {
  it("is added with live text formulas, replaced on a re-run, and removed by undo", async () => {
    const fx = FakeExcel.fromSnapshot(seedTextWorkbook());
    const original = fx.dump();
    const host = createExcelHost(fakeHostOptions(fx));
    const run = async () => host.applyPlan(evaluate(await host.readSnapshot(), {}).plan);
    await run();
    const sheet = fx.sheet(SHEET);
    const cells = [...sheet.cells.values()];
    // the fake keeps formulas and does not calculate them (Excel does, on write)
    expect(cells.some((c) => c.f?.startsWith(`="本年度建档 "&TEXT('指标完成情况'!C3,"0")`))).toBe(true);
    expect(cells.some((c) => c.f === `="以上四项总得分 "&'四方评分'!C6&" 分，等级："&'四方评分'!C7`)).toBe(true);
    expect(cells.some((c) => c.v === "评估报告摘要（双百社工站评估助手生成，重新评分时自动更新）")).toBe(true);
    const once = [...sheet.cells.entries()];
    await run();
    expect(fx.sheets.filter((s) => s.name.startsWith(SHEET))).toHaveLength(1);
    expect([...fx.sheet(SHEET).cells.entries()]).toEqual(once);
    await host.undoLastRun();
    expect(fx.sheets.some((s) => s.name === SHEET)).toBe(false);
    expect(fx.dump()).toEqual(original);
  });
});
