import type { EvaluateOptions, EvaluateResult, Plan, WorkbookSnapshot } from "../core/types";
import type { EvaluateFn } from "../taskpane/appTypes";
import { HostError, type PaneSettings, type Progress, type ProgressFn, type ScoringHost } from "../taskpane/host";
import { sanitiseSettings } from "../taskpane/settings";
import { WorkerClient } from "../taskpane/workerClient";
import { PAGE_LIMITS, type PageLimits } from "./limits";
import { previewAround } from "./preview";
import type { WorkerPort, WorkerRequest, WorkerResponse } from "./protocol";
import { tooBig } from "./workerCore";

export const SETTINGS_KEY = "shuangbai.settings.v1";

/** The part of a File the host uses, so tests can pass a plain object. */
export interface PickedFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface FileHostOptions {
  /** makes the Worker on first use (or on warm()), so the page's first paint loads nothing heavy */
  createPort: () => WorkerPort;
  storage?: Pick<Storage, "getItem" | "setItem"> | null;
  limits?: PageLimits;
}

export interface FileHost extends ScoringHost {
  /** a chosen file is read in the worker at once, so 一键评分 finds it read */
  setFile(file: PickedFile | null): void;
  /** start the worker and load its script now (the page calls it once it has painted) */
  warm(): void;
  hasFile(): boolean;
  /**
   * the core's evaluate, run in the worker on the workbook it already holds. The plan it returns
   * is a handle for this host's applyPlan: the real plan stays in the worker.
   */
  evaluate: EvaluateFn;
}

const NEED_FILE = "请先选择一个 .xlsx 工作簿。";

/** The worker died under a request: almost always the tab ran out of memory on a big file. */
export function workerDied(): HostError {
  return new HostError("unknown", "", undefined, { problem: "worker-died" });
}

type PageClient = WorkerClient<WorkerRequest, WorkerResponse, Progress>;

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
  let client: PageClient | null = null;
  let file: PickedFile | null = null;
  let opened: Promise<WorkbookSnapshot> | null = null;
  let snapshot: WorkbookSnapshot | null = null;
  // The scored file, being built in the worker after the grade is shown; download waits for it.
  let output: Promise<Uint8Array> | null = null;
  // Plans returned by evaluate are empty stand-ins for the plan the worker kept; applyPlan trades
  // them back for it. A plan of tens of megabytes then never crosses the thread boundary.
  const workerPlans = new WeakMap<Plan, number>();
  // the worker keeps only the latest evaluation's plan: an older handle is refused at once
  let latestPlanId = 0;
  // who hears the read's progress: the run that asks for the workbook joins a read begun at pick time
  let readProgress: ProgressFn | undefined;

  const worker = (): PageClient => {
    if (!client) {
      const created: PageClient = new WorkerClient<WorkerRequest, WorkerResponse, Progress>(opts.createPort(), {
        settle: (msg) =>
          msg.type === "progress"
            ? { progress: msg.progress }
            : msg.type === "error"
              ? { error: new HostError(msg.code, msg.message, undefined, msg.params) }
              : { value: msg },
        died: workerDied,
        // A dead worker is replaced on the next request; the file has to be read again in it.
        onDead: () => {
          if (client !== created) return;
          client = null;
          opened = null;
        },
      });
      client = created;
    }
    return client;
  };

  const open = (progress?: ProgressFn): Promise<WorkbookSnapshot> => {
    const f = file;
    if (!f) return Promise.reject(new HostError("file-unreadable", NEED_FILE));
    if (f.size > limits.maxFileBytes) return Promise.reject(tooBig(f.name, f.size, limits));
    if (progress) {
      readProgress = progress;
      progress({ phase: "read", fraction: 0 });
    }
    if (!opened) {
      const attempt = (async () => {
        let bytes: ArrayBuffer;
        try {
          bytes = await f.arrayBuffer();
        } catch {
          throw new HostError("file-unreadable", "无法读取所选文件，请确认文件没有被其他程序占用后重新选择。");
        }
        const reply = await worker().request({ type: "open", name: f.name, bytes }, (p) => readProgress?.(p), [bytes]);
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
    latestPlanId = reply.planId;
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

    warm() {
      worker();
    },

    setFile(next) {
      file = next;
      opened = null;
      readProgress = undefined;
      snapshot = null;
      output = null;
      // Read it now, while the user finds 一键评分: the run then starts from the parsed workbook.
      // A failure here is not lost: it clears `opened`, and the run's own read meets it again.
      if (next && next.size <= limits.maxFileBytes) open().catch(() => undefined);
    },

    hasFile: () => file !== null,

    readSnapshot: (progress) => open(progress),

    /**
     * Starts building the scored file and returns at once: the page shows the grade while the
     * worker writes (the slow part). download() and outputReady() wait for the file.
     */
    async applyPlan(plan: Plan) {
      if (!file) throw new HostError("file-unreadable", NEED_FILE);
      await open();
      const planId = workerPlans.get(plan);
      if (planId !== undefined && planId !== latestPlanId) throw new HostError("unknown", "评分结果已过期，请重新点“一键评分”。");
      const building = worker()
        // no progress: the run is over by the time the worker writes, the button says it is preparing
        .request(planId === undefined ? { type: "apply", plan } : { type: "apply", planId })
        .then((reply) => {
          if (reply.type !== "applied") throw new HostError("unknown", "写入评估结果失败，请重试。");
          return reply.bytes;
        });
      // the failure is told by outputReady() or download(); nothing is left unhandled meanwhile
      building.catch(() => undefined);
      output = building;
    },

    async outputReady() {
      if (output) await output;
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
      const name = outputName(file.name);
      return { name, bytes: await output };
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
