import { sheetRef } from "../a1";
import { excelRound } from "../round";
import type { Piece, TextFormat } from "./model";

/** Excel refuses a formula longer than this many characters. */
export const MAX_FORMULA_CHARS = 8192;
/** and a string constant inside a formula longer than this. */
export const MAX_LITERAL_CHARS = 255;

/**
 * A number as Excel's TEXT() shows it. The format codes used ("0", "0.00", "0.00%") read the same
 * in the Chinese and the English Excel (both take "." as the decimal point and "0" as a digit),
 * unlike "General", which Chinese Excel spells G/通用格式; that is why no code here uses it.
 */
export function formatNumber(value: number, format: TextFormat): string {
  switch (format) {
    case "0":
    case "0.0":
    case "0.00":
    case "0.000":
      return fixed(value, format === "0" ? 0 : format.length - 2);
    case "abs0":
      return fixed(Math.abs(value), 0);
    case "0.00%":
      return `${fixed(Number((value * 100).toPrecision(15)), 2)}%`;
    case "general":
      return generalText(value);
  }
}

/** TEXT(x, "0.00…"): rounded half away from zero on the decimal value; a negative that rounds to 0 keeps its sign. */
function fixed(value: number, decimals: number): string {
  const r = excelRound(value, decimals);
  const s = Math.abs(r).toFixed(decimals);
  return value < 0 ? `-${s}` : s;
}

/**
 * A number concatenated with &: Excel writes it in General with at most 15 significant digits
 * (93.9, 20, 0.35). Kept to the plain decimals the report uses; `canShowGeneral` says when.
 */
function generalText(value: number): string {
  const p = Number(value.toPrecision(15));
  return Object.is(p, -0) ? "0" : String(p);
}

/** Whether & would write this number as plain decimals (no exponent) in Excel and in JavaScript alike. */
export function canShowGeneral(value: number): boolean {
  const a = Math.abs(value);
  return Number.isFinite(value) && (a === 0 || (a >= 1e-4 && a < 1e11));
}

/** The TEXT format that shows a cell's number with the decimals it has now (at most three). */
export function formatForValue(value: number): TextFormat {
  for (const [d, f] of [
    [0, "0"],
    [1, "0.0"],
    [2, "0.00"],
  ] as const) {
    if (Math.abs(excelRound(value, d) - value) < 1e-9) return f;
  }
  return "0.000";
}

/** What a piece shows: the cached value of its part of the formula. */
export function pieceText(p: Piece): string {
  switch (p.kind) {
    case "text":
      return p.text;
    case "number":
      return formatNumber(p.value, p.format);
    case "cellText":
      return p.value;
    case "choice":
      return p.value >= p.threshold ? p.atLeast : p.below;
    case "ratio":
      return formatNumber(p.value, "0.00%");
  }
}

export function piecesText(pieces: Piece[]): string {
  return pieces.map(pieceText).join("");
}

function quote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** A text constant, cut into pieces Excel accepts (never between the halves of a surrogate pair). */
export function literal(text: string): string {
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(text.length, i + MAX_LITERAL_CHARS);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    parts.push(quote(text.slice(i, end)));
    i = end;
  }
  return parts.join("&");
}

function number(v: number): string {
  return String(Number(v.toPrecision(15)));
}

/** One piece as a formula operand. */
export function pieceFormula(p: Piece): string {
  switch (p.kind) {
    case "text":
      return literal(p.text);
    case "number": {
      const ref = `${sheetRef(p.sheet)}!${p.cell}`;
      if (p.format === "general") return ref;
      if (p.format === "abs0") return `TEXT(ABS(${ref}),"0")`;
      return `TEXT(${ref},"${p.format}")`;
    }
    case "cellText":
      return `${sheetRef(p.sheet)}!${p.cell}`;
    case "choice":
      return `IF(${sheetRef(p.sheet)}!${p.cell}>=${number(p.threshold)},${literal(p.atLeast)},${literal(p.below)})`;
    case "ratio":
      return `TEXT(${sheetRef(p.sheet)}!${p.numerator}/${sheetRef(p.sheet)}!${p.denominator},"0.00%")`;
  }
}

/** Adjacent text pieces merged, empty ones dropped: shorter formulas, same text. */
export function compact(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    if (p.kind === "text") {
      if (!p.text) continue;
      const last = out[out.length - 1];
      if (last && last.kind === "text") {
        out[out.length - 1] = { kind: "text", text: last.text + p.text };
        continue;
      }
    }
    out.push(p);
  }
  return out;
}

/**
 * The formulas that show a paragraph: one, or several for consecutive cells when one would pass
 * Excel's length limit. A paragraph with no cell in it has no formula (null): it is plain text.
 */
export function paragraphFormulas(pieces: Piece[]): { formula: string | null; text: string }[] {
  const list = compact(pieces);
  if (!list.some((p) => p.kind !== "text")) return [{ formula: null, text: piecesText(list) }];
  const out: { formula: string | null; text: string }[] = [];
  let operands: string[] = [];
  let chunk: Piece[] = [];
  let length = 1;
  const flush = () => {
    if (!chunk.length) return;
    out.push({ formula: `=${operands.join("&")}`, text: piecesText(chunk) });
    operands = [];
    chunk = [];
    length = 1;
  };
  for (const p of list) {
    const f = pieceFormula(p);
    const add = f.length + (operands.length ? 1 : 0);
    if (length + add > MAX_FORMULA_CHARS && chunk.length) flush();
    if (1 + f.length > MAX_FORMULA_CHARS && p.kind === "text") {
      // a text too long for one formula on its own: split it across cells as plain text
      flush();
      for (let i = 0; i < p.text.length; i += 4000) out.push({ formula: null, text: p.text.slice(i, i + 4000) });
      continue;
    }
    operands.push(f);
    chunk.push(p);
    length += add;
  }
  flush();
  return out;
}
