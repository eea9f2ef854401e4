import { parseScoreArgs, USAGE, UsageError } from "./args";
import { InputError, runScore, type Io } from "./score";
import { runTemplate } from "./templateCommand";

/**
 * The command's entry. Every failure the user can fix ends as one line on stderr and exit 2;
 * only a bug in the tool itself shows a stack trace (exit 1).
 */
export function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): number | Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === "--help" || command === "-h" || command === "help") {
      io.stdout.write(USAGE);
      return command ? 0 : 2;
    }
    if (command === "--version" || command === "-v") {
      io.stdout.write("shuangbai 0.1.0\n");
      return 0;
    }
    if (command === "score") return runScore(parseScoreArgs(rest), io);
    if (command === "template") return runTemplate(rest, io);
    throw new UsageError(`未知命令“${command}”（可用：score、template）`);
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) {
      io.stderr.write(`shuangbai: ${e.message}\n`);
      return 2;
    }
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === "ENOSPC" || code === "EACCES" || code === "EPERM" || code === "EROFS") {
      io.stderr.write(`shuangbai: 无法写入输出文件（${code === "ENOSPC" ? "磁盘已满" : "没有写入权限"}）\n`);
      return 2;
    }
    throw e;
  }
}
