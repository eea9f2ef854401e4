import type { CellValue } from "./types";
import { hasFullWidthDigits, toHalfWidth } from "./text";

/**
 * A cell read as a quantity: "200个", "1,469人次", "１２", "185.50%", "8384.5小时", a plain number,
 * a cached formula result or a blank. The unit is kept, because a slipped block shows itself by
 * carrying another indicator's unit.
 */
export type Quantity =
  | {
      kind: "number";
      value: number;
      unit: string | null;
      percent: boolean;
      decimals: number;
      thousands: boolean;
      fromText: boolean;
      fullWidth: boolean;
      text: string;
      /** words around the number that say it is a minimum (≥200个, 不少于90个, 30个以上), kept when it is normalised */
      bound?: { before: string; after: string };
      /** the unit was typed in brackets (200（份）), and is shown so again */
      unitInBrackets?: boolean;
    }
  | { kind: "blank" }
  | { kind: "text"; text: string }
  | { kind: "error"; text: string };

const ERROR_RE = /^#(DIV\/0!|REF!|VALUE!|N\/A|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/;

export function isErrorLiteral(v: CellValue): boolean {
  return typeof v === "string" && ERROR_RE.test(v.trim());
}

/** The literal unit a number format prints after the number: 0"个" → 个, #,##0"人次" → 人次. */
export function unitFromFormat(fmt: string | null | undefined): string | null {
  if (!fmt) return null;
  const section = fmt.split(";")[0];
  const m = /"([^"]+)"\s*$/.exec(section) ?? /\\([^\\\s\d#0.,%]+)$/.exec(section);
  // 0"个以上" is a minimum written in the format, 0"（份）" a unit in brackets (see formatForQuantity): 个, 份
  const unit = m
    ? m[1]
        .trim()
        .replace(/(及以上|或以上|以上)$/, "")
        .replace(/^[(（](.+)[)）]$/, "$1")
    : "";
  return unit && !/^[\d\s.,%]+$/.test(unit) ? unit : null;
}

export function formatIsPercent(fmt: string | null | undefined): boolean {
  if (!fmt) return false;
  return /%/.test(fmt.split(";")[0].replace(/"[^"]*"/g, ""));
}

/** Decimals a number format shows: 0.00% → 2, #,##0 → 0; General → null (as many as needed). */
export function formatDecimals(fmt: string | null | undefined): number | null {
  if (!fmt || /^general$/i.test(fmt)) return null;
  const section = fmt.split(";")[0].replace(/"[^"]*"/g, "");
  const m = /\.([0#?]+)/.exec(section);
  return m ? m[1].length : 0;
}

function decimalsOf(n: number): number {
  if (!Number.isFinite(n) || Number.isInteger(n)) return 0;
  const s = String(n);
  if (s.includes("e-")) return Number(s.split("e-")[1]) + (s.split("e")[0].split(".")[1]?.length ?? 0);
  return s.split(".")[1]?.length ?? 0;
}

const QUANTITY_RE = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(%)?\s*(?:([\u4e00-\u9fa5A-Za-z]{1,6})|\(([\u4e00-\u9fa5A-Za-z]{1,6})\))?$/;

/** A target written as a minimum: ≥200个, 不少于 90 个, 至少30人次, 30个以上, 不低于100人次. */
const BOUND_RE = /^(≥|>=|＞=|不少于|不低于|至少|最少|大于等于|达到)?\s*(.+?)\s*(及以上|或以上|以上)?$/;

export function parseQuantity(v: CellValue, numberFormat?: string | null): Quantity {
  if (v === null || v === undefined) return { kind: "blank" };
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { kind: "text", text: String(v) };
    const percent = formatIsPercent(numberFormat);
    const fd = formatDecimals(numberFormat);
    return {
      kind: "number",
      value: v,
      unit: unitFromFormat(numberFormat),
      percent,
      decimals: fd ?? Math.max(0, decimalsOf(v) - (percent ? 2 : 0)),
      thousands: !!numberFormat && /#,##0|0,0/.test(numberFormat),
      fromText: false,
      fullWidth: false,
      text: String(v),
    };
  }
  if (typeof v === "boolean") return { kind: "text", text: v ? "TRUE" : "FALSE" };
  const raw = v.trim();
  if (raw === "") return { kind: "blank" };
  if (ERROR_RE.test(raw)) return { kind: "error", text: raw };
  const fullWidth = hasFullWidthDigits(raw);
  const half = toHalfWidth(raw).replace(/[，]/g, ",").replace(/[。]/g, ".").replace(/\s+/g, " ").trim();
  const bounded = BOUND_RE.exec(half);
  const b = bounded && (bounded[1] || bounded[3]) ? bounded : null;
  const m = QUANTITY_RE.exec(b ? b[2] : half);
  if (!m) return { kind: "text", text: raw };
  const [, sign, intPart, frac, pct, plainUnit, bracketUnit] = m;
  const unit = plainUnit ?? bracketUnit;
  const thousands = intPart.includes(",");
  const num = Number(`${sign}${intPart.replace(/,/g, "")}${frac ? "." + frac : ""}`);
  const percent = pct === "%";
  return {
    kind: "number",
    value: percent ? num / 100 : num,
    unit: unit ?? null,
    percent,
    decimals: frac ? frac.length : 0,
    thousands,
    fromText: true,
    fullWidth,
    text: raw,
    ...(b ? { bound: { before: b[1], after: b[3] } } : {}),
    ...(bracketUnit ? { unitInBrackets: true } : {}),
  };
}

/**
 * The number format that shows a normalised number exactly as the person typed it:
 * 200个 → 0"个", 1,469人次 → #,##0"人次", 8384.5小时 → 0.0"小时".
 */
export function formatForQuantity(q: Extract<Quantity, { kind: "number" }>): string {
  const base = (q.thousands ? "#,##0" : "0") + (q.decimals > 0 ? "." + "0".repeat(q.decimals) : "");
  const before = q.bound?.before ? `"${q.bound.before}"` : "";
  const after = (q.unit ? (q.unitInBrackets ? `（${q.unit}）` : q.unit) : "") + (q.bound?.after ?? "");
  if (q.percent) return before + base + "%" + (q.bound?.after ? `"${q.bound.after}"` : "");
  return before + base + (after ? `"${after.replace(/"/g, "")}"` : "");
}

/** Render a fraction as a percentage with two decimals: 1.855 → "185.50%". */
export function formatPercent(p: number, decimals = 2): string {
  return `${(p * 100).toFixed(decimals)}%`;
}
