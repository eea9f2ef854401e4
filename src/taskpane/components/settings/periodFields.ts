import { isoToDays, readDate, ymdToIso } from "../../../core/dates";
import type { EvaluateOptions } from "../../../core/types";
import type { MessageKey } from "../../i18n";

/** The three date fields as typed. */
export interface PeriodTexts {
  start: string;
  end: string;
  asOf: string;
}

export type PeriodProblems = Partial<Record<keyof PeriodTexts, MessageKey>>;

/**
 * A date as a person writes it, whatever the browser's locale: 2023-07-01, 2023/7/1, 2023.7.1,
 * 2023年7月1日, 20230701, full-width digits too. "" is no date; null is one that does not read.
 */
export function readDateText(text: string): string | null | "" {
  const t = text.trim();
  if (!t) return "";
  const d = readDate(t);
  return d ? ymdToIso(d) : null;
}

export function periodTexts(o: EvaluateOptions): PeriodTexts {
  return { start: o.period?.start ?? "", end: o.period?.end ?? "", asOf: o.asOf ?? "" };
}

/**
 * The fields read as options, or the message each field that does not read shows: a date that
 * does not read, a contract year with only one end, an end before its start.
 */
export function readPeriodTexts(x: PeriodTexts): { patch: Pick<EvaluateOptions, "period" | "asOf"> | null; problems: PeriodProblems } {
  const problems: PeriodProblems = {};
  const start = readDateText(x.start);
  const end = readDateText(x.end);
  const asOf = readDateText(x.asOf);
  if (start === null) problems.start = "settings.dateBad";
  if (end === null) problems.end = "settings.dateBad";
  if (asOf === null) problems.asOf = "settings.dateBad";
  if (start !== null && end !== null) {
    if (start && !end) problems.end = "settings.periodNeedsBoth";
    else if (end && !start) problems.start = "settings.periodNeedsBoth";
    else if (start && end && isoToDays(end) < isoToDays(start)) problems.end = "settings.periodEndBeforeStart";
  }
  if (Object.keys(problems).length) return { patch: null, problems };
  return { patch: { period: start && end ? { start, end } : null, asOf: asOf || null }, problems };
}
