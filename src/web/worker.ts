import { evaluate } from "../core/evaluate";
import { applyPlan, openXlsx, snapshotOf } from "../file";
import { PAGE_LIMITS } from "./limits";
import type { WorkerRequest, WorkerResponse } from "./protocol";
import { createWorkerHandler } from "./workerCore";

// The tsconfig carries DOM types, not the worker's; this is the slice of the worker scope used here.
const scope = self as unknown as {
  postMessage(message: WorkerResponse, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
};

const handle = createWorkerHandler(
  { openXlsx, snapshotOf, applyPlan, evaluate },
  (message, transfer) => scope.postMessage(message, transfer ?? []),
  PAGE_LIMITS,
);

scope.onmessage = (event) => handle(event.data);
