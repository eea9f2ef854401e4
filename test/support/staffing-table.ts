import type { CellValue } from "../../src/core/types";
import { excelSerial, type SheetSpec } from "./generate-roster";

/**
 * A 社工到岗情况统计表 that reproduces the seed report's 项目管理 figures (synthetic names):
 * 20 contracted, 10 of them certified, 5 assessed months (2023-07 … 2023-11):
 * 持证 应到岗 50 / 实到岗 86 / 超配 36; 社工 100 / 101 / 1; 17 on post in every month → 85.00 %;
 * in November 1 高级 + 5 中级 + 11 助理社工师 + 3 非持证 = 20.
 *
 * The workers: 14 certified and 3 uncertified on post all five months; three certified joined
 * later (from 8月, 9月, 10月); two certified left (after 10月, after 9月).
 */
export const STAFFING_SHEET = "社工到岗情况";
export const SEED_STAFFING = {
  certified: { required: 50, actual: 86, surplus: 36 },
  all: { required: 100, actual: 101, surplus: 1 },
  stayed: 17,
  base: 20,
  rate: 0.85,
  atEnd: { 高级社工师: 1, 中级社工师: 5, 助理社工师: 11, 非持证: 3 },
  months: ["2023-07", "2023-08", "2023-09", "2023-10", "2023-11"],
};

const GIVEN = "晓明 秀英 国强 桂芳 志华 丽娟 建新 美玲 永康 少芬 锦华 玉珍 嘉欣 子豪 慧敏 伟文 思婷 俊杰 雅琪 家乐 咏诗 浩然".split(" ");
const SURNAMES = "陈李黄张梁刘林何罗郭".split("");

export interface StaffingSheetOptions {
  /** the on-post mark (default √) */
  mark?: CellValue;
  /** write the contract line (default true) */
  contractLine?: boolean;
  /** month headers as 7月 … 11月 instead of 2023年7月 … */
  shortMonths?: boolean;
  /** month headers as 七月 … 十一月 */
  chineseMonths?: boolean;
  /**
   * a figures grid under the table, one blank row between, for the tool to fill in:
   * 类别 | 应到岗人次 | 实到岗人次 | 超配人次 over 持证社工 and 社工（持证+非持证）, then 稳岗率
   */
  resultsGrid?: boolean;
}

/** Where the grid's cells are (0-based rows), given the sheet the options build. */
export function resultsGridRows(options: StaffingSheetOptions = {}): { header: number; certified: number; all: number; rate: number } {
  const header = (options.contractLine === false ? 4 : 5) + workers().length + 1;
  return { header, certified: header + 1, all: header + 2, rate: header + 3 };
}

/** [level, months on post as 5 flags] per worker */
function workers(): [string, boolean[]][] {
  const all: boolean[] = [true, true, true, true, true];
  const out: [string, boolean[]][] = [];
  // stayed: 14 certified (1 高级, 4 中级, 9 助理) + 3 非持证
  out.push(["高级社工师", all]);
  for (let i = 0; i < 4; i++) out.push(["中级社工师", all]);
  for (let i = 0; i < 9; i++) out.push(["助理社工师", all]);
  for (let i = 0; i < 3; i++) out.push(["非持证", all]);
  // joined later, on post in November: 1 中级 + 2 助理 → 5 中级, 11 助理 at the end
  out.push(["中级社工师", [false, true, true, true, true]]);
  out.push(["助理社工师", [false, false, true, true, true]]);
  out.push(["助理社工师", [false, false, false, true, true]]);
  // left before November
  out.push(["助理社工师", [true, true, true, true, false]]);
  out.push(["中级社工师", [true, true, true, false, false]]);
  return out;
}

export function seedStaffingSheet(options: StaffingSheetOptions = {}): SheetSpec {
  const mark = options.mark ?? "√";
  const months = options.chineseMonths
    ? ["七月", "八月", "九月", "十月", "十一月"]
    : options.shortMonths
      ? ["7月", "8月", "9月", "10月", "11月"]
      : ["2023年7月", "2023年8月", "2023年9月", "2023年10月", "2023年11月"];
  const rows: CellValue[][] = [
    ["广州市示例街“双百工程”社工站购买服务项目社工到岗情况统计表"],
    ["项目服务采购周期：2022年7月1日至2025年6月30日"],
    ["年度服务协议时间：2023年7月1日至2024年6月30日"],
  ];
  if (options.contractLine !== false) rows.push(["合同约定：配备社工20名，其中持证社工不少于10名"]);
  rows.push(["序号", "姓名", "岗位", "持证情况", ...months]);
  workers().forEach(([level, on], i) => {
    rows.push([i + 1, SURNAMES[i % SURNAMES.length] + GIVEN[i], i === 0 ? "站长" : "一线社工", level, ...on.map((x) => (x ? mark : null))]);
  });
  if (options.resultsGrid) {
    rows.push([]);
    rows.push([null, "类别", "应到岗人次", "实到岗人次", "超配人次"]);
    rows.push([null, "持证社工", null, null, null]);
    rows.push([null, "社工（持证+非持证）", null, null, null]);
    rows.push([null, "稳岗率", null]);
  }
  return {
    name: STAFFING_SHEET,
    rows,
    merges: [{ r1: 0, c1: 0, r2: 0, c2: 3 + months.length }],
    columnFormats: {},
    formatFromRow: 0,
    cellFormats: [],
    columnWidths: [6, 10, 10, 14, 11, 11, 11, 11, 11],
  };
}

/**
 * The same 22 workers with 入职 / 离职 dates instead of month columns, under an evaluation window
 * (评估周期) that gives the five months. A worker is on post in a month when in post on its last
 * day, so the dates are chosen around those days: one joins on 2023-08-31 (on post in August),
 * one leaves on 2023-09-30 (still on post in September), one leaves on 2023-11-29 (not on post
 * in November). Dates are date serials shown as yyyy-mm-dd, as Excel stores typed dates.
 */
export function seedStaffingDatesSheet(): SheetSpec {
  const monthEnd = [excelSerial(2023, 7, 31), excelSerial(2023, 8, 31), excelSerial(2023, 9, 30), excelSerial(2023, 10, 31), excelSerial(2023, 11, 30)];
  const rows: CellValue[][] = [
    ["广州市示例街“双百工程”社工站购买服务项目社工到岗情况统计表"],
    ["年度服务协议时间：2023年7月1日至2024年6月30日"],
    ["评估周期：2023年7月1日至2023年11月30日"],
    ["合同约定：配备社工二十名，其中持证社工不少于十名"],
    ["序号", "姓名", "持证情况", "入职日期", "离职日期"],
  ];
  // entry and exit that give exactly these months on post (first and last month-end covered)
  const joinedFor: Record<number, number> = { 1: excelSerial(2023, 8, 31), 2: excelSerial(2023, 9, 4), 3: excelSerial(2023, 10, 31) };
  workers().forEach(([level, on], i) => {
    const first = on.indexOf(true);
    const last = on.lastIndexOf(true);
    const entry = first === 0 ? excelSerial(2019 + (i % 4), 1 + (i % 12), 1 + (i % 28)) : joinedFor[first];
    const exit = last === on.length - 1 ? null : last === 2 ? monthEnd[2] : monthEnd[last] + 29;
    rows.push([i + 1, SURNAMES[i % SURNAMES.length] + GIVEN[i], level, entry, exit]);
  });
  return {
    name: STAFFING_SHEET,
    rows,
    merges: [{ r1: 0, c1: 0, r2: 0, c2: 4 }],
    columnFormats: { 3: "yyyy-mm-dd", 4: "yyyy-mm-dd" },
    formatFromRow: 5,
    cellFormats: [],
    columnWidths: [6, 10, 14, 12, 12],
  };
}
