import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseScoreArgs, UsageError } from "../../src/cli/args";
import { main } from "../../src/cli/main";
import { loadOptions } from "../../src/cli/score";
import type { Report } from "../../src/core/types";
import { capture } from "../support/capture-io";

const EXAMPLE = path.join(__dirname, "..", "..", "examples", "示例社工站评估表.xlsx");

describe("--staff, --retention and --follow-up", () => {
  test("are read into the options; the levels go over the default elderly rule", () => {
    const args = parseScoreArgs(["a.xlsx", "--staff", "20/10", "--retention", "85", "--follow-up", "一级=7,二级=30", "--follow-up", "三级：90天"]);
    expect(args.staff).toEqual({ all: 20, certified: 10 });
    expect(args.retention).toBeCloseTo(0.85, 12);
    const o = loadOptions(args);
    expect(o.retentionThreshold).toBeCloseTo(0.85, 12);
    expect(o.followUpIntervals).toEqual({ 特殊困难老年人: 31, 一级: 7, 二级: 30, 三级: 90 });
    expect(loadOptions(parseScoreArgs(["a.xlsx", "--follow-up", "特殊困难老年人=0"])).followUpIntervals).toEqual({ 特殊困难老年人: 0 });
    // left out, they leave the core's defaults alone
    const plain = loadOptions(parseScoreArgs(["a.xlsx"]));
    expect(plain).not.toHaveProperty("retentionThreshold");
    expect(plain).not.toHaveProperty("followUpIntervals");
  });

  test.each([
    [["--retention", "120"], "--retention"],
    [["--retention", "八十"], "--retention"],
    [["--follow-up", "一级每周"], "--follow-up"],
    [["--staff", "10/20"], "--staff"],
  ])("%j is refused in one plain line", (flags, name) => {
    expect(() => parseScoreArgs(["a.xlsx", ...flags])).toThrow(UsageError);
    expect(() => parseScoreArgs(["a.xlsx", ...flags])).toThrow(name);
  });

  test("a run with --staff 22/18 --retention 90 judges the example's staffing against them", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shuangbai-cli-"));
    const reportFile = path.join(dir, "r.json");
    const c = capture();
    const code = main(["score", EXAMPLE, "--out", path.join(dir, "o.xlsx"), "--report", reportFile, "--staff", "22/18", "--retention", "90", "--quiet"], c.io);
    expect(code).toBe(0);
    const report = JSON.parse(fs.readFileSync(reportFile, "utf8")) as Report;
    const st = report.staffing![0];
    expect(st.contracted).toEqual({ all: 22, certified: 18 });
    expect(st.retention.threshold).toBeCloseTo(0.9, 12);
    const codes = report.findings.map((f) => f.code);
    expect(codes).toContain("retention-below");
    expect(codes).toContain("staffing-under");
  });
});
