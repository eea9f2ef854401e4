import { formatIntervals, mergeMappings, parseIntervals, sanitiseSettings, weightsOf, DEFAULT_WEIGHTS } from "../../src/taskpane/settings";

describe("sanitiseSettings", () => {
  test("keeps choices and drops anything that is not a setting", () => {
    const dirty = {
      options: {
        liveFormulas: false,
        asOf: "2026-06-30",
        period: { start: "2026-01-01", end: "2026-12-31" },
        weights: { buyer: 0.3, "third-party": 2, evil: 0.1 },
        manualMapping: { 姓名: "张三丰" },
        gradeBands: [
          { min: 90, grade: "优秀" },
          { min: "x", grade: 3 },
        ],
        markCells: "yes",
      },
      savedMappings: [{ template: "gd", signature: "姓名|电话", fields: { 姓名: "姓名", 电话: null, bad: 7 } }, { template: "gd" }],
      language: "en",
      cells: [["张三丰", "440106199001011234"]],
    };
    const clean = sanitiseSettings(dirty);
    expect(clean.options.liveFormulas).toBe(false);
    expect(clean.options.asOf).toBe("2026-06-30");
    expect(clean.options.period).toEqual({ start: "2026-01-01", end: "2026-12-31" });
    expect(clean.options.weights).toEqual({ buyer: 0.3 });
    expect(clean.options.gradeBands).toEqual([{ min: 90, grade: "优秀" }]);
    expect(clean.options.markCells).toBe(true);
    expect(clean.options).not.toHaveProperty("manualMapping");
    expect(clean.savedMappings).toEqual([{ template: "gd", signature: "姓名|电话", fields: { 姓名: "姓名", 电话: null } }]);
    expect(clean.language).toBe("en");
    expect(JSON.stringify(clean)).not.toContain("张三丰");
    expect(JSON.stringify(clean)).not.toContain("440106");
  });

  test("garbage gives the defaults", () => {
    expect(sanitiseSettings("nope")).toEqual(sanitiseSettings(null));
    expect(sanitiseSettings(null).savedMappings).toEqual([]);
  });

  test("an incomplete period or a malformed date is dropped", () => {
    const clean = sanitiseSettings({ options: { period: { start: "2026-01-01" }, asOf: "30/06/2026" } });
    expect(clean.options.period).toBeUndefined();
    expect(clean.options.asOf).toBeUndefined();
  });
});

test("mergeMappings replaces the mapping for the same template and header row", () => {
  const a = { template: "gd", signature: "s1", fields: { 姓名: "姓名" } };
  const b = { template: "gd", signature: "s2", fields: { 姓名: "名字" } };
  const a2 = { template: "gd", signature: "s1", fields: { 姓名: "服务对象" } };
  expect(mergeMappings([a, b], [a2])).toEqual([a2, b]);
});

test("weightsOf fills the parties the options leave out", () => {
  expect(weightsOf({ weights: { buyer: 0.25 } })).toEqual({ ...DEFAULT_WEIGHTS, buyer: 0.25 });
});

describe("staffing and follow-up settings", () => {
  test("keep headcounts, the retention threshold and intervals; drop anything else", () => {
    const clean = sanitiseSettings({
      options: {
        staff: { all: 20, certified: 10, names: ["张三"] },
        retentionThreshold: 0.85,
        followUpIntervals: { 一级: 7, 特殊困难老年人: 31, 坏: "张三", 零: 0 },
      },
    });
    expect(clean.options.staff).toEqual({ all: 20, certified: 10 });
    expect(clean.options.retentionThreshold).toBe(0.85);
    expect(clean.options.followUpIntervals).toEqual({ 一级: 7, 特殊困难老年人: 31 });
    expect(sanitiseSettings({ options: { staff: { all: -1 }, retentionThreshold: 5 } }).options).not.toHaveProperty("staff");
  });

  test("levels typed as text", () => {
    expect(parseIntervals("一级=7；二级:30, 三级 90天")).toEqual({ 一级: 7, 二级: 30, 三级: 90 });
    expect(formatIntervals({ 一级: 7, 特殊困难老年人: 31 }, "特殊困难老年人")).toBe("一级=7");
  });
});
