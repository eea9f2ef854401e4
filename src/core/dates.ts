/** Dates in the core are ISO strings (YYYY-MM-DD); Excel serials appear only at the edges. */

export interface Period {
  start: string;
  end: string;
}

export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function isoToDays(s: string): number {
  const [y, m, d] = s.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86400000;
}

function iso(y: number, m: number, d: number): string | null {
  const s = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return isIsoDate(s) ? s : null;
}

/** Excel's 1900 date serial (with its phantom 29 Feb 1900) → ISO date. */
export function serialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const days = Math.floor(serial) - (serial >= 60 ? 25569 : 25568);
  const d = new Date(days * 86400000);
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * A contract or evaluation period written in a title, e.g. （2023年7月1日至2023年11月30日）
 * or 2023.7.1-2023.11.30. Returns null when none is found.
 */
export function periodFromText(text: string): Period | null {
  const date = String.raw`(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?`;
  const re = new RegExp(`${date}\\s*(?:至|到|—|–|-|~|～)\\s*${date}`);
  const m = re.exec(text);
  if (!m) return null;
  const start = iso(Number(m[1]), Number(m[2]), Number(m[3]));
  const end = iso(Number(m[4]), Number(m[5]), Number(m[6]));
  if (!start || !end || isoToDays(end) < isoToDays(start)) return null;
  return { start, end };
}

/** Share of the period elapsed by asOf (inclusive days), clamped to 0..1. */
export function elapsedShare(period: Period, asOf: string): number {
  const s = isoToDays(period.start);
  const e = isoToDays(period.end);
  const a = isoToDays(asOf);
  const share = (a - s + 1) / (e - s + 1);
  return Math.min(1, Math.max(0, share));
}
