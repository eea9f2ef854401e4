import type { EvaluateOptions, EvaluateResult, WorkbookSnapshot } from "../core/types";

export interface EvaluateRequest {
  id: number;
  snapshot: WorkbookSnapshot;
  options: EvaluateOptions;
}

export type EvaluateResponse = { id: number; ok: true; result: EvaluateResult } | { id: number; ok: false; message: string };

type Evaluate = (s: WorkbookSnapshot, o: EvaluateOptions) => EvaluateResult;
/** the pane's own-thread fallback: may load the core first (a chunk fetched only when needed) */
type EvaluateHere = (s: WorkbookSnapshot, o: EvaluateOptions) => EvaluateResult | Promise<EvaluateResult>;

/** The worker side: one request in, one response out; a crash in the core becomes a message. */
export function handleEvaluateMessage(req: EvaluateRequest, evaluate: Evaluate): EvaluateResponse {
  try {
    return { id: req.id, ok: true, result: evaluate(req.snapshot, req.options) };
  } catch (e) {
    return { id: req.id, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

export interface WorkerLike {
  postMessage(msg: EvaluateRequest): void;
  onmessage: ((e: { data: EvaluateResponse }) => void) | null;
  onerror: ((e: { preventDefault?: () => void }) => void) | null;
  terminate(): void;
}

/**
 * The pane side: evaluate in a worker when one can be started, else in the pane's own thread (the
 * result is the same; only responsiveness differs). A worker that dies falls back the same way.
 */
export function evaluateOffThread(
  startWorker: (() => WorkerLike) | null,
  inThread: EvaluateHere,
): (s: WorkbookSnapshot, o: EvaluateOptions) => Promise<EvaluateResult> {
  let worker: WorkerLike | null = null;
  let broken = !startWorker;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: EvaluateResult) => void; reject: (e: Error) => void; snapshot: WorkbookSnapshot; options: EvaluateOptions }>();

  const ensure = (): WorkerLike | null => {
    if (broken || !startWorker) return null;
    if (worker) return worker;
    try {
      worker = startWorker();
    } catch {
      broken = true;
      return null;
    }
    worker.onmessage = (e) => {
      const p = pending.get(e.data.id);
      if (!p) return;
      pending.delete(e.data.id);
      if (e.data.ok) p.resolve(e.data.result);
      else p.reject(new Error(e.data.message));
    };
    worker.onerror = (e) => {
      e.preventDefault?.();
      broken = true;
      worker?.terminate();
      worker = null;
      // finish what was waiting on the pane's thread rather than failing the run
      for (const [id, p] of pending) {
        pending.delete(id);
        Promise.resolve()
          .then(() => inThread(p.snapshot, p.options))
          .then(p.resolve, (err: unknown) => p.reject(err instanceof Error ? err : new Error(String(err))));
      }
    };
    return worker;
  };

  return (snapshot, options) => {
    const w = ensure();
    if (!w) return Promise.resolve().then(() => inThread(snapshot, options));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, snapshot, options });
      w.postMessage({ id, snapshot, options });
    });
  };
}
