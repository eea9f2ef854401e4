import { deserialize, serialize } from "v8";
import type { EvaluateOptions, EvaluateResult, Plan, WorkbookSnapshot } from "../../../src/core/types";
import type { PageLimits } from "../../../src/web/limits";
import type { WorkerPort, WorkerRequest, WorkerResponse } from "../../../src/web/protocol";
import { createWorkerHandler, type WorkerDeps } from "../../../src/web/workerCore";

/** The structured clone postMessage does (jsdom test environments lack the global one). */
function clone<T>(v: T): T {
  return deserialize(serialize(v)) as T;
}

export interface FakePkg {
  bytes: Uint8Array;
}

/** Stands in for the file mode: "bytes" starting with 0 are not a zip, a zip whose fifth byte is 0xee is damaged; the snapshot is fixed. */
export function fakeDeps(snapshot: WorkbookSnapshot, result: (options?: EvaluateOptions) => EvaluateResult) {
  const deps = {
    openXlsx: jest.fn((bytes: Uint8Array): FakePkg => {
      if (bytes[0] === 0) {
        const e = new Error("文件不是有效的 .xlsx 工作簿（不是 zip 压缩包）。") as Error & { code: string };
        e.name = "XlsxError";
        e.code = "not-zip";
        throw e;
      }
      if (bytes[4] === 0xee) {
        const e = new Error("文件已损坏或不完整，无法读取，请在 Excel 中打开并重新保存后再试。") as Error & { code: string };
        e.name = "XlsxError";
        e.code = "corrupt";
        throw e;
      }
      return { bytes };
    }),
    snapshotOf: jest.fn((_pkg: FakePkg, name: string): WorkbookSnapshot => ({ ...snapshot, source: name })),
    // the "written file" is the original bytes followed by the number of ops, so tests can tell runs apart
    applyPlan: jest.fn((pkg: FakePkg, plan: Plan) => Uint8Array.from([...pkg.bytes, plan.length])),
    evaluate: jest.fn((_snap: WorkbookSnapshot, options?: EvaluateOptions) => result(options)),
  } satisfies WorkerDeps<FakePkg>;
  return deps;
}

/**
 * A Worker without a thread: requests and responses cross on the microtask queue and through
 * structuredClone, as they would through postMessage.
 */
export function fakePort(deps: WorkerDeps<FakePkg>, limits: PageLimits) {
  const sent: WorkerRequest[] = [];
  const port: WorkerPort = {
    onmessage: null,
    postMessage(message) {
      sent.push(message);
      const copy = clone(message);
      queueMicrotask(() => handle(copy));
    },
  };
  const handle = createWorkerHandler(
    deps,
    (message: WorkerResponse) => {
      const copy = clone(message);
      queueMicrotask(() => port.onmessage?.({ data: copy }));
    },
    limits,
  );
  return { port, sent };
}

/**
 * Holds back the port's apply requests until `release`, as a slow build of a big workbook in the
 * worker would: the page must show the grade before the file exists.
 */
export function holdApplies(port: WorkerPort) {
  const held: (() => void)[] = [];
  const post = port.postMessage.bind(port);
  port.postMessage = (message, transfer) => {
    if (message.type === "apply") held.push(() => post(message, transfer));
    else post(message, transfer);
  };
  return { held, release: () => held.splice(0).forEach((go) => go()) };
}

export function fileOf(name: string, bytes: number[]) {
  const data = Uint8Array.from(bytes);
  return { name, size: data.byteLength, arrayBuffer: jest.fn(async () => data.slice().buffer) };
}
