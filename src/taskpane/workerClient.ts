/**
 * Request/response over a Web Worker, shared by the pane (the core off Excel's thread) and the
 * page (file mode and core in one worker). Each request gets an id and a promise; the worker
 * answers with any number of progress messages and then one final message. A worker that dies
 * (a crash, out of memory, a script that would not load) settles everything still waiting, either
 * through `rescue` (the pane finishes on its own thread) or as a rejection with `died()`.
 */

/** What the client needs of a Worker; tests connect a client and a handler without a real one. */
export interface WorkerPortOf<Req, Res> {
  postMessage(message: Req, transfer?: Transferable[]): void;
  onmessage: ((event: { data: Res }) => void) | null;
  /** a script that failed to load, or a worker that ran out of memory */
  onerror?: ((event: { preventDefault?(): void }) => void) | null;
  terminate?(): void;
}

/** What one message from the worker means for its request. */
export type Settle<Res, P> = { progress: P } | { value: Res } | { error: unknown };

export interface WorkerClientOptions<Req, Res, P> {
  settle(message: Res): Settle<Res, P>;
  /** the error a request still waiting gets when the worker dies (unless rescued) */
  died(): unknown;
  /** finish a request some other way when the worker died under it */
  rescue?(request: Req): Promise<Res>;
  /** after the worker died and everything waiting was settled: forget it, start another next time */
  onDead?(): void;
}

// Distributes a request type over the union so callers write requests without an id.
export type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

type Pending<Req, Res, P> = {
  request: Req;
  resolve: (r: Res) => void;
  reject: (e: unknown) => void;
  progress?: (p: P) => void;
};

export class WorkerClient<Req extends { id: number }, Res extends { id: number }, P = never> {
  private nextId = 1;
  private pending = new Map<number, Pending<Req, Res, P>>();
  private dead = false;

  constructor(
    private readonly port: WorkerPortOf<Req, Res>,
    private readonly opts: WorkerClientOptions<Req, Res, P>,
  ) {
    port.onmessage = (event) => this.receive(event.data);
    port.onerror = (event) => {
      event.preventDefault?.();
      this.die();
    };
  }

  get alive(): boolean {
    return !this.dead;
  }

  request(req: WithoutId<Req>, progress?: (p: P) => void, transfer?: Transferable[]): Promise<Res> {
    const request = { ...req, id: this.nextId++ } as unknown as Req;
    return new Promise((resolve, reject) => {
      const p = { request, resolve, reject, progress };
      if (this.dead) return this.settleDead(p);
      this.pending.set(request.id, p);
      try {
        this.port.postMessage(request, transfer);
      } catch (e) {
        this.pending.delete(request.id);
        reject(e);
      }
    });
  }

  /** The worker is gone: settle everything waiting, then stop the thread if it still runs. */
  die(): void {
    if (this.dead) return;
    this.dead = true;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) this.settleDead(p);
    this.port.terminate?.();
    this.opts.onDead?.();
  }

  private settleDead(p: Pending<Req, Res, P>): void {
    if (this.opts.rescue) this.opts.rescue(p.request).then(p.resolve, p.reject);
    else p.reject(this.opts.died());
  }

  private receive(msg: Res): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    const s = this.opts.settle(msg);
    if ("progress" in s) {
      p.progress?.(s.progress);
      return;
    }
    this.pending.delete(msg.id);
    if ("error" in s) p.reject(s.error);
    else p.resolve(s.value);
  }
}
