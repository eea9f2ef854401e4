import { evaluate } from "../../src/core/evaluate";
import { evaluateOffThread, handleEvaluateMessage, type EvaluateRequest, type EvaluateResponse, type WorkerLike } from "../../src/taskpane/evaluateOffThread";
import { seedWorkbook } from "../fixtures/seed";

/** A worker stand-in that runs the real message handler on a later tick, like a thread would. */
function fakeWorker(opts: { crash?: boolean } = {}): WorkerLike & { posted: number } {
  const w: WorkerLike & { posted: number } = {
    posted: 0,
    onmessage: null,
    onerror: null,
    terminate: () => undefined,
    postMessage(msg: EvaluateRequest) {
      w.posted++;
      // a real worker gets a structured clone, never the pane's own objects
      const copy = structuredClone(msg);
      setTimeout(() => {
        if (opts.crash) w.onerror?.({ preventDefault: () => undefined });
        else w.onmessage?.({ data: structuredClone(handleEvaluateMessage(copy, evaluate)) as EvaluateResponse });
      }, 0);
    },
  };
  return w;
}

describe("evaluating off the pane's thread", () => {
  it("gives the same result as evaluating in the pane", async () => {
    const w = fakeWorker();
    const run = evaluateOffThread(() => w, evaluate);
    const result = await run(seedWorkbook(), {});
    expect(w.posted).toBe(1);
    expect(result).toEqual(evaluate(seedWorkbook(), {}));
  });

  it("falls back to the pane's thread when no worker can start or the worker dies", async () => {
    const none = evaluateOffThread(null, evaluate);
    expect((await none(seedWorkbook(), {})).report.scores[0].total).toBe(93.9);
    const throwing = evaluateOffThread(() => {
      throw new Error("CSP");
    }, evaluate);
    expect((await throwing(seedWorkbook(), {})).report.scores[0].grade).toBe("优秀");
    const dying = evaluateOffThread(() => fakeWorker({ crash: true }), evaluate);
    expect((await dying(seedWorkbook(), {})).report.indicators).toHaveLength(14);
  });

  it("turns a core failure into a rejected promise with its message", () => {
    const bad = handleEvaluateMessage({ id: 7, snapshot: null as unknown as EvaluateRequest["snapshot"], options: {} }, evaluate);
    expect(bad).toMatchObject({ id: 7, ok: false });
  });
});
