/// <reference lib="webworker" />
import { evaluate } from "../core/evaluate";
import { handleEvaluateMessage } from "./evaluateOffThread";

// Runs the core off the pane's thread: Office restarts an add-in whose pane stops answering for
// five seconds, and a 100,000-row roster takes longer than that to analyse.
const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (event: MessageEvent) => scope.postMessage(handleEvaluateMessage(event.data, evaluate));
