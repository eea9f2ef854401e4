import type { EvaluateOptions, EvaluateResult, Plan, Report, TemplateDef, WorkbookSnapshot } from "../../../src/core/types";
import type { TemplateTools } from "../../../src/taskpane/appTypes";
import type { PaneSettings, ProgressFn, ScoringHost } from "../../../src/taskpane/host";

/** A small workbook: an indicator table, scores, and a roster row with personal data in it. */
export const SNAPSHOT: WorkbookSnapshot = {
  source: "示例站.xlsx",
  sheets: [
    {
      name: "指标",
      values: [
        ["指标", "指标要求", "完成情况", "完成百分比"],
        ["个案", 200, 371, null],
      ],
    },
    {
      name: "名单",
      values: [
        ["姓名", "身份证号", "联系电话"],
        ["张三丰", "440106199001011234", "13812345678"],
      ],
    },
  ],
};

export const PERSONAL_VALUES = ["张三丰", "440106199001011234", "13812345678"];

export function sampleReport(): Report {
  return {
    schema: "shuangbai/report@1",
    source: "示例站.xlsx",
    indicators: [
      {
        sheet: "指标",
        label: "个案",
        area: "全站",
        unit: "个",
        target: 200,
        completed: 371,
        percent: 1.855,
        declaredPercent: null,
        labelCell: "A2",
        targetCell: "B2",
        completedCell: "C2",
        percentCell: "D2",
      },
      {
        sheet: "指标",
        label: "小组",
        area: null,
        unit: "节",
        target: 40,
        completed: 12,
        percent: 0.3,
        declaredPercent: null,
        labelCell: "A3",
        targetCell: "B3",
        completedCell: "C3",
        percentCell: "D3",
      },
    ],
    scores: [
      {
        sheet: "评分",
        mode: "scale100",
        parties: [
          { name: "购买方", party: "buyer", weight: 0.2, score: 85, points: 17, cell: "B2" },
          { name: "第三方", party: "third-party", weight: 0.55, score: 86, points: 47.3, cell: "B5" },
        ],
        total: 85.6,
        grade: "良好",
        totalCell: "B6",
        gradeCell: "B7",
      },
    ],
    restorations: [
      {
        sourceSheet: "名单",
        outputSheet: "名单（套表）",
        template: "gd-roster",
        headerRow: 1,
        mapping: [
          { field: "姓名", header: "姓名", column: "A", method: "exact", confidence: 1 },
          { field: "身份证号码", header: "身份证号", column: "B", method: "similar", confidence: 0.62 },
          { field: "联系方式", header: null, column: null, method: null, confidence: 0 },
        ],
        missingFields: ["联系方式"],
        unmappedHeaders: ["联系电话"],
        rows: 1,
      },
    ],
    findings: [
      { code: "percent-mismatch", severity: "error", sheet: "指标", cell: "D2", message: "“个案”填写的完成百分比不符" },
      { code: "invalid-phone", severity: "warning", sheet: "名单", cell: "C2", message: "电话号码 138****5678 无效" },
      { code: "invalid-phone", severity: "warning", sheet: "名单", cell: "C3", message: "电话号码 139****0000 无效" },
      { code: "blank-row", severity: "info", sheet: "名单", cell: "A4", message: "第 4 行是空行" },
    ],
  };
}

export const TEMPLATE: TemplateDef = { id: "gd-roster", version: 1, name: "省套表名单", fields: [{ name: "姓名" }] };

export function fakeTemplates(): TemplateTools & { capture: jest.Mock; validate: jest.Mock } {
  return {
    builtin: TEMPLATE,
    capture: jest.fn((sheet: { name: string }) => ({ id: `captured-${sheet.name}`, version: 1, name: `从${sheet.name}捕获`, fields: [] })),
    validate: jest.fn((json: unknown) => {
      const j = json as { id?: unknown; name?: unknown };
      if (typeof j.id !== "string") throw new Error("模板缺少 id");
      return { id: j.id, version: 1, name: String(j.name ?? j.id), fields: [] };
    }),
  };
}

export type FakeEvaluate = jest.Mock<EvaluateResult, [WorkbookSnapshot, EvaluateOptions]>;

export function fakeEvaluate(extra: Partial<EvaluateResult> = {}): FakeEvaluate {
  return jest.fn<EvaluateResult, [WorkbookSnapshot, EvaluateOptions]>(() => ({
    report: sampleReport(),
    plan: [{ kind: "addSheet", sheet: "名单（套表）" }] as Plan,
    ...extra,
  }));
}

export interface MemoryHost extends ScoringHost {
  applied: Plan[];
  saved: PaneSettings[];
  stored: PaneSettings | null;
  readSnapshot: jest.Mock<Promise<WorkbookSnapshot>, [ProgressFn?]>;
  applyPlan: jest.Mock<Promise<void>, [Plan, ProgressFn?]>;
  undoLastRun: jest.Mock<Promise<void>, []>;
  saveSettings: jest.Mock<Promise<void>, [PaneSettings]>;
}

/** An in-memory host; `kind` decides whether it behaves like Excel (selectCell) or a file (previews). */
export function memoryHost(kind: "excel" | "file", snapshot: WorkbookSnapshot = SNAPSHOT): MemoryHost {
  const host: MemoryHost = {
    kind,
    applied: [],
    saved: [],
    stored: null,
    readSnapshot: jest.fn(async (progress?: ProgressFn) => {
      progress?.({ phase: "read", fraction: 1 });
      return snapshot;
    }),
    applyPlan: jest.fn(async (plan: Plan) => {
      host.applied.push(plan);
    }),
    canUndo: async () => host.applied.length > 0,
    undoLastRun: jest.fn(async () => {
      host.applied.pop();
    }),
    sheetNames: async () => snapshot.sheets.map((s) => s.name),
    loadSettings: async () => host.stored,
    saveSettings: jest.fn(async (s: PaneSettings) => {
      host.saved.push(s);
      host.stored = s;
    }),
  };
  if (kind === "excel") {
    host.selectCell = jest.fn(async () => undefined);
  } else {
    host.previewRows = jest.fn(async (_sheet: string, cell: string) => ({
      headers: ["A", "B", "C"],
      rows: [
        { row: 1, cells: ["姓名", "身份证号", "联系电话"] },
        { row: Number(cell.replace(/\D/g, "")), cells: ["张*丰", "440106********1234", "138****5678"] },
      ],
    }));
    host.download = jest.fn(async () => ({ name: "示例站-评估结果.xlsx", bytes: new Uint8Array([80, 75]) }));
  }
  return host;
}
