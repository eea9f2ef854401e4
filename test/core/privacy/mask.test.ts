import { maskId, maskPhone, maskText, numberToPlainString } from "../../../src/core/privacy/mask";

describe("masking", () => {
  test("ID numbers keep the first 6 and last 4 (15-digit: last 3)", () => {
    expect(maskId("44011219900101123X")).toBe("440112********123X");
    expect(maskId("440112900101123")).toBe("440112******123");
    expect(maskId(440112199001011234)).toBe("440112********1000");
    expect(maskId("4401")).toBe("****");
  });

  test("phones keep the first 3 and last 4 digits and their separators", () => {
    expect(maskPhone("13812348000")).toBe("138****8000");
    expect(maskPhone("020-12345678")).toBe("020-****5678");
    expect(maskPhone("+86 13812348000")).toBe("+86 138****8000");
    expect(maskPhone("1381234")).toBe("*****34");
    expect(maskPhone("１３８１２３４８０００")).toBe("138****8000");
  });

  test("free text: every ID-like and phone-like run", () => {
    const text = "身份证 440112199001011234，手机 13812348000，固话 020-12345678，国际 +86 138 1234 8000，全角 ４４０１１２１９９００１０１１２３４";
    const masked = maskText(text);
    expect(masked).toBe("身份证 440112********1234，手机 138****8000，固话 020-****5678，国际 +86 138 **** 8000，全角 440112********1234");
    expect(maskText(masked)).toBe(masked);
  });

  test("ordinary numbers in messages are left alone", () => {
    expect(maskText("完成 185.50%，共 1469 个，第 12 行")).toBe("完成 185.50%，共 1469 个，第 12 行");
  });

  test("a long number prints as Excel would show it", () => {
    expect(numberToPlainString(440112199001011234)).toBe("440112199001011000");
    expect(numberToPlainString(13812348000)).toBe("13812348000");
  });
});
