/** Excel's rules for a worksheet name: at most 31 characters, none of []:*?/\, no leading or trailing apostrophe. */
export const MAX_SHEET_NAME = 31;

export function cleanSheetName(name: string): string {
  let s = name
    .replace(/[[\]:*?/\\]/g, "")
    .replace(/[\r\n\t]/g, " ")
    .trim();
  s = s.replace(/^'+|'+$/g, "").trim();
  if (!s) s = "套表视图";
  if (Array.from(s).length > MAX_SHEET_NAME) s = Array.from(s).slice(0, MAX_SHEET_NAME).join("").trim();
  if (s.toLowerCase() === "history") s = "History (2)";
  return s;
}

function withSuffix(base: string, n: number): string {
  const suffix = `(${n})`;
  const room = MAX_SHEET_NAME - suffix.length;
  const chars = Array.from(base);
  return (chars.length > room ? chars.slice(0, room).join("").trim() : base) + suffix;
}

/**
 * A name for the output sheet that collides with no other sheet (Excel compares names without
 * regard to case). A sheet of the same name that `isOurs` (an earlier run's output) may be
 * reused, so running twice replaces the view instead of piling up copies.
 */
export function chooseSheetName(wanted: string, existing: string[], taken: Set<string>, isOurs: (name: string) => boolean): string {
  const base = cleanSheetName(wanted);
  const byLower = new Map(existing.map((n) => [n.toLowerCase(), n]));
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? base : withSuffix(base, i);
    const lower = candidate.toLowerCase();
    if (taken.has(lower)) continue;
    const clash = byLower.get(lower);
    if (clash === undefined || isOurs(clash)) return clash ?? candidate;
  }
}
