/**
 * Plain text to the clipboard from inside an Office pane or a page. The async Clipboard API can be
 * refused in Office's iframe (no clipboard-write permission granted to the add-in's frame), so
 * this falls back to the older path: a selected, off-screen textarea and execCommand("copy"),
 * which runs inside the click's user gesture. When both are refused the caller shows the text
 * selected for the user's own Ctrl+C.
 */
export type CopyOutcome = "copied" | "manual";

export async function copyText(text: string, env: { navigator?: Navigator; document?: Document } = globalThis): Promise<CopyOutcome> {
  const clip = env.navigator?.clipboard;
  if (clip && typeof clip.writeText === "function") {
    try {
      await clip.writeText(text);
      return "copied";
    } catch {
      // refused (permissions policy, no focus): try the selection route
    }
  }
  const doc = env.document;
  if (!doc?.body) return "manual";
  const area = doc.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.top = "-1000px";
  area.style.opacity = "0";
  doc.body.appendChild(area);
  const active = doc.activeElement as HTMLElement | null;
  try {
    area.focus();
    area.select();
    return typeof doc.execCommand === "function" && doc.execCommand("copy") ? "copied" : "manual";
  } catch {
    return "manual";
  } finally {
    area.remove();
    active?.focus?.();
  }
}
