import { readCount } from "../../src/core/numerals";

describe("readCount: counts written in Arabic or Chinese numerals", () => {
  test.each([
    ["20", 20],
    ["２０", 20],
    ["十", 10],
    ["十二", 12],
    ["二十", 20],
    ["二十五", 25],
    ["两", 2],
    ["一百零五", 105],
    ["两百", 200],
    ["一千二百", 1200],
    ["廿", 20],
    ["廿五", 25],
    ["〇", 0],
    ["一千零十", 1010],
  ])("%s → %d", (text, n) => {
    expect(readCount(text)).toBe(n);
  });

  test.each(["", "一二", "十十", "百十百", "二十名", "abc", "十一百"])("%s is not a count", (text) => {
    expect(readCount(text)).toBeNull();
  });
});
