/**
 * ROUND as Excel computes it on the decimal value a person sees. Excel keeps 15 significant
 * digits, so 16 + 8 + 12 + 43.995 is 79.995 to Excel (and rounds to 80.00) even though the
 * binary double is 79.99499999…; plain Math.round would give 79.99. Halves round away from zero.
 */
export function excelRound(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const p = Number(x.toPrecision(15));
  if (p === 0) return 0;
  const sign = p < 0 ? -1 : 1;
  const [mantissa, exp] = Math.abs(p).toExponential().split("e");
  const shifted = Number(`${mantissa}e${Number(exp) + digits}`);
  const rounded = Math.round(shifted);
  const [m2, e2] = rounded.toExponential().split("e");
  return sign * Number(`${m2}e${Number(e2) - digits}`);
}

/** Sum as Excel shows it: each partial sum cut to 15 significant digits. */
export function excelSum(xs: number[]): number {
  let s = 0;
  for (const x of xs) s = Number((s + x).toPrecision(15));
  return s;
}
