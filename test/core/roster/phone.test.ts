import { readPhone } from "../../../src/core/roster/phone";

describe("readPhone", () => {
  test.each([
    "13812348000",
    "138 1234 8000",
    "138-1234-8000",
    "+86 13812348000",
    "0086-13812348000",
    "020-12345678",
    "0755 1234567",
    "02012345678",
    "020-12345678转123",
    "13812348000/020-12345678",
  ])("%s is valid", (p) => expect(readPhone(p)?.valid).toBe(true));

  test.each(["1381234", "12812348000", "12345678", "138123480001", "电话待补", "13812348000/123"])("%s is invalid", (p) => {
    expect(readPhone(p)?.valid).toBe(false);
  });

  test("full-width digits are normalised, not called invalid", () => {
    expect(readPhone("１３８１２３４８０００")).toEqual({ valid: true, fullWidth: true, text: "１３８１２３４８０００" });
  });

  test("a number cell is read as its digits; a blank is no phone", () => {
    expect(readPhone(13812348000)?.valid).toBe(true);
    expect(readPhone(null)).toBeNull();
    expect(readPhone("")).toBeNull();
  });
});
