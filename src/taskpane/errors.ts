import { HostError } from "./host";
import { isMessageKey, translate, type Lang, type MessageKey } from "./i18n";

const CJK = /[\u3400-\u9fff]/;

/**
 * The one sentence the pane shows for a failure. Hosts and the core already speak plain Chinese;
 * anything else is wrapped in a generic sentence. A stack trace is never shown.
 */
export function errorMessage(err: unknown, lang: Lang): string {
  if (err instanceof HostError) {
    const problem = err.params?.problem;
    if (problem && isMessageKey(`file.problem.${problem}`)) return translate(lang, `file.problem.${problem}` as MessageKey, err.params);
    if (lang === "zh" && err.message) return err.message;
    return translate(lang, `hostError.${err.code}`, { detail: err.detail ?? "" });
  }
  const message = err instanceof Error ? err.message : typeof err === "string" ? err : "";
  const firstLine = message.split("\n")[0].trim().slice(0, 200);
  if (firstLine && CJK.test(firstLine)) return firstLine;
  return translate(lang, "error.unknown", { message: firstLine || String(err).slice(0, 80) });
}
