import { evaluate } from "../../src/core/evaluate";
import { FINDING_CATALOGUE, HOST_FINDING_CODES } from "../../src/core/findings";
import type { EvaluateOptions, FindingCode, WorkbookSnapshot } from "../../src/core/types";
import { AS_OF, driftedRoster } from "../fixtures/roster/drifted";
import { seedWorkbook } from "../fixtures/seed";
import { toSheetSnapshot } from "../support/generate-roster";
import { seedStaffingSheet } from "../support/staffing-table";

/** the seed's staffing table with one of each staffing slip */
function staffingWithSlips() {
  const sheet = toSheetSnapshot(seedStaffingSheet());
  sheet.values[5][3] = null;
  sheet.values[6][3] = "社工证";
  sheet.values[7][4] = "请假";
  return sheet;
}

function staffingByDatesWithoutPeriod() {
  return {
    name: "到岗",
    values: [
      ["姓名", "持证情况", "入职日期", "离职日期"],
      ["甲", "中级社工师", 44000, null],
    ],
  };
}

/** Every code in the catalogue is produced by some input, through the public entry point. */
function rosterWithBadDate() {
  const sheet = driftedRoster();
  const headerRow = sheet.values.findIndex((r) => r.includes("建档时间"));
  const col = sheet.values[headerRow].indexOf("建档时间");
  sheet.values[headerRow + 1][col] = "2023年13月45日";
  return sheet;
}

const cases: [string, WorkbookSnapshot, EvaluateOptions][] = [
  ["the seed workbook", seedWorkbook(), {}],
  ["the seed workbook, paced", seedWorkbook(), { contract: { start: "2023-07-01", end: "2023-11-30" }, window: { start: "2023-07-01", end: "2023-09-14" } }],
  ["a staffing table with slips", { source: "到岗.xlsx", sheets: [staffingWithSlips()] }, { staff: { all: 25, certified: 20 } }],
  ["a staffing table without a contract line", { source: "到岗.xlsx", sheets: [toSheetSnapshot(seedStaffingSheet({ contractLine: false }))] }, {}],
  ["a staffing table by dates without a period", { source: "到岗.xlsx", sheets: [staffingByDatesWithoutPeriod()] }, {}],
  [
    "a percent cell whose formula was copied from another row, and a sheet of numbers no layout fits",
    {
      source: "formula.xlsx",
      sheets: [
        {
          name: "指标",
          values: [
            ["指标名称", "指标要求", "完成情况", "完成百分比"],
            ["建档", 200, 371, 0.5],
            ["电访", 100, 50, 0.5],
          ],
          formulas: [[], [null, null, null, "=C3/B3"], [null, null, null, "=C3/B3"]],
        },
        {
          name: "经费",
          values: [
            ["科目", "预算", "支出"],
            ["人员", 10, 8],
            ["活动", 5, 4],
          ],
        },
      ],
    },
    {},
  ],
  [
    "a row table with every slip",
    {
      source: "row.xlsx",
      sheets: [
        {
          name: "指标",
          values: [
            ["指标名称", "单位", "协议指标", "实际完成", "完成率"],
            ["建档", "份", 200, 371, 1.8],
            ["电访", "人次", 0, 20, null],
            ["探访", "人次", null, 30, null],
            ["个案", "个", 90, "四十三", null],
            ["志愿服务时数", "小时", "１２", "#DIV/0!", null],
            ["新媒体互动", "次", 10, 5, null],
            ["调研", "个", 4, null, null],
            ["小组", null, "30个", "90节", null],
          ],
          numberFormats: [[], [null, null, null, null, "0.0%"]],
        },
        {
          name: "分片区",
          values: [
            ["服务指标", "一片区", null, "二片区", null, "合计", null, "完成百分比"],
            [null, "指标", "完成", "指标", "完成", "指标", "完成", null],
            ["电访", 150, 300, 120, 300, 270, 607, null],
          ],
          merges: [
            { r1: 0, c1: 1, r2: 0, c2: 2 },
            { r1: 0, c1: 3, r2: 0, c2: 4 },
            { r1: 0, c1: 5, r2: 0, c2: 6 },
          ],
        },
        {
          name: "评分",
          values: [
            ["评估方", "权重", "得分"],
            ["购买方", "25%", 26],
            ["监督方", "10%", -1],
            ["督导中心", "15%", null],
          ],
        },
      ],
    },
    {},
  ],
  ["a drifted roster", { source: "台账.xlsx", sheets: [driftedRoster()] }, { asOf: AS_OF }],
  ["a drifted roster without added columns", { source: "台账.xlsx", sheets: [driftedRoster()] }, { asOf: AS_OF, addMissingColumns: false }],
  [
    "a roster with a bad date, a stale mapping and a long sheet name template",
    {
      source: "台账.xlsx",
      sheets: [rosterWithBadDate(), { name: "服务对象家庭信息汇总表（省“双百工程”套表）", values: [["别人的表"]] }],
    },
    { asOf: AS_OF, manualMapping: { 备注: "已删除的列" } },
  ],
  [
    "a roster with a bare 重残 under 60, and an elderly row last visited months ago",
    {
      source: "台账.xlsx",
      sheets: [
        {
          name: "台账",
          values: [
            ["序号", "姓名", "性别", "年龄", "村（居）", "联系电话", "服务对象类别"],
            [1, "对象", "男", 45, "青年社区", "13800138000", "重残"],
          ],
        },
        {
          name: "跟进",
          values: [
            ["序号", "姓名", "性别", "年龄", "村（居）", "联系电话", "服务对象类别", "跟进记录"],
            [1, "对象", "女", 80, "青年社区", "13800138000", "独居老人", "2023.8.1 电访"],
            [2, "对象", "男", 82, "青年社区", "13800138001", "空巢老人", "定期电访"],
          ],
        },
      ],
    },
    { asOf: "2023-11-30" },
  ],
  [
    "a saved layout whose headers changed",
    {
      source: "改过的表.xlsx",
      sheets: [
        {
          name: "指标",
          values: [
            ["名称", "计划", "做了"],
            ["建档", 200, 150],
          ],
        },
      ],
    },
    {
      layouts: [
        {
          schema: "shuangbai/layout@1",
          name: "指标完成情况统计表",
          kind: "indicators",
          sheet: "指标",
          orientation: "down",
          range: "A1:C2",
          band: 1,
          lines: [
            { offset: 0, role: "label", header: "名称" },
            { offset: 1, role: "target", header: "年度目标" },
            { offset: 2, role: "completed", header: "做了" },
          ],
        },
      ],
    },
  ],
  ["a workbook with nothing in it", { source: "空.xlsx", sheets: [{ name: "Sheet1", values: [["标题"]] }] }, {}],
];

describe("every finding code", () => {
  const seen = new Map<FindingCode, string>();
  for (const [name, wb, opts] of cases) {
    for (const f of evaluate(wb, opts).report.findings) if (!seen.has(f.code)) seen.set(f.code, name);
  }
  // the codes a host finds while writing are produced through the Excel host in test/excel/structures.test.ts
  const evaluated = (Object.keys(FINDING_CATALOGUE) as FindingCode[]).filter((c) => !HOST_FINDING_CODES.includes(c));
  it.each(evaluated)("%s is produced by some input", (code) => {
    expect({ code, producedBy: seen.get(code) ?? null }).toEqual({ code, producedBy: expect.any(String) });
  });
});
