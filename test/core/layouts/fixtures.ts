import type { SavedLayout, SheetSnapshot, WorkbookSnapshot } from "../../../src/core/types";

/** A table whose headers the detector knows no word of: only a taught layout reads it. */
export function oddSheet(): SheetSnapshot {
  return {
    name: "年度工作",
    values: [
      ["某某社工站年度工作", null, null, null, null],
      ["事项", "量词", "年初定的", "到现在", "进度比"],
      ["建档", "份", 200, 150, 0.5],
      ["电访", "人次", 400, 500, null],
      ["小组", "节", 12, "9节", null],
    ],
  };
}

export function oddLayout(): SavedLayout {
  return {
    schema: "shuangbai/layout@1",
    name: "年度工作表",
    kind: "indicators",
    sheet: "年度工作",
    orientation: "down",
    range: "A2:E5",
    band: 1,
    lines: [
      { offset: 0, role: "label", header: "事项" },
      { offset: 1, role: "unit", header: "量词" },
      { offset: 2, role: "target", header: "年初定的" },
      { offset: 3, role: "completed", header: "到现在" },
      { offset: 4, role: "percent", header: "进度比" },
    ],
  };
}

/** Four parties laid across, under words the detector does not read as a score table. */
export function acrossScores(): SheetSnapshot {
  return {
    name: "打分",
    values: [
      ["谁打的", "甲方", "乙方", "丙方", "丁方", "最后", "档次"],
      ["占多少", 0.2, 0.1, 0.15, 0.55, null, null],
      ["打了几分", 90, 80, 70, 95, null, null],
    ],
  };
}

export function acrossScoreLayout(): SavedLayout {
  return {
    schema: "shuangbai/layout@1",
    name: "四方评分（横向）",
    kind: "scores",
    sheet: "打分",
    orientation: "across",
    range: "A1:G3",
    band: 1,
    lines: [
      { offset: 0, role: "label", header: "谁打的" },
      { offset: 1, role: "weight", header: "占多少" },
      { offset: 2, role: "score", header: "打了几分" },
    ],
    records: [
      { offset: 0, role: "party", party: "buyer" },
      { offset: 1, role: "party", party: "supervisor" },
      { offset: 2, role: "party", party: "supervision-centre" },
      { offset: 3, role: "party", party: "third-party" },
      { offset: 4, role: "total" },
      { offset: 5, role: "grade" },
    ],
  };
}

export function workbook(...sheets: SheetSnapshot[]): WorkbookSnapshot {
  return { source: "taught.xlsx", sheets };
}
