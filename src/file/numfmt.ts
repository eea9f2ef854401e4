/**
 * Built-in number formats: ids below 164 have no `<numFmt>` in styles.xml; their codes are fixed
 * by ECMA-376 (18.8.30), and ids 27–36 / 50–58 are the date and time formats of the Chinese
 * (zh-CN) locale. Dates matter most: the core recognises a date by its format code.
 */
const BUILT_IN: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  // 14 follows the reader's locale in Excel (yyyy/m/d in zh-CN); an ISO-like code keeps it recognisably a date
  14: "yyyy-mm-dd",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "yyyy-mm-dd h:mm",
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: "m-d-yy",
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/** Built-in ids whose code is the same in every locale, so a plan's format may reuse them. */
const LOCALE_NEUTRAL = [0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 45, 46, 47, 48, 49];

export function builtInFormat(id: number): string | undefined {
  return BUILT_IN[id];
}

export function builtInIdFor(code: string): number | undefined {
  if (code.toLowerCase() === "general") return 0;
  return LOCALE_NEUTRAL.find((id) => BUILT_IN[id] === code);
}

/** First custom format id Excel allows. */
export const FIRST_CUSTOM_NUMFMT_ID = 164;
