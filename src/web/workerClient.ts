import type { Progress } from "../taskpane/host";
import { HostError } from "../taskpane/host";
import type { WorkerPort, WorkerRequest, WorkerResponse } from "./protocol";

export const WORKER_DIED = "浏览器无法完成处理（可能是文件太大或内存不足），请使用命令行 shuangbai score。";

type Pending = {
  resolve: (r: WorkerResponse) => void;
  reject: (e: unknown) => void;
  progress?: (p: Progress) => void;
};

// Distributes a request type over the union so callers write requests without an id.
type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

/** Request/response over a Worker: one promise per request, progress forwarded as it comes. */
export class WorkerClient {
  private nextId = 1;
  private pending = new Map<number, Pending>();

  constructor(
    private readonly port: WorkerPort,
    onDead?: () => void,
  ) {
    port.onmessage = (event) => this.receive(event.data);
    port.onerror = (event) => {
      event.preventDefault?.();
      this.fail(WORKER_DIED);
      port.terminate?.();
      onDead?.();
    };
  }

  request(req: WithoutId<WorkerRequest>, progress?: (p: Progress) => void, transfer?: Transferable[]): Promise<WorkerResponse> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, progress });
      try {
        this.port.postMessage({ ...req, id } as WorkerRequest, transfer);
      } catch (e) {
        this.pending.delete(id);
        reject(e);
      }
    });
  }

  /** The worker died (a crash or out of memory): fail everything still waiting, in plain Chinese. */
  fail(message: string): void {
    for (const p of this.pending.values()) p.reject(new HostError("unknown", message));
    this.pending.clear();
  }

  private receive(msg: WorkerResponse): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.type === "progress") {
      p.progress?.(msg.progress);
      return;
    }
    this.pending.delete(msg.id);
    if (msg.type === "error") p.reject(new HostError(msg.code, msg.message, undefined, msg.params));
    else p.resolve(msg);
  }
}
