import type { EvaluateOptions, EvaluateResult, Plan, WorkbookSnapshot } from "../core/types";
import type { EvaluateFn } from "../taskpane/appTypes";
import { HostError, type PaneSettings, type ProgressFn, type ScoringHost } from "../taskpane/host";
import { sanitiseSettings } from "../taskpane/settings";
import { PAGE_LIMITS, type PageLimits } from "./limits";
import { previewAround } from "./preview";
import type { WorkerPort } from "./protocol";
import { WorkerClient } from "./workerClient";
import { tooBig } from "./workerCore";

export const SETTINGS_KEY = "shuangbai.settings.v1";

/** The part of a File the host uses, so tests can pass a plain object. */
export interface PickedFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface FileHostOptions {
  /** makes the Worker on first use, so the page loads nothing heavy before a file is chosen */
  createPort: () => WorkerPort;
  storage?: Pick<Storage, "getItem" | "setItem"> | null;
  limits?: PageLimits;
}

export interface FileHost extends ScoringHost {
  setFile(file: PickedFile | null): void;
  hasFile(): boolean;
  /**
   * the core's evaluate, run in the worker on the workbook it already holds. The plan it returns
   * is a handle for this host's applyPlan: the real plan stays in the worker.
   */
  evaluate: EvaluateFn;
}

const NEED_FILE = "请先选择一个 .xlsx 工作簿。";

/** "站点评估表.xlsx" → "站点评估表-评估结果.xlsx", the name the command line writes too. */
export function outputName(source: string): string {
  const base = source.replace(/\.xlsx$/i, "") || "工作簿";
  return `${base}-评估结果.xlsx`;
}

/**
 * ScoringHost over an .xlsx file in the browser. Reading, evaluating and writing happen in the
 * worker; this side keeps the snapshot (for previews and sheet names) and the scored bytes.
 * "Undo" is going back to the original file: every run starts from it.
 */
export function createFileHost(opts: FileHostOptions): FileHost {
  const limits = opts.limits ?? PAGE_LIMITS;
  let client: WorkerClient | null = null;
  let file: PickedFile | null = null;
  let opened: Promise<WorkbookSnapshot> | null = null;
  let snapshot: WorkbookSnapshot | null = null;
  let output: Uint8Array | null = null;
  // Plans returned by evaluate are empty stand-ins for the plan the worker kept; applyPlan trades
  // them back for it. A plan of tens of megabytes then never crosses the thread boundary.
  const workerPlans = new WeakMap<Plan, number>();

  const worker = (): WorkerClient => {
    if (!client) {
      // A dead worker is replaced on the next request; the file has to be read again in it.
      client = new WorkerClient(opts.createPort(), () => {
        client = null;
        opened = null;
      });
    }
    return client;
  };

  const open = (progress?: ProgressFn): Promise<WorkbookSnapshot> => {
    const f = file;
    if (!f) return Promise.reject(new HostError("file-unreadable", NEED_FILE));
    if (f.size > limits.maxFileBytes) return Promise.reject(tooBig(f.name, f.size, limits));
    if (!opened) {
      const attempt = (async () => {
        progress?.({ phase: "read", fraction: 0 });
        let bytes: ArrayBuffer;
        try {
          bytes = await f.arrayBuffer();
        } catch {
          throw new HostError("file-unreadable", "无法读取所选文件，请确认文件没有被其他程序占用后重新选择。");
        }
        const reply = await worker().request({ type: "open", name: f.name, bytes }, progress, [bytes]);
        if (reply.type !== "opened") throw new HostError("unknown", "工作簿读取失败，请重试。");
        if (file === f) snapshot = reply.snapshot;
        return reply.snapshot;
      })();
      opened = attempt;
      // A failed read must not stick: choosing the same file again should try again.
      attempt.catch(() => {
        if (opened === attempt) opened = null;
      });
    }
    return opened;
  };

  const evaluate: EvaluateFn = async (snap: WorkbookSnapshot, options: EvaluateOptions): Promise<EvaluateResult> => {
    // The worker already holds the snapshot it made; only send one it has not seen.
    const reply = await worker().request(snap === snapshot ? { type: "evaluate", options } : { type: "evaluate", options, snapshot: snap });
    if (reply.type !== "evaluated") throw new HostError("unknown", "评分失败，请重试。");
    const handle: Plan = [];
    workerPlans.set(handle, reply.planId);
    return { ...reply.result, plan: handle };
  };

  const settingsFromStorage = (): PaneSettings | null => {
    try {
      const raw = opts.storage?.getItem(SETTINGS_KEY);
      return raw ? sanitiseSettings(JSON.parse(raw)) : null;
    } catch {
      // unreadable or blocked storage (private mode): start from the defaults
      return null;
    }
  };

  return {
    kind: "file",
    evaluate,

    setFile(next) {
      file = next;
      opened = null;
      snapshot = null;
      output = null;
    },

    hasFile: () => file !== null,

    readSnapshot: (progress) => open(progress),

    async applyPlan(plan: Plan, progress?: ProgressFn) {
      if (!file) throw new HostError("file-unreadable", NEED_FILE);
      await open();
      const planId = workerPlans.get(plan);
      const reply = await worker().request(planId === undefined ? { type: "apply", plan } : { type: "apply", planId }, progress);
      if (reply.type !== "applied") throw new HostError("unknown", "写入评估结果失败，请重试。");
      output = reply.bytes;
    },

    canUndo: async () => output !== null,

    async undoLastRun() {
      if (!output) throw new HostError("nothing-to-undo", "没有可以撤销的运行。");
      output = null;
    },

    async previewRows(sheet, cell) {
      const snap = snapshot ?? (file ? await open() : null);
      return snap ? previewAround(snap, sheet, cell) : null;
    },

    async download() {
      if (!file || !output) throw new HostError("nothing-to-undo", "还没有评估结果，请先点“一键评分”。");
      return { name: outputName(file.name), bytes: output };
    },

    async sheetNames() {
      if (!file) return [];
      const snap = await open();
      return snap.sheets.filter((s) => !s.hidden).map((s) => s.name);
    },

    loadSettings: async () => settingsFromStorage(),

    async saveSettings(settings) {
      try {
        opts.storage?.setItem(SETTINGS_KEY, JSON.stringify(sanitiseSettings(settings)));
      } catch {
        throw new HostError("unknown", "无法在本浏览器中保存设置（可能处于隐私模式或存储已满）。");
      }
    },
  };
}
