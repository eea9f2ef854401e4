import type { EvaluateOptions, EvaluateResult, Plan, WorkbookSnapshot } from "../core/types";
import { HostError } from "../taskpane/host";
import { grouped, megabytes, type PageLimits } from "./limits";
import type { WorkerRequest, WorkerResponse } from "./protocol";

/** The file mode and the core, injected so this logic runs in tests without a Worker or a real file. */
export interface WorkerDeps<P> {
  openXlsx(bytes: Uint8Array): P;
  snapshotOf(pkg: P, sourceName: string): WorkbookSnapshot;
  applyPlan(pkg: P, plan: Plan, snapshot?: WorkbookSnapshot): Uint8Array;
  evaluate(snapshot: WorkbookSnapshot, options?: EvaluateOptions): EvaluateResult;
}

export type Post = (message: WorkerResponse, transfer?: Transferable[]) => void;

export function countCells(snapshot: WorkbookSnapshot): number {
  let n = 0;
  for (const sheet of snapshot.sheets) {
    for (const row of sheet.values) {
      for (const v of row) if (v !== null && v !== "") n++;
    }
  }
  return n;
}

/** Which plain-words problem an XlsxError is, as the pane's `file.problem.*` messages name them. */
const XLSX_PROBLEM: Record<string, string> = {
  "not-zip": "not-excel",
  "not-xlsx": "not-excel",
  encrypted: "encrypted",
  corrupt: "corrupt",
};

/**
 * The failure as the page shows it. A file it cannot read becomes a named problem, told in the
 * pane's words in either language; the reader's own detail stays out of the UI (no "zip").
 */
function describe(err: unknown, name: string): { code: HostError["code"]; message: string; params?: HostError["params"] } {
  const e = err as { name?: string; code?: string; message?: string; params?: HostError["params"] } | null;
  if (e && e.name === "XlsxError") {
    if (e.code === "too-large") return { code: "too-large-for-page", message: "", params: { problem: "too-big-unpacked", name } };
    return { code: "file-unreadable", message: "", params: { problem: XLSX_PROBLEM[e.code ?? ""] ?? "corrupt", name } };
  }
  if (e && e.name === "HostError" && e.code) return { code: e.code as HostError["code"], message: e.message ?? "", ...(e.params ? { params: e.params } : {}) };
  const first = (e?.message ?? String(err)).split("\n")[0].slice(0, 200);
  return { code: "unknown", message: first };
}

/**
 * The worker's side of the protocol. It keeps the original workbook and applies every plan to it,
 * so a re-run replaces the previous run's outputs and undo is simply "the original". The file
 * mode's applyPlan returns new bytes and leaves the package as it was, so the package parsed once
 * at open serves every run (parsing is the slow part on big files).
 */
export function tooBig(name: string, size: number, limits: PageLimits): HostError {
  return new HostError("too-large-for-page", "", undefined, { problem: "too-big", name, size: megabytes(size), limit: megabytes(limits.maxFileBytes) });
}

export function createWorkerHandler<P>(deps: WorkerDeps<P>, post: Post, limits: PageLimits): (req: WorkerRequest) => void {
  let original: P | null = null;
  let snapshot: WorkbookSnapshot | null = null;
  let lastPlan: { id: number; plan: Plan; snapshot: WorkbookSnapshot } | null = null;
  let fileName = "";

  return (req) => {
    try {
      switch (req.type) {
        case "open": {
          original = null;
          snapshot = null;
          lastPlan = null;
          fileName = req.name;
          const bytes = new Uint8Array(req.bytes);
          if (bytes.byteLength > limits.maxFileBytes) throw tooBig(req.name, bytes.byteLength, limits);
          post({ id: req.id, type: "progress", progress: { phase: "read", fraction: 0.1 } });
          const pkg = deps.openXlsx(bytes);
          post({ id: req.id, type: "progress", progress: { phase: "read", fraction: 0.5 } });
          const snap = deps.snapshotOf(pkg, req.name);
          const cells = countCells(snap);
          if (cells > limits.maxCells) {
            throw new HostError("too-large-for-page", "", undefined, { problem: "too-many-cells", cells: grouped(cells), limit: grouped(limits.maxCells) });
          }
          original = pkg;
          snapshot = snap;
          post({ id: req.id, type: "opened", snapshot: snap, cells });
          return;
        }
        case "evaluate": {
          const snap = req.snapshot ?? snapshot;
          if (!snap) throw new Error("请先选择一个 .xlsx 工作簿。");
          post({ id: req.id, type: "progress", progress: { phase: "analyse", fraction: 0.1 } });
          const { plan, ...rest } = deps.evaluate(snap, req.options);
          // Only the latest plan is kept: a new evaluation makes the previous one stale.
          lastPlan = { id: req.id, plan, snapshot: snap };
          post({ id: req.id, type: "evaluated", result: rest, planId: req.id, planOps: plan.length });
          return;
        }
        case "apply": {
          if (!original) throw new Error("请先选择一个 .xlsx 工作簿。");
          post({ id: req.id, type: "progress", progress: { phase: "write", fraction: 0.2 } });
          let plan: Plan;
          // column runs copy values from the snapshot the plan was made from
          let from: WorkbookSnapshot | undefined;
          if ("plan" in req) {
            plan = req.plan;
            from = snapshot ?? undefined;
          } else if (lastPlan && lastPlan.id === req.planId) {
            plan = lastPlan.plan;
            from = lastPlan.snapshot;
          } else throw new Error("评分结果已过期，请重新点“一键评分”。");
          const out = deps.applyPlan(original, plan, from);
          // Copied, not transferred: the bytes may share a buffer with the package kept for the next run.
          post({ id: req.id, type: "applied", bytes: out });
          return;
        }
      }
    } catch (err) {
      post({ id: req.id, type: "error", ...describe(err, fileName) });
    }
  };
}
