import type { EvaluateOptions, EvaluateResult, WorkbookSnapshot } from "../core/types";
import { WorkerClient, type WorkerPortOf } from "./workerClient";

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

export type WorkerLike = WorkerPortOf<EvaluateRequest, EvaluateResponse>;

/**
 * The pane side: evaluate in a worker when one can be started, else in the pane's own thread (the
 * result is the same; only responsiveness differs). A worker that dies falls back the same way,
 * through the one worker client the page uses too.
 */
export function evaluateOffThread(
  startWorker: (() => WorkerLike) | null,
  inThread: EvaluateHere,
): (s: WorkbookSnapshot, o: EvaluateOptions) => Promise<EvaluateResult> {
  let client: WorkerClient<EvaluateRequest, EvaluateResponse> | null = null;
  let broken = !startWorker;
  const here = (req: EvaluateRequest): Promise<EvaluateResponse> =>
    Promise.resolve()
      .then(() => inThread(req.snapshot, req.options))
      .then((result): EvaluateResponse => ({ id: req.id, ok: true, result }));

  const ensure = (): WorkerClient<EvaluateRequest, EvaluateResponse> | null => {
    if (broken || !startWorker) return null;
    if (client) return client;
    try {
      client = new WorkerClient<EvaluateRequest, EvaluateResponse>(startWorker(), {
        settle: (msg) => (msg.ok ? { value: msg } : { error: new Error(msg.message) }),
        died: () => new Error("worker died"),
        // finish what was waiting on the pane's thread rather than failing the run
        rescue: here,
        onDead: () => {
          broken = true;
          client = null;
        },
      });
    } catch {
      broken = true;
      return null;
    }
    return client;
  };

  return async (snapshot, options) => {
    const c = ensure();
    const reply = c ? await c.request({ snapshot, options }) : await here({ id: 0, snapshot, options });
    if (!reply.ok) throw new Error(reply.message);
    return reply.result;
  };
}
