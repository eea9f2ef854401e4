import { detectLanguage, findingTitle, languageOf, MESSAGE_KEYS, t, translate, setLanguage } from "../../src/taskpane/i18n";
import { FINDING_CATALOGUE } from "../../src/core/findings";
import type { FindingCode } from "../../src/core/types";

describe("i18n catalogue", () => {
  test("every string has a Chinese and an English text with the same parameters", () => {
    for (const key of MESSAGE_KEYS) {
      const zh = translate("zh", key);
      const en = translate("en", key);
      expect(zh.length).toBeGreaterThan(0);
      expect(en.length).toBeGreaterThan(0);
      const params = (s: string) => [...s.matchAll(/\{(\w[\w-]*)\}/g)].map((m) => m[1]).sort();
      expect({ key, params: params(en) }).toEqual({ key, params: params(zh) });
    }
  });

  test("the run button is exactly 一键评分 in Chinese and Score workbook in English", () => {
    expect(translate("zh", "run.button")).toBe("一键评分");
    expect(translate("en", "run.button")).toBe("Score workbook");
  });

  test("parameters are filled in; missing ones become empty", () => {
    expect(translate("zh", "summary.missingColumns", { columns: "性别、年龄" })).toBe("缺少列：性别、年龄");
    expect(translate("en", "summary.ratio", { completed: 3, target: 4 })).toBe("3 / 4");
  });

  test("t follows the language the pane set", () => {
    setLanguage("en");
    expect(t("undo.button")).toBe("Undo last run");
    setLanguage("zh");
    expect(t("undo.button")).toBe("撤销上次运行");
  });

  test("every finding code has a short title in both languages", () => {
    for (const code of Object.keys(FINDING_CATALOGUE) as FindingCode[]) {
      expect(findingTitle("zh", code)).not.toBe(code);
      expect(findingTitle("en", code)).not.toBe(code);
    }
  });
});

describe("language detection", () => {
  const g = globalThis as { Office?: unknown };
  afterEach(() => {
    delete g.Office;
  });

  test("zh* is Chinese, en* English, anything else stays Chinese", () => {
    expect(languageOf("zh-CN")).toBe("zh");
    expect(languageOf("zh-Hant-TW")).toBe("zh");
    expect(languageOf("en-US")).toBe("en");
    expect(languageOf("fr-FR")).toBe("zh");
    expect(languageOf(undefined)).toBe("zh");
  });

  test("Office's display language wins inside Office", () => {
    g.Office = { context: { displayLanguage: "en-GB" } };
    expect(detectLanguage()).toBe("en");
    g.Office = { context: { displayLanguage: "zh-CN" } };
    expect(detectLanguage()).toBe("zh");
  });
});
