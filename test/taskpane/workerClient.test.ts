import { WorkerClient, type WorkerPortOf } from "../../src/taskpane/workerClient";

type Req = { id: number; n: number };
type Res = { id: number; kind: "step" | "done" | "fail"; n: number };

/** a port the test answers by hand */
function port() {
  const sent: Req[] = [];
  const p: WorkerPortOf<Req, Res> & { sent: Req[]; terminated: boolean } = {
    sent,
    terminated: false,
    onmessage: null,
    onerror: null,
    postMessage: (m) => void sent.push(m),
    terminate: () => void (p.terminated = true),
  };
  return p;
}

const settle = (m: Res) => (m.kind === "step" ? { progress: m.n } : m.kind === "fail" ? { error: new Error(`fail ${m.n}`) } : { value: m });

test("one promise per request: progress forwarded, then one result or error", async () => {
  const p = port();
  const client = new WorkerClient<Req, Res, number>(p, { settle, died: () => new Error("died") });
  const steps: number[] = [];
  const a = client.request({ n: 1 }, (s) => steps.push(s));
  const b = client.request({ n: 2 });
  expect(p.sent.map((m) => m.id)).toEqual([1, 2]);
  p.onmessage?.({ data: { id: 1, kind: "step", n: 50 } });
  p.onmessage?.({ data: { id: 2, kind: "fail", n: 2 } });
  p.onmessage?.({ data: { id: 1, kind: "done", n: 10 } });
  // a late or unknown answer is ignored
  p.onmessage?.({ data: { id: 9, kind: "done", n: 0 } });
  await expect(a).resolves.toEqual({ id: 1, kind: "done", n: 10 });
  await expect(b).rejects.toThrow("fail 2");
  expect(steps).toEqual([50]);
});

test("a worker that dies rejects what waits (and anything asked later), or hands it to rescue", async () => {
  const p = port();
  const onDead = jest.fn();
  const client = new WorkerClient<Req, Res, number>(p, { settle, died: () => new Error("died"), onDead });
  const waiting = client.request({ n: 1 });
  const preventDefault = jest.fn();
  p.onerror?.({ preventDefault });
  await expect(waiting).rejects.toThrow("died");
  await expect(client.request({ n: 2 })).rejects.toThrow("died");
  expect(preventDefault).toHaveBeenCalled();
  expect(p.terminated).toBe(true);
  expect(onDead).toHaveBeenCalledTimes(1);
  expect(client.alive).toBe(false);

  const q = port();
  const rescued = new WorkerClient<Req, Res, number>(q, {
    settle,
    died: () => new Error("died"),
    rescue: async (req) => ({ id: req.id, kind: "done", n: req.n * 100 }),
  });
  const pending = rescued.request({ n: 3 });
  q.onerror?.({});
  await expect(pending).resolves.toMatchObject({ kind: "done", n: 300 });
});

test("a message that cannot be posted rejects its request", async () => {
  const p = port();
  p.postMessage = () => {
    throw new Error("DataCloneError");
  };
  const client = new WorkerClient<Req, Res, number>(p, { settle, died: () => new Error("died") });
  await expect(client.request({ n: 1 })).rejects.toThrow("DataCloneError");
});
