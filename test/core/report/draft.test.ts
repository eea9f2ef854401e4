import { evaluate } from "../../../src/core/evaluate";
import { cellsAfter, draftPlainText, draftReport, REPORT_TEMPLATES, type StaffingFigures } from "../../../src/core/report";
import type { CellValue, Plan, PlanOp, Report, WorkbookSnapshot } from "../../../src/core/types";
import { blockSheet, seedTextWorkbook } from "../../fixtures/report";
import { seedScoreSheet, seedWorkbook } from "../../fixtures/seed";

type CellsOp = Extract<PlanOp, { kind: "cells" }>;

function reportCells(plan: Plan): { formula: string | undefined; value: CellValue; row: number; col: number }[] {
  const op = plan.find((o): o is CellsOp => o.kind === "cells" && o.purpose === "report");
  if (!op) return [];
  return op.cells.flatMap((line, r) => line.flatMap((c, k) => (c ? [{ formula: c.formula, value: c.value, row: op.row + r, col: op.col + k }] : [])));
}

/**
 * A small, independent evaluator of the text formulas the report sheet uses (literals, &, TEXT
 * with "0"/"0.00"/"0.00%", ABS, IF(x>=n,…), references), so the cached values are checked against
 * the formula text itself and not against the code that produced both.
 */
function evalFormula(formula: string, cell: (sheet: string, a1: string) => CellValue): string {
  const src = formula.slice(1);
  let i = 0;
  const ref = (): CellValue => {
    const m = /^'((?:[^']|'')+)'!([A-Z]+\d+)/.exec(src.slice(i));
    if (!m) throw new Error(`reference expected at ${src.slice(i, i + 20)}`);
    i += m[0].length;
    return cell(m[1].replace(/''/g, "'"), m[2]);
  };
  const text = (v: number, fmt: string): string => {
    const round = (x: number, d: number) => (Math.sign(x) * Math.round(Math.abs(x) * 10 ** d + 1e-7)) / 10 ** d;
    if (fmt === "0.00%") return `${round(v * 100, 2).toFixed(2)}%`;
    const d = fmt === "0" ? 0 : fmt.length - 2;
    return round(v, d).toFixed(d);
  };
  const str = (): string => {
    let out = "";
    i++;
    for (;;) {
      const ch = src[i++];
      if (ch === '"') {
        if (src[i] === '"') {
          out += '"';
          i++;
        } else return out;
      } else out += ch;
    }
  };
  const expect = (s: string) => {
    if (!src.startsWith(s, i)) throw new Error(`${s} expected at ${src.slice(i, i + 20)}`);
    i += s.length;
  };
  const num = (): number => {
    if (src.startsWith("ABS(", i)) {
      i += 4;
      const v = Math.abs(Number(ref()));
      expect(")");
      return v;
    }
    const a = Number(ref());
    if (src[i] === "/") {
      i++;
      return a / Number(ref());
    }
    return a;
  };
  const operand = (): string => {
    if (src[i] === '"') return str();
    if (src.startsWith("TEXT(", i)) {
      i += 5;
      const v = num();
      expect(",");
      const fmt = str();
      expect(")");
      return text(v, fmt);
    }
    if (src.startsWith("IF(", i)) {
      i += 3;
      const v = Number(ref());
      expect(">=");
      const m = /^[\d.]+/.exec(src.slice(i))!;
      i += m[0].length;
      expect(",");
      const a = operand();
      expect(",");
      const b = operand();
      expect(")");
      return v >= Number(m[0]) ? a : b;
    }
    const v = ref();
    return typeof v === "number" ? String(Number(v.toPrecision(15))) : String(v ?? "");
  };
  let out = operand();
  while (i < src.length) {
    expect("&");
    out += operand();
  }
  return out;
}

function checkCachedValues(snapshot: WorkbookSnapshot, plan: Plan): number {
  const after = cellsAfter(snapshot, plan);
  let n = 0;
  for (const c of reportCells(plan)) {
    if (!c.formula) continue;
    n++;
    for (const m of c.formula.matchAll(/"((?:[^"]|"")*)"/g)) expect(m[1].replace(/""/g, '"').length).toBeLessThanOrEqual(255);
    expect(c.formula.length).toBeLessThanOrEqual(8192);
    if (/^='[^']+'!\w+$/.test(c.formula)) {
      const m = /^='((?:[^']|'')+)'!(\w+)$/.exec(c.formula)!;
      expect(c.value).toEqual(after(m[1], m[2]));
    } else expect(evalFormula(c.formula, after)).toBe(c.value);
  }
  return n;
}

describe("the report draft", () => {
  const seed = seedTextWorkbook();
  const result = evaluate(seed, {});
  const draft = result.draft!;
  const text = draftPlainText(draft);

  it("says the seed's 建档/电访/探访 sentence with the workbook's own units", () => {
    expect(text).toContain("本年度建档 371 个，完成电访 1469 人次，探访 732 人次，分别完成协议指标量的 185.50%，179.15%，162.67%");
    expect(text).toContain("个案接案 43 个，服务 250 节，分别完成协议指标量的 47.78%，46.30%");
    expect(text).toContain("完成小组 15 个，开展 90 节，服务 607 人次，分别完成协议指标量的 50.00%，50.00%，224.81%");
    expect(text).toContain("完成大型社区活动 13 个，完成协议指标量的 325.00%，中小型社区活动 46 个，完成协议指标量的 255.56%");
    expect(text).toContain("（以上数据统计共计 5 个考核月份");
  });

  it("gives 七、评估结果 as the seed does: four scores with two decimals, the total and the grade", () => {
    const section = draft.sections.find((s) => s.id === "result")!;
    expect(section.heading).toBe("七、评估结果");
    expect(section.paragraphs.map((p) => p.text)).toEqual([
      "（一）购买方评估 得分：20.00 分",
      "（二）监督方评估 得分：9.00 分",
      "（三）督导中心评估 得分：14.55 分",
      "（四）第三方评估 得分：50.35 分",
      "以上四项总得分 93.9 分，等级：优秀",
    ]);
  });

  it("writes a 评估报告摘要 sheet of live text formulas whose cached values are what they compute", () => {
    const add = result.plan.find((o) => o.kind === "addSheet" && o.sheet === "评估报告摘要");
    expect(add).toBeDefined();
    const cells = reportCells(result.plan);
    const paragraph = cells.find((c) => typeof c.value === "string" && c.value.startsWith("本年度建档"))!;
    expect(paragraph.formula).toContain(`TEXT('指标完成情况'!C3,"0")`);
    expect(paragraph.formula).toContain(`TEXT('指标完成情况'!D3,"0.00%")`);
    expect(checkCachedValues(seed, result.plan)).toBeGreaterThan(20);
  });

  it("rebuilds 附件1 in one layout, labels from their cells, a note where a unit was questioned", () => {
    const slipped = evaluate(seedWorkbook(), {});
    const table = slipped.draft!.sections.find((s) => s.id === "appendix")!.table!;
    expect(table.columns).toEqual(["指标", "单位", "指标要求", "完成情况", "完成百分比", "备注"]);
    const visit = table.rows.find((r) => r[0].text === "探访")!;
    expect(visit.map((c) => c.text).slice(0, 5)).toEqual(["探访", "节", "180", "90", "50.00%"]);
    expect(visit[0].ref).toEqual({ sheet: "指标完成情况", cell: "A8" });
    expect(visit[5].text).toContain("节");
    const filing = table.rows.find((r) => r[0].text === "服务对象建档")!;
    expect(filing[5].text).toBe("");
    // the block without a name is listed, named by where its name belongs, and noted
    const unnamed = table.rows.find((r) => /^（未命名，[A-Z]+\d+）$/.test(r[0].text))!;
    expect(unnamed[5].text).not.toBe("");
    expect(checkCachedValues(seedWorkbook(), slipped.plan)).toBeGreaterThan(40);
  });

  it("leaves out what is missing or cannot be computed, never a blank or an error", () => {
    const wb: WorkbookSnapshot = {
      source: "x.xlsx",
      sheets: [
        blockSheet([
          ["服务对象建档", "200个", "371个"],
          ["电访", null, "1469人次"],
          ["探访", "450人次", null],
          ["辅导个案", 0, "43个"],
          ["小组/工作坊", "30个", "十五个"],
        ]),
      ],
    };
    const r = evaluate(wb, {});
    const p = r.draft!.sections.find((s) => s.id === "indicators")!.paragraphs[0].text;
    expect(p).toContain("本年度建档 371 个");
    expect(p).toContain("完成电访 1469 人次");
    expect(p).not.toContain("探访");
    expect(p).not.toContain("小组");
    expect(p).toContain("个案接案 43 个");
    expect(p).not.toMatch(/#|NaN|null|undefined|，，/);
    // 建档 alone has a percentage: it comes first and is said on its own
    expect(p).toContain("本年度建档 371 个，完成协议指标量的 185.50%，完成电访 1469 人次");
    expect(r.draft!.sections.some((s) => s.id === "result")).toBe(false);
    checkCachedValues(wb, r.plan);
  });

  it("writes nothing when there is nothing to say", () => {
    const r = evaluate({ source: "empty.xlsx", sheets: [{ name: "Sheet1", values: [["随便写的"]] }] }, {});
    expect(r.draft!.sections).toEqual([]);
    expect(r.plan.some((o) => o.kind === "addSheet" && o.sheet === "评估报告摘要")).toBe(false);
  });

  it("is off with reportSheet: false, the draft still made", () => {
    const r = evaluate(seedTextWorkbook(), { reportSheet: false });
    expect(r.plan.some((o) => o.kind === "addSheet" && o.sheet === "评估报告摘要")).toBe(false);
    expect(r.draft!.sections.length).toBeGreaterThan(0);
  });

  it("keeps its own sheet out of the analysis and replaces it on a re-run; a user's sheet of that name is left alone", () => {
    const name = "评估报告摘要";
    const own = { name, values: [[REPORT_TEMPLATES.zh.marker], ["指标", "单位", "指标要求", "完成情况", "完成百分比"], ["建档", "个", 1, 2, 2]] };
    const again = evaluate({ ...seed, sheets: [...seed.sheets, own] }, {});
    expect(again.report.indicators.every((i) => i.sheet !== name)).toBe(true);
    expect(again.plan.filter((o) => o.kind === "addSheet" && o.sheet === name)).toEqual([{ kind: "addSheet", sheet: name, after: undefined }]);
    const users = { name, values: [["我们自己写的摘要"]] };
    const r = evaluate({ ...seed, sheets: [...seed.sheets, users] }, {});
    expect(r.plan.some((o) => o.kind === "addSheet" && o.sheet === `${name}(2)`)).toBe(true);
    expect(r.plan.some((o) => o.kind === "addSheet" && o.sheet === name)).toBe(false);
  });

  it("speaks English in the English setting", () => {
    const r = evaluate(seedTextWorkbook(), { lang: "en" });
    const t = draftPlainText(r.draft!);
    expect(t).toContain(
      "This year the station filed 371 个, phone visits 1469 人次, home visits 732 人次, reaching 185.50%, 179.15%, 162.67% of the contracted targets respectively",
    );
    expect(t).toContain("Total of the four parts: 93.9 points, grade: 优秀");
    expect(r.plan.some((o) => o.kind === "addSheet" && o.sheet === "Report summary")).toBe(true);
    checkCachedValues(seedTextWorkbook(), r.plan);
  });
});

describe("the staffing paragraph", () => {
  const report: Report = { schema: "shuangbai/report@1", source: "x", indicators: [], scores: [], restorations: [], findings: [] };
  const cells: Record<string, number> = { E3: 50, F3: 86, G3: 36, E4: 100, F4: 101, G4: 1, H3: 0.85 };
  const seedStaffing: StaffingFigures = {
    sheet: "社工到岗",
    months: ["2023-07", "2023-08", "2023-09", "2023-10", "2023-11"],
    contracted: { all: 20, certified: 10 },
    classes: [
      { class: "certified", required: 50, actual: 86, surplus: 36, requiredCell: "E3", actualCell: "F3", surplusCell: "G3" },
      { class: "all", required: 100, actual: 101, surplus: 1, requiredCell: "E4", actualCell: "F4", surplusCell: "G4" },
    ],
    retention: { stayed: 17, base: 20, rate: 0.85, threshold: 0.8, cell: "H3" },
    atEnd: { 高级社工师: 1, 中级社工师: 5, 助理社工师: 11, 非持证: 3 },
  };
  const lookup = (sheet: string, cell: string): CellValue => (sheet === "社工到岗" ? (cells[cell] ?? null) : null);

  it("says the seed's 人员到岗, 资质 and 稳岗 sentences from the staffing figures, live", () => {
    const d = draftReport({ report, lang: "zh", window: null, staffing: [seedStaffing], cellValue: lookup });
    const s = d.sections.find((x) => x.id === "staffing")!;
    expect(s.heading).toBe("（一）项目管理 · 人员到岗");
    expect(s.paragraphs.map((p) => p.text)).toEqual([
      "在人员到岗方面，持证社工应到岗 50 人次，实到岗 86 人次，超配 36 人次；社工即“持证社工+非持证社工”应到岗 100 人次，实到岗 101 人次，超配 1 人次。",
      "在人员资质方面，截至评估期末月，社工站共配备 17 名持证社工，含 1 名高级社工师、5 名中级社工师和 11 名助理社工师，另外配备 3 名非持证社工，共计 20 名社工。",
      "在人员稳岗方面，社工站在评估期内共有 17 名社会工作者持续稳定在岗，稳岗率为 85.00%，符合评估指标体系关于人员稳岗率 80% 的要求。",
    ]);
    const first = s.paragraphs[0].pieces;
    expect(first).toContainEqual({ kind: "number", sheet: "社工到岗", cell: "F3", value: 86, format: "0" });
    expect(first).toContainEqual({ kind: "choice", sheet: "社工到岗", cell: "G3", value: 36, threshold: 0, atLeast: "超配", below: "缺配" });
    expect(s.paragraphs[2].pieces).toContainEqual(expect.objectContaining({ kind: "choice", cell: "H3", atLeast: "符合", below: "不符合" }));
  });

  it("says 缺配 and 不符合 when the figures fall short, and leaves out 应到岗 without a contracted headcount", () => {
    const short: StaffingFigures = {
      ...seedStaffing,
      classes: [
        { class: "certified", required: null, actual: 40, surplus: null },
        { ...seedStaffing.classes[1], actual: 90, surplus: -10, actualCell: null, surplusCell: null },
      ],
      retention: { stayed: 14, base: 20, rate: 0.7, threshold: 0.8, cell: null },
      atEnd: null,
    };
    const d = draftReport({ report, lang: "zh", window: null, staffing: [short], cellValue: () => null });
    const t = d.sections.find((x) => x.id === "staffing")!.paragraphs.map((p) => p.text);
    expect(t[0]).toBe("在人员到岗方面，持证社工实到岗 40 人次；社工即“持证社工+非持证社工”应到岗 100 人次，实到岗 90 人次，缺配 10 人次。");
    expect(t[1]).toContain("稳岗率为 70.00%，不符合评估指标体系关于人员稳岗率 80% 的要求");
  });

  it("opens 服务指标完成情况 with the social workers at the last month when the staffing figures have them", () => {
    const r = evaluate(seedTextWorkbook(), {});
    const d = draftReport({
      report: r.report,
      lang: "zh",
      window: r.report.period ?? null,
      staffing: [seedStaffing],
      cellValue: cellsAfter(seedTextWorkbook(), r.plan),
    });
    const s = d.sections.find((x) => x.id === "indicators")!;
    expect(s.heading).toBe("（二）服务指标完成情况");
    expect(s.paragraphs[0].text.startsWith("评估期末月，社工站投入符合资质的社工 20 名。本年度建档 371 个")).toBe(true);
  });
});

describe("long paragraphs", () => {
  it("stay within Excel's limits: literals cut at 255 characters, formulas at 8192, the text unchanged", () => {
    const blocks: [string, string, string][] = Array.from({ length: 160 }, (_, k) => [
      `自定义服务项目第${k + 1}项${"很长的说明".repeat(k === 3 ? 80 : 1)}`,
      "10个",
      `${k + 1}个`,
    ]);
    const wb: WorkbookSnapshot = { source: "long.xlsx", sheets: [blockSheet(blocks), seedScoreSheet()] };
    const r = evaluate(wb, {});
    const paragraph = r.draft!.sections.find((s) => s.id === "indicators")!.paragraphs[0].text;
    const cells = reportCells(r.plan).filter((c) => c.col === 0 && typeof c.value === "string" && c.row > 4);
    const formulas = cells.filter((c) => c.formula && !/^='[^']+'!\w+$/.test(c.formula));
    expect(formulas.length).toBeGreaterThan(1);
    expect(formulas.map((c) => c.value).join("")).toContain(paragraph);
    expect(checkCachedValues(wb, r.plan)).toBeGreaterThan(2);
  });
});
