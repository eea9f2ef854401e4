/**
 * The 1904 date system in the Excel host: honoured where the Office.js library can say so
 * (Workbook.use1904DateSystem, preview only), otherwise noticed by its tell-tale (dates four years
 * early against the contract year written as text).
 */
import { DATE1904_OFFSET, serialOf } from "../../src/core/dates";
import { createExcelHost } from "../../src/excel";
import { MSG_1904 } from "../../src/excel/readWorkbook";
import type { Progress } from "../../src/taskpane/host";
import { FakeExcel, type FakeOptions, fakeHostOptions } from "../support/fake-excel";

/** the serials of eight 建档日期 in the contract year, in the workbook's own date system */
const DAYS = [1, 5, 9, 13, 17, 21, 25, 28].map((d) => serialOf({ y: 2023, m: 8, d }));

function workbook(options: FakeOptions): FakeExcel {
  const fx = new FakeExcel(options);
  fx.addSheet("基本信息");
  fx.setCell("基本信息", "A1", { v: "年度服务协议时间：2023年7月1日至2024年6月30日" });
  fx.addSheet("台账");
  fx.setCell("台账", "A1", { v: "姓名" });
  fx.setCell("台账", "B1", { v: "建档日期" });
  DAYS.forEach((serial, i) => {
    fx.setCell("台账", `A${i + 2}`, { v: `人${i}` });
    fx.setCell("台账", `B${i + 2}`, { v: options.date1904 ? serial - DATE1904_OFFSET : serial, nf: "yyyy-mm-dd" });
  });
  return fx;
}

async function read(fx: FakeExcel) {
  const notices: string[] = [];
  const host = createExcelHost(fakeHostOptions(fx));
  const snap = await host.readSnapshot((p: Progress) => p.notice && notices.push(p.notice));
  const dates = snap.sheets[1].values.slice(1).map((line) => line[1]);
  return { host, snap, notices, dates };
}

describe("the 1904 date system in Excel", () => {
  it("where Workbook.use1904DateSystem can be asked: dates are read as the core counts them and written back as the workbook's own", async () => {
    const fx = workbook({ date1904: true, preview1904Api: true });
    const before = fx.dump();
    const { host, notices, dates } = await read(fx);
    expect(dates).toEqual(DAYS);
    expect(notices).toEqual([]);
    // the question rides with the sheet list: no sync of its own
    expect(fx.syncs).toBe(3);
    const date = serialOf({ y: 2023, m: 9, d: 1 });
    await host.applyPlan([
      { kind: "cells", sheet: "台账", row: 1, col: 2, cells: [[{ value: date, numberFormat: "yyyy-mm-dd" }, { value: 12 }]], purpose: "findings" },
    ]);
    expect(fx.cell("台账", "C2")).toEqual({ v: date - DATE1904_OFFSET, nf: "yyyy-mm-dd" });
    // a number that is not a date is not moved
    expect(fx.cell("台账", "D2")).toEqual({ v: 12 });
    await host.undoLastRun();
    expect(fx.dump()).toEqual(before);
  });

  it("a 1900 workbook asked the same is read as it is", async () => {
    const { dates, notices } = await read(workbook({ preview1904Api: true }));
    expect(dates).toEqual(DAYS);
    expect(notices).toEqual([]);
  });

  it("where it cannot be asked, dates four years early against the contract year bring a notice; nothing is moved", async () => {
    const { dates, notices } = await read(workbook({ date1904: true }));
    expect(dates).toEqual(DAYS.map((d) => d - DATE1904_OFFSET));
    expect(notices).toEqual([MSG_1904]);
  });

  it("no notice for a 1900 workbook, or without a contract year to hold the dates against", async () => {
    expect((await read(workbook({}))).notices).toEqual([]);
    const fx = workbook({ date1904: true });
    fx.setCell("基本信息", "A1", { v: "基本信息" });
    expect((await read(fx)).notices).toEqual([]);
  });
});
