/**
 * Progress on a terminal: one bar per file, advancing through its phases. Silent when stderr is
 * not a terminal, so logs and pipes stay clean.
 */
export type CliPhase = "read" | "analyse" | "write" | "done";

const PHASE_LABEL: Record<"zh" | "en", Record<CliPhase, string>> = {
  zh: { read: "读取", analyse: "分析", write: "写回", done: "完成" },
  en: { read: "read", analyse: "analyse", write: "write", done: "done" },
};
const PHASE_SHARE: Record<CliPhase, number> = { read: 0.1, analyse: 0.45, write: 0.75, done: 1 };

export interface ProgressSink {
  isTTY?: boolean;
  write(s: string): boolean;
}

export class Progress {
  private active = false;
  constructor(
    private readonly out: ProgressSink,
    private readonly lang: "zh" | "en",
    private readonly total: number,
  ) {}

  get enabled(): boolean {
    return !!this.out.isTTY;
  }

  update(index: number, name: string, phase: CliPhase): void {
    if (!this.enabled) return;
    const width = 24;
    const filled = Math.round(PHASE_SHARE[phase] * width);
    const bar = "█".repeat(filled) + "░".repeat(width - filled);
    const label = name.length > 30 ? "…" + name.slice(-29) : name;
    this.out.write(`\r\x1b[2K[${index + 1}/${this.total}] ${bar} ${PHASE_LABEL[this.lang][phase]}  ${label}`);
    this.active = true;
  }

  /** end the bar's line before anything else is printed */
  clear(): void {
    if (this.enabled && this.active) this.out.write("\r\x1b[2K");
    this.active = false;
  }
}
