/** @jest-environment jsdom */
import "./support/dom";
import { TextDecoder, TextEncoder } from "util";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { evaluate } from "../../src/core/evaluate";
import { parseLayoutJson } from "../../src/core/layouts/savedLayout";
import type { EvaluateOptions, WorkbookSnapshot } from "../../src/core/types";
import { App } from "../../src/taskpane/components/App";
import { checkRange } from "../../src/taskpane/components/layouts/RangePicker";
import { acrossScores, oddLayout, oddSheet, workbook } from "../core/layouts/fixtures";
import { fakeTemplates, memoryHost, type MemoryHost } from "./support/fakes";

/**
 * 「指定表格」 as an evaluator meets it: pick the range (the page: a sheet and an A1 range; Excel:
 * the selection), give the columns their roles, watch the preview, save, score, export, import.
 * The core is the real one, so the preview and the run are what the product computes.
 */

// jsdom lacks the encoders a browser has; the pane encodes the exported file with them
Object.assign(globalThis, { TextEncoder, TextDecoder });

function setup(kind: "excel" | "file", book: WorkbookSnapshot) {
  const host = memoryHost(kind, book);
  const saveFile = jest.fn();
  const run = jest.fn((s: WorkbookSnapshot, o: EvaluateOptions) => evaluate(s, o));
  render(<App host={host} evaluate={run} templates={fakeTemplates()} saveFile={saveFile} />);
  return { host, saveFile, run };
}

const select = (name: string | RegExp) => screen.getByRole("combobox", { name }) as HTMLSelectElement;
const choose = (name: string | RegExp, value: string) => fireEvent.change(select(name), { target: { value } });

async function openReview(sheet: string, range: string) {
  fireEvent.click(screen.getByRole("button", { name: "指定表格" }));
  await screen.findByRole("heading", { name: "指定表格", level: 2 });
  await waitFor(() => expect(within(select("工作表")).getByRole("option", { name: sheet })).toBeTruthy());
  choose("工作表", sheet);
  fireEvent.change(screen.getByRole("textbox", { name: /区域（含表头）/ }), { target: { value: range } });
  fireEvent.click(screen.getByRole("button", { name: "读取表格" }));
  return screen.findByTestId("layout-review");
}

function teachOddRoles() {
  choose("“量词”（B 列）的用途", "unit");
  choose("“年初定的”（C 列）的用途", "target");
  choose("“到现在”（D 列）的用途", "completed");
  choose("“进度比”（E 列）的用途", "percent");
}

async function saveAs(host: MemoryHost, name: string) {
  fireEvent.change(screen.getByRole("textbox", { name: "布局名称" }), { target: { value: name } });
  fireEvent.click(screen.getByRole("button", { name: "保存" }));
  await waitFor(() => expect(host.saveSettings).toHaveBeenCalled());
  await screen.findByText(`已保存表格布局“${name}”，再点“一键评分”即按它评分。`);
}

describe("LayoutReview on the page", () => {
  test("roles assigned by hand update the preview, 保存 keeps positions and headers only, and the next run scores the table", async () => {
    const { host, run } = setup("file", workbook(oddSheet()));
    const review = await openReview("年度工作", "a2:e5");
    expect(within(review).getByRole("heading", { name: "年度工作!A2:E5 的表格布局" })).toBeTruthy();
    // the header band as the sheet shows it, each with where it is
    for (const h of ["事项", "量词", "年初定的", "到现在", "进度比"]) expect(within(review).getByText(h)).toBeTruthy();
    expect(select("“事项”（A 列）的用途").value).toBe("label");
    const preview = screen.getByTestId("layout-preview");
    // nothing the vocabulary knows: the preview says what is missing and 保存 waits
    expect(within(preview).getByText(/需要一列指标要求和一列完成情况/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "保存" })).toHaveProperty("disabled", true);

    choose("“年初定的”（C 列）的用途", "target");
    choose("“到现在”（D 列）的用途", "completed");
    // no percent line yet: the run adds one in the first blank column, F
    expect(within(preview).getAllByText("75.00%")).toHaveLength(2);
    expect(within(preview).getByText("写入 F3")).toBeTruthy();
    teachOddRoles();
    const rows = within(preview).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(["建档150 / 200份75.00%写入 E3", "电访500 / 400人次125.00%写入 E4", "小组9 / 12节75.00%写入 E5"]);
    expect(within(preview).getByText("另有 1 处需要核对，评分后列在“发现的问题”中")).toBeTruthy();

    await saveAs(host, "年度工作表");
    const saved = host.saved[host.saved.length - 1];
    expect(saved.layouts).toEqual([{ ...oddLayout(), lines: oddLayout().lines }]);
    // positions and header text only: no record's name or figure is kept
    expect(JSON.stringify(saved)).not.toMatch(/建档|电访|小组|150|371|人次/);
    expect(screen.queryByTestId("layout-review")).toBeNull();
    expect(screen.getByText("年度工作表")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "一键评分" }));
    await waitFor(() => expect(run).toHaveBeenCalledTimes(1));
    expect(run.mock.calls[0][1].layouts).toEqual(saved.layouts);
    expect(await screen.findByText("125.00%")).toBeTruthy();
  });

  test("export writes the --layout file; a deleted layout comes back by importing it; a bad file says why", async () => {
    const { host, saveFile } = setup("file", workbook(oddSheet()));
    await openReview("年度工作", "A2:E5");
    teachOddRoles();
    await saveAs(host, "年度工作表");

    fireEvent.click(screen.getByRole("button", { name: "导出布局" }));
    expect(saveFile).toHaveBeenCalledWith("表格布局.json", expect.anything(), "application/json");
    expect(ArrayBuffer.isView(saveFile.mock.calls[0][1])).toBe(true);
    const text = new TextDecoder().decode(saveFile.mock.calls[0][1] as Uint8Array);
    // the same format the command line's --layout reads
    expect(parseLayoutJson(text)).toEqual([oddLayout()]);

    fireEvent.click(screen.getByRole("button", { name: "删除“年度工作表”" }));
    await screen.findByText("还没有保存的表格布局。");
    expect(host.stored?.layouts ?? []).toEqual([]);

    const input = screen.getByLabelText("导入布局", { selector: "input" }) as HTMLInputElement;
    await act(async () => {
      fireEvent.change(input, { target: { files: [new File([text], "表格布局.json", { type: "application/json" })] } });
    });
    await screen.findByText("已导入 1 个表格布局。");
    expect(host.stored?.layouts).toEqual([oddLayout()]);
    expect(screen.getByText("年度工作表")).toBeTruthy();

    await act(async () => {
      fireEvent.change(input, { target: { files: [new File(['{"schema":"shuangbai/layout@1","name":"x"}'], "坏.json")] } });
    });
    expect(await screen.findByText(/表格布局“x”的类型应为/)).toBeTruthy();
    expect(host.stored?.layouts).toEqual([oddLayout()]);
  });

  test("four parties laid across under unknown words: kind, direction and parties set by hand, the total and grade previewed", async () => {
    const { host } = setup("file", workbook(acrossScores()));
    await openReview("打分", "A1:G3");
    choose("表格类型", "scores");
    choose("方向", "across");
    expect(select("表头行数").value).toBe("1");
    choose("“谁打的”（第 1 行）的用途", "label");
    choose("“占多少”（第 2 行）的用途", "weight");
    choose("“打了几分”（第 3 行）的用途", "score");
    const parties = ["buyer", "supervisor", "supervision-centre", "third-party", "total", "grade"];
    ["甲方", "乙方", "丙方", "丁方", "最后", "档次"].forEach((label, i) => choose(`“${label}”（${"BCDEFG"[i]} 列）是`, parties[i]));
    // a party is on one record only: naming it again moves it
    choose("“最后”（F 列）是", "buyer");
    expect(select("“甲方”（B 列）是").value).toBe("ignore");
    choose("“甲方”（B 列）是", "buyer");
    choose("“最后”（F 列）是", "total");
    expect(screen.getByTestId("layout-preview-total").textContent).toBe("总分 88.75（写入 F3），等级 良好（写入 G3）");
    await saveAs(host, "四方评分（横向）");
    expect(host.stored?.layouts?.[0]).toMatchObject({ kind: "scores", orientation: "across", records: expect.arrayContaining([{ offset: 4, role: "total" }]) });
  });

  test("the range is checked before anything is read", async () => {
    setup("file", workbook(oddSheet()));
    await openReview("年度工作", "A2").catch(() => null);
    expect(await screen.findByText("请输入有效的单元格区域，如 A2:F14")).toBeTruthy();
    fireEvent.change(screen.getByRole("textbox", { name: /区域/ }), { target: { value: "A2:A9" } });
    fireEvent.click(screen.getByRole("button", { name: "读取表格" }));
    expect(await screen.findByText("区域至少要有两行两列（表头和一行数据）")).toBeTruthy();
    fireEvent.change(screen.getByRole("textbox", { name: /区域/ }), { target: { value: "H20:J30" } });
    fireEvent.click(screen.getByRole("button", { name: "读取表格" }));
    expect(await screen.findByText("年度工作!H20:J30 是空的，请检查工作表和区域")).toBeTruthy();
    expect(screen.queryByTestId("layout-review")).toBeNull();
    expect(checkRange(" $b$5：$a$2 ")).toEqual({ range: "A2:B5" });
    expect(checkRange("A1:XFE2")).toEqual({ problem: "layout.rangeBad" });
  });

  test("every control of the review is labelled and reachable by Tab, and axe finds nothing", async () => {
    setup("file", workbook(oddSheet()));
    const review = await openReview("年度工作", "A2:E5");
    teachOddRoles();
    const controls = [...review.querySelectorAll<HTMLElement>("select, input, button")];
    expect(controls.length).toBeGreaterThan(8);
    for (const c of controls) {
      expect(c.getAttribute("tabindex")).not.toBe("-1");
      expect(c.hasAttribute("disabled") && c.getAttribute("role") !== "button").toBe(false);
    }
    for (const c of within(review).getAllByRole("combobox")) expect(c.getAttribute("aria-label") || c.id).toBeTruthy();
    const result = await axe.run(screen.getByTestId("teach-layout"), { rules: { "color-contrast": { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
});

describe("LayoutReview offered on a table the run did not understand", () => {
  test("the table-not-understood finding offers 指定表格, which reviews the table from its cell at once", async () => {
    setup("file", workbook(oddSheet()));
    fireEvent.click(screen.getByRole("button", { name: "一键评分" }));
    const offer = await screen.findByTestId("teach-offer");
    expect(offer.textContent).toMatch("工作表“年度工作”从 A2 起有一张表格未能识别");
    fireEvent.click(within(offer).getByRole("button", { name: "指定这张表格" }));
    const review = await screen.findByTestId("layout-review");
    // from the header cell across and down, not up into the title
    expect(within(review).getByRole("heading", { name: "年度工作!A2:E5 的表格布局" })).toBeTruthy();
    expect((screen.getByRole("textbox", { name: /区域（含表头）/ }) as HTMLInputElement).value).toBe("A2:E5");
    expect(screen.queryByTestId("teach-offer")).toBeNull();
  });
});

describe("LayoutReview in Excel", () => {
  test("the range selected in Excel is reviewed at once; 使用 Excel 中选定的区域 reads a new selection", async () => {
    const host = memoryHost("excel", workbook(oddSheet(), acrossScores()));
    host.selectedRange = jest.fn().mockResolvedValueOnce({ sheet: "年度工作", range: "A2:E5" }).mockResolvedValueOnce({ sheet: "打分", range: "A1:G3" });
    render(<App host={host} evaluate={(s, o) => evaluate(s, o)} templates={fakeTemplates()} />);
    fireEvent.click(screen.getByRole("button", { name: "指定表格" }));
    const review = await screen.findByTestId("layout-review");
    expect(within(review).getByRole("heading", { name: "年度工作!A2:E5 的表格布局" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "使用 Excel 中选定的区域" }));
    expect(await screen.findByRole("heading", { name: "打分!A1:G3 的表格布局" })).toBeTruthy();
    // one cell selected is no table: say what to do
    host.selectedRange = jest.fn().mockResolvedValue({ sheet: "打分", range: "B2" });
    fireEvent.click(screen.getByRole("button", { name: "使用 Excel 中选定的区域" }));
    expect(await screen.findByText("请先在 Excel 中选中整个表格（含表头），再点此按钮")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "关闭" }));
    await waitFor(() => expect(screen.queryByTestId("teach-layout")).toBeNull());
    await waitFor(() => expect(document.activeElement?.textContent).toBe("指定表格"));
  });
});
