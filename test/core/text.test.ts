import fc from "fast-check";
import { displayHeader, displayHeaderUnfiltered, normaliseHeader, normaliseHeaderUnfiltered, normaliseLabel } from "../../src/core/text";

/** normaliseLabel as it reads without its fast paths */
const labelUnfiltered = (s: string) => normaliseHeaderUnfiltered(s).replace(/^(\d+[.、)]|\([一二三四五六七八九十\d]{1,3}\)|[一二三四五六七八九十]+、)/, "");

const pieces = [
  "身份证号码",
  "年龄",
  "姓名",
  "完成情况",
  "Score",
  "target",
  "*",
  "※",
  ":",
  "：",
  "必填",
  "(必填)",
  "（必填）",
  "(选填)",
  "【",
  "】",
  "〔",
  "〕",
  "［",
  "］",
  "(",
  ")",
  "（",
  "）",
  "、",
  "。",
  "一、",
  "三级",
  "（二）",
  "12.",
  "3)",
  " ",
  "\n",
  "\t",
  "\u3000",
  "\u00a0",
  "\u2028",
  "\ufeff",
  "\u200b",
  "Ａ",
  "ｂ",
  "１",
  "İ",
  "ß",
  "Σ",
  "É",
  "㐀",
  "填",
  "%",
];

describe("the fast paths of normaliseHeader and displayHeader change nothing", () => {
  test("texts built from header words, decorations, brackets, spaces and cased or wide characters (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 2 }), fc.string({ unit: "binary", maxLength: 2 })), { maxLength: 5 }),
        (parts) => {
          const s = parts.join("");
          expect(normaliseHeader(s)).toBe(normaliseHeaderUnfiltered(s));
          expect(normaliseLabel(s)).toBe(labelUnfiltered(s));
        },
      ),
      { numRuns: 5000 },
    );
  });

  test("every single character, alone and around a header", () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `年龄${ch}`, `${ch}年龄`, `${ch}、年龄`, `一${ch}年龄`]) {
        if (normaliseHeader(s) !== normaliseHeaderUnfiltered(s) || normaliseLabel(s) !== labelUnfiltered(s)) wrong.push(s);
        for (const d of [s, `${s}${ch}`, `${s} `, ` ${ch}${s}`]) if (displayHeader(d) !== displayHeaderUnfiltered(d.trim())) wrong.push(d);
      }
    }
    expect(wrong).toEqual([]);
  });
});
