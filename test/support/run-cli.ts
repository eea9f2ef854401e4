/**
 * The real command line, called in-process: `main` is what bin/shuangbai.js runs, minus the
 * process. Spawning Node per file would cost ~0.3 s each; a corpus of hundreds stays quick this way.
 */
import { main } from "../../src/cli/main";

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
  /** an exception main let through: the command line's "internal error" path (a bug) */
  crash?: unknown;
}

export function runCli(argv: string[]): CliRun {
  let stdout = "";
  let stderr = "";
  const io = {
    stdout: { write: (s: string) => ((stdout += s), true), isTTY: false },
    stderr: { write: (s: string) => ((stderr += s), true), isTTY: false },
  };
  try {
    const status = main(argv, io);
    // only a run that writes Word documents is asynchronous; the corpus never asks for one
    if (typeof status !== "number") throw new Error("runCli: asynchronous run (use --doc only with an awaiting runner)");
    return { status, stdout, stderr };
  } catch (crash) {
    return { status: 1, stdout, stderr, crash };
  }
}
