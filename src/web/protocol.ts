import type { EvaluateOptions, EvaluateResult, Plan, WorkbookSnapshot } from "../core/types";
import type { HostError, Progress } from "../taskpane/host";
import type { WorkerPortOf } from "../taskpane/workerClient";

/**
 * Messages between the page and its Web Worker. Every request carries an id; the worker answers
 * it with any number of progress messages and then exactly one result or error.
 */
export type WorkerRequest =
  /** keep these bytes as the original workbook and return its snapshot */
  | { id: number; type: "open"; name: string; bytes: ArrayBuffer }
  /** evaluate the open workbook (or the snapshot sent along, when the page has another one) */
  | { id: number; type: "evaluate"; options: EvaluateOptions; snapshot?: WorkbookSnapshot }
  /**
   * apply a plan to the original and return the new file: the plan itself, or (planId) the one
   * the worker kept from an evaluate, so a large plan never crosses the thread boundary twice
   */
  | { id: number; type: "apply"; plan: Plan }
  | { id: number; type: "apply"; planId: number };

export type WorkerResponse =
  | { id: number; type: "progress"; progress: Progress }
  | { id: number; type: "opened"; snapshot: WorkbookSnapshot; cells: number }
  /** the plan stays in the worker under planId (the evaluate request's id) */
  | { id: number; type: "evaluated"; result: Omit<EvaluateResult, "plan">; planId: number; planOps: number }
  | { id: number; type: "applied"; bytes: Uint8Array }
  | { id: number; type: "error"; code: HostError["code"]; message: string; params?: HostError["params"] };

/** What the page needs of a Worker; tests connect a client and a handler without a real one. */
export type WorkerPort = WorkerPortOf<WorkerRequest, WorkerResponse>;
