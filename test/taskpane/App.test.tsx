/** @jest-environment jsdom */
import "./support/dom";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { App } from "../../src/taskpane/components/App";
import { HostError, type PaneSettings } from "../../src/taskpane/host";
import type { WorkbookSnapshot } from "../../src/core/types";
import { finding } from "../../src/core/findings";
import { fakeEvaluate, fakeTemplates, memoryHost, PERSONAL_VALUES, sampleReport, SNAPSHOT } from "./support/fakes";

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const runButton = () => screen.getByRole("button", { name: "一键评分" });

async function scoreOnce() {
  fireEvent.click(runButton());
  await screen.findByText("良好");
}

describe("App: one-click scoring", () => {
  test("shows the phases while it runs, then grade, indicators and grouped findings", async () => {
    const host = memoryHost("excel");
    const read = deferred<WorkbookSnapshot>();
    host.readSnapshot.mockImplementationOnce(() => read.promise);
    const evaluate = fakeEvaluate();
    render(<App host={host} evaluate={evaluate} templates={fakeTemplates()} />);

    fireEvent.click(runButton());
    expect(await screen.findByRole("progressbar", { name: "正在读取…" })).toBeTruthy();
    // busy, but still focusable: a disabled button would drop keyboard focus to the body
    expect(runButton().getAttribute("aria-disabled")).toBe("true");
    expect(runButton()).toHaveProperty("disabled", false);
    expect(screen.getByRole("status").textContent).toBe("正在评分：读取");

    await act(async () => read.resolve(SNAPSHOT));
    const badge = await screen.findByText("良好");
    expect(badge.getAttribute("aria-label")).toBe("等级：良好");
    expect(screen.getByTestId("total").textContent).toBe("85.60");
    expect(screen.queryByRole("progressbar", { name: /正在/ })).toBeNull();
    expect(runButton().getAttribute("aria-disabled")).toBeNull();
    expect(screen.getByRole("status").textContent).toBe("评分完成：总分 85.60，等级 良好，发现 4 个问题。");

    // indicators: percent with two decimals and completed/target with the unit
    expect(screen.getByText("185.50%")).toBeTruthy();
    expect(screen.getByText("371 / 200个")).toBeTruthy();
    expect(screen.getByText("30.00%")).toBeTruthy();
    // restoration with its missing column
    expect(screen.getByText("名单 → 名单（套表）（1 行）")).toBeTruthy();
    expect(screen.getByText("缺少列：联系方式（已添加）")).toBeTruthy();
    expect(screen.getByTestId("indicator-summary").textContent).toBe("2 项中 1 项达到 100%");
    expect(screen.getByText("超额")).toBeTruthy();
    expect(screen.getByText("未达标")).toBeTruthy();
    // findings: one section per code with a count, severity chips with counts
    // the list arrives as its own chunk
    expect(await screen.findByText("发现的问题（4）")).toBeTruthy();
    expect(screen.getByRole("button", { name: "错误 1" }).getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByRole("button", { name: "警告 2" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "提示 1" })).toBeTruthy();
    expect(screen.getByRole("button", { name: /^电话号码无效.*（警告，2 条）$/ })).toBeTruthy();

    expect(evaluate).toHaveBeenCalledTimes(1);
    expect(evaluate.mock.calls[0][0]).toBe(SNAPSHOT);
    expect(evaluate.mock.calls[0][1]).toMatchObject({ lang: "zh", liveFormulas: true });
    expect(host.applied).toHaveLength(1);
  });

  test("a cell the host left alone while writing (write-skipped-*) is listed with the run's findings, under its own title", async () => {
    const host = memoryHost("excel");
    host.applyPlan.mockImplementationOnce(async (plan, progress) => {
      host.applied.push(plan);
      progress?.({ phase: "write", finding: finding("write-skipped-spill", "指标", 1, 3, { more: { zh: "", en: "" } }) });
    });
    render(<App host={host} evaluate={fakeEvaluate()} templates={fakeTemplates()} />);
    await scoreOnce();
    expect(await screen.findByText("发现的问题（5）")).toBeTruthy();
    expect(screen.getByRole("button", { name: "警告 3" })).toBeTruthy();
    expect(screen.getByRole("button", { name: /^溢出区域内，未写入.*（警告，1 条）$/ })).toBeTruthy();
  });

  test("a finding row selects its cell in Excel", async () => {
    const host = memoryHost("excel");
    render(<App host={host} evaluate={fakeEvaluate()} templates={fakeTemplates()} />);
    await scoreOnce();
    // findings render just after the grade (a deferred, interruptible render)
    fireEvent.click(await screen.findByRole("button", { name: /名单!C2/ }));
    await waitFor(() => expect(host.selectCell).toHaveBeenCalledWith("名单", "C2"));
  });

  test("on the page a finding row expands a preview of the rows around the cell", async () => {
    const host = memoryHost("file");
    render(<App host={host} evaluate={fakeEvaluate()} templates={fakeTemplates()} />);
    await scoreOnce();
    const row = await screen.findByRole("button", { name: /名单!C2/ });
    expect(row.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(row);
    const table = await screen.findByRole("table", { name: "名单!C2 附近的行" });
    expect(within(table).getByText("138****5678")).toBeTruthy();
    expect(host.previewRows).toHaveBeenCalledWith("名单", "C2");
    expect(row.getAttribute("aria-expanded")).toBe("true");
    fireEvent.click(row);
    await waitFor(() => expect(screen.queryByRole("table", { name: "名单!C2 附近的行" })).toBeNull());
  });

  test("the page offers a download named after the file once scored", async () => {
    const host = memoryHost("file");
    const saveFile = jest.fn();
    render(<App host={host} evaluate={fakeEvaluate()} templates={fakeTemplates()} saveFile={saveFile} />);
    expect(screen.queryByRole("button", { name: /^下载/ })).toBeNull();
    await scoreOnce();
    fireEvent.click(screen.getByRole("button", { name: /^下载/ }));
    await waitFor(() => expect(saveFile).toHaveBeenCalled());
    expect(saveFile.mock.calls[0][0]).toBe("示例站-评估结果.xlsx");
  });
});

describe("App: mapping review", () => {
  test("weak matches stand out; changing one and applying re-runs with manualMapping and remembers it", async () => {
    const host = memoryHost("excel");
    const remembered = { template: "gd-roster", signature: "姓名|身份证号|联系电话", fields: { 联系方式: "联系电话" } };
    const evaluate = fakeEvaluate({ mappingsToRemember: [remembered] });
    render(<App host={host} evaluate={evaluate} templates={fakeTemplates()} />);
    await scoreOnce();

    const review = await screen.findByRole("region", { name: "列对应核对：名单" });
    // collapsed behind its badge until opened
    expect(within(review).queryByRole("table")).toBeNull();
    expect(within(review).getByText("2 个字段需确认")).toBeTruthy();
    fireEvent.click(within(review).getByRole("button", { name: /列对应核对：名单/ }));
    // only the fields that need a look: the weak match and the missing (added) column
    expect(within(review).getAllByRole("row")).toHaveLength(3);
    expect(within(review).getByText("已添加")).toBeTruthy();
    const weakRows = review.querySelectorAll("tr[data-weak]");
    expect(weakRows).toHaveLength(1);
    expect(within(weakRows[0] as HTMLElement).getByText("身份证号码")).toBeTruthy();
    expect(within(review).getByText("需确认")).toBeTruthy();

    const select = within(review).getByRole("combobox", { name: "“联系方式”对应的表头" }) as HTMLSelectElement;
    expect(select.value).not.toBe("联系电话");
    fireEvent.change(select, { target: { value: "联系电话" } });
    fireEvent.click(within(review).getByRole("button", { name: "应用并重新评分" }));

    await waitFor(() => expect(evaluate).toHaveBeenCalledTimes(2));
    expect(evaluate.mock.calls[1][1].manualMapping).toEqual({ 姓名: "姓名", 身份证号码: "身份证号", 联系方式: "联系电话" });
    await screen.findByText("已按新的列对应重新评分，并记住了这组对应。");
    const saved = host.saved[host.saved.length - 1];
    expect(saved.savedMappings).toEqual([remembered]);
    // the manual mapping of the moment is not a setting
    expect(saved.options.manualMapping).toBeUndefined();
  });
});

const openSettings = () => fireEvent.click(screen.getByRole("button", { name: "设置" }));
// The settings view is a lazy chunk: its first import in a test file compiles every section, which
// takes seconds on a loaded machine. The first wait after opening it allows for that; nothing else does.
const LAZY = { timeout: 20000 };

describe("App: settings", () => {
  test("settings are a draft until 保存并应用, then applied and saved together without any cell value", async () => {
    const host = memoryHost("excel");
    const evaluate = fakeEvaluate();
    render(<App host={host} evaluate={evaluate} templates={fakeTemplates()} />);
    await scoreOnce();

    openSettings();
    await waitFor(() => expect(document.activeElement?.textContent).toBe("设置"), LAZY);
    fireEvent.click(await screen.findByRole("checkbox", { name: "写入公式（不勾选则写入计算结果）" }));
    fireEvent.change(screen.getByRole("spinbutton", { name: "第三方" }), { target: { value: "50" } });
    // 95 %: the message sits at the weights, and nothing can be saved
    expect(screen.getByText("权重合计应为 100%，当前为 95%。")).toBeTruthy();
    expect(screen.getByRole("spinbutton", { name: "第三方" }).getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByRole("button", { name: "保存并应用" })).toHaveProperty("disabled", true);
    fireEvent.change(screen.getByRole("spinbutton", { name: "购买方" }), { target: { value: "25" } });
    fireEvent.change(screen.getByLabelText("评估日期"), { target: { value: "2026-06-30" } });
    expect(host.saved).toHaveLength(0);

    fireEvent.click(screen.getByRole("button", { name: "保存并应用" }));
    await screen.findByText("设置已保存（不含任何单元格内容）。");
    const saved = host.saved[host.saved.length - 1];
    expect(saved.options.liveFormulas).toBe(false);
    expect(saved.options.weights?.["third-party"]).toBeCloseTo(0.5);
    expect(saved.options.weights?.buyer).toBeCloseTo(0.25);
    expect(saved.options.asOf).toBe("2026-06-30");
    const json = JSON.stringify(saved);
    for (const v of PERSONAL_VALUES) expect(json).not.toContain(v);
    expect(json).not.toContain("371");
    // back on the main view, focus returns to the settings button
    await waitFor(() => expect(document.activeElement?.getAttribute("aria-label")).toBe("设置"));

    // the next run uses the settings
    fireEvent.click(runButton());
    await waitFor(() => expect(host.applied).toHaveLength(2));
    expect(evaluate.mock.calls[1][1]).toMatchObject({ liveFormulas: false, asOf: "2026-06-30" });
  });

  test("取消 drops the draft", async () => {
    const host = memoryHost("excel");
    const evaluate = fakeEvaluate();
    render(<App host={host} evaluate={evaluate} templates={fakeTemplates()} />);
    openSettings();
    fireEvent.click(await screen.findByRole("checkbox", { name: "写入公式（不勾选则写入计算结果）" }, LAZY));
    fireEvent.click(screen.getByRole("button", { name: "取消" }));
    await scoreOnce();
    expect(evaluate.mock.calls[0][1].liveFormulas).toBe(true);
    expect(host.saved).toHaveLength(0);
  });

  test("stored weights that do not add up to 100 % block the run with a way to fix them", async () => {
    const host = memoryHost("excel");
    host.stored = { options: { weights: { buyer: 0.2, supervisor: 0.1, "supervision-centre": 0.15, "third-party": 0.7 } }, savedMappings: [] };
    const evaluate = fakeEvaluate();
    render(<App host={host} evaluate={evaluate} templates={fakeTemplates()} />);
    expect(await screen.findByText("四方权重合计须为 100%（当前为 115%），请在“设置”中修改后再评分。")).toBeTruthy();
    expect(runButton().getAttribute("aria-disabled")).toBe("true");
    fireEvent.click(runButton());
    expect(evaluate).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "修改权重" }));
    expect(await screen.findByText("权重合计应为 100%，当前为 115%。", {}, LAZY)).toBeTruthy();
  });

  test("stored settings are loaded; a template is captured from one of the user's sheets, defaulting to the roster", async () => {
    const host = memoryHost("excel", {
      ...SNAPSHOT,
      sheets: [...SNAPSHOT.sheets, { name: "名单（套表）", values: [] }, { name: "评估发现", values: [] }],
    });
    const stored: PaneSettings = { options: { liveFormulas: false }, savedMappings: [] };
    host.stored = stored;
    const templates = fakeTemplates();
    const evaluate = fakeEvaluate();
    render(<App host={host} evaluate={evaluate} templates={templates} />);
    await scoreOnce();
    openSettings();
    const sheetSelect = (await screen.findByRole("combobox", { name: "从工作表捕获" }, LAZY)) as HTMLSelectElement;
    // the tool's own output sheets are not offered; the roster the run found comes first
    await waitFor(() => expect([...sheetSelect.options].map((o) => o.value)).toEqual(["指标", "名单"]));
    expect(sheetSelect.value).toBe("名单");
    fireEvent.click(screen.getByRole("button", { name: "捕获" }));
    await screen.findByText("已从“名单”捕获模板。");
    expect(templates.capture.mock.calls[0][0].name).toBe("名单");
    expect(screen.getByText("当前模板：从名单捕获")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "保存并应用" }));
    await screen.findByText("设置已保存（不含任何单元格内容）。");

    fireEvent.click(runButton());
    await waitFor(() => expect(evaluate).toHaveBeenCalledTimes(2));
    const options = evaluate.mock.calls[1][1];
    expect(options.liveFormulas).toBe(false);
    expect(options.template?.id).toBe("captured-名单");
  });

  test("before any run the capture picker preselects no sheet and says why; the tool's report and findings sheets are never offered", async () => {
    const host = memoryHost("excel", {
      ...SNAPSHOT,
      sheets: [...SNAPSHOT.sheets, { name: "评估报告摘要", values: [] }, { name: "评估发现 (2)", values: [] }, { name: "Report summary(3)", values: [] }],
    });
    render(<App host={host} evaluate={fakeEvaluate()} templates={fakeTemplates()} />);
    openSettings();
    const sheetSelect = (await screen.findByRole("combobox", { name: "从工作表捕获" })) as HTMLSelectElement;
    await waitFor(() => expect([...sheetSelect.options].filter((o) => o.value).map((o) => o.value)).toEqual(["指标", "名单"]));
    expect(sheetSelect.value).toBe("");
    expect(screen.getByText("运行一键评分后，这里会选中识别到的服务对象名册。")).toBeTruthy();
    expect(screen.getByRole("button", { name: "捕获" })).toHaveProperty("disabled", true);
    fireEvent.change(sheetSelect, { target: { value: "名单" } });
    expect(screen.getByRole("button", { name: "捕获" })).toHaveProperty("disabled", false);
  });

  test("an imported template that fails validation shows its Chinese message", async () => {
    const host = memoryHost("excel");
    render(<App host={host} evaluate={fakeEvaluate()} templates={fakeTemplates()} />);
    openSettings();
    const input = await screen.findByLabelText("导入模板 JSON", { selector: "input" }, LAZY);
    const file = new File([JSON.stringify({ name: "无 id" })], "t.json", { type: "application/json" });
    fireEvent.change(input, { target: { files: [file] } });
    expect(await screen.findByText("模板缺少 id")).toBeTruthy();
  });
});

describe("App: undo", () => {
  test("undo is enabled after a run and restores through the host", async () => {
    const host = memoryHost("excel");
    render(<App host={host} evaluate={fakeEvaluate()} templates={fakeTemplates()} />);
    const undo = screen.getByRole("button", { name: "撤销上次运行" });
    expect(undo).toHaveProperty("disabled", true);
    await scoreOnce();
    await waitFor(() => expect(undo).toHaveProperty("disabled", false));
    fireEvent.click(undo);
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("已撤销上次运行。"));
    expect(host.undoLastRun).toHaveBeenCalledTimes(1);
    expect(screen.queryByText("良好")).toBeNull();
    await waitFor(() => expect(undo).toHaveProperty("disabled", true));
  });
});

describe("App: the undo record notice", () => {
  test("one short line says the workbook keeps an undo record; 了解更多 opens the full account; 清除撤销记录 removes it", async () => {
    const host = memoryHost("excel");
    host.clearUndoRecord = jest.fn(async () => {
      host.applied = [];
    });
    render(<App host={host} evaluate={fakeEvaluate()} templates={fakeTemplates()} />);
    await scoreOnce();
    const more = await screen.findByRole("button", { name: "了解更多" });
    expect(screen.getByText("工作簿内保存了撤销记录，可能含个人信息。")).toBeTruthy();
    expect(more.getAttribute("aria-expanded")).toBe("false");
    const details = document.getElementById(more.getAttribute("aria-controls") ?? "");
    expect(details?.textContent).toContain("它会随文件一起发送给他人");
    fireEvent.click(more);
    expect(screen.getByRole("button", { name: "收起" }).getAttribute("aria-expanded")).toBe("true");
    fireEvent.click(screen.getByRole("button", { name: "清除撤销记录" }));
    await screen.findByText("已清除工作簿内的撤销记录。");
    expect(host.clearUndoRecord).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole("button", { name: "收起" })).toBeNull());
  });
});

describe("App: errors", () => {
  test("a protected sheet is explained in plain Chinese and nothing is written", async () => {
    const host = memoryHost("excel");
    host.applyPlan.mockRejectedValueOnce(new HostError("sheet-protected", "工作表“名单”受保护，请先撤销保护。", "名单"));
    render(<App host={host} evaluate={fakeEvaluate()} templates={fakeTemplates()} />);
    fireEvent.click(runButton());
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("工作表“名单”受保护，请先撤销保护。");
    expect(screen.queryByText("良好")).toBeNull();
  });

  test("cell-edit mode and missing APIs show the host's message", async () => {
    const host = memoryHost("excel");
    host.readSnapshot.mockRejectedValueOnce(new HostError("cell-edit-mode", "请先按 Enter 或 Esc 结束单元格编辑"));
    render(<App host={host} evaluate={fakeEvaluate()} templates={fakeTemplates()} />);
    fireEvent.click(runButton());
    expect((await screen.findByRole("alert")).textContent).toContain("请先按 Enter 或 Esc 结束单元格编辑");
  });

  test("an unexpected error never shows its stack", async () => {
    const host = memoryHost("excel");
    const evaluate = fakeEvaluate();
    evaluate.mockImplementationOnce(() => {
      throw new Error("boom\n    at evaluate (evaluate.ts:1:1)");
    });
    render(<App host={host} evaluate={evaluate} templates={fakeTemplates()} />);
    fireEvent.click(runButton());
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("出现意外错误：boom");
    expect(alert.textContent).not.toContain("evaluate.ts");
    expect(host.applied).toHaveLength(0);
  });

  test("missing Excel features are listed as a notice", async () => {
    const host = memoryHost("excel");
    host.missingFeatures = async () => ["条件格式需要 ExcelApi 1.6"];
    render(<App host={host} evaluate={fakeEvaluate()} templates={fakeTemplates()} />);
    expect(await screen.findByText(/条件格式需要 ExcelApi 1\.6/)).toBeTruthy();
  });
});

describe("App: language", () => {
  test("English shows English labels and passes lang to the core", async () => {
    const host = memoryHost("excel");
    const evaluate = fakeEvaluate();
    render(<App host={host} evaluate={evaluate} templates={fakeTemplates()} initialLanguage="en" />);
    fireEvent.click(screen.getByRole("button", { name: "Score workbook" }));
    await screen.findByText("Findings (4)");
    expect(screen.queryByRole("button", { name: "一键评分" })).toBeNull();
    expect(evaluate.mock.calls[0][1].lang).toBe("en");
  });

  test("switching the language relabels the pane, re-renders findings from code and parameters, and sets <html lang>", async () => {
    const host = memoryHost("excel");
    const report = sampleReport();
    report.findings = [
      {
        code: "invalid-phone",
        severity: "warning",
        sheet: "名单",
        cell: "C2",
        message: "联系电话 138****5678 不是有效的手机或固话号码",
        params: { masked: "138****5678" },
      },
    ];
    report.scores[0].grade = "优秀";
    const evaluate = fakeEvaluate({ report });
    render(<App host={host} evaluate={evaluate} templates={fakeTemplates()} />);
    fireEvent.click(runButton());
    await screen.findByText("联系电话 138****5678 不是有效的手机或固话号码");
    expect(document.documentElement.lang).toBe("zh-CN");
    openSettings();
    fireEvent.change(await screen.findByRole("combobox", { name: "语言" }, LAZY), { target: { value: "en" } });
    fireEvent.click(screen.getByRole("button", { name: "保存并应用" }));
    expect(await screen.findByRole("button", { name: "Score workbook" })).toBeTruthy();
    expect(screen.getByText("The phone 138****5678 is neither a valid mobile nor a landline number")).toBeTruthy();
    // the grade in the UI's language; the workbook keeps what the bands say
    expect(screen.getByText("Excellent")).toBeTruthy();
    expect(document.documentElement.lang).toBe("en");
    expect(evaluate).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(host.saved[host.saved.length - 1]?.language).toBe("en"));
  });

  test("a language saved in settings wins over the detected one", async () => {
    const host = memoryHost("excel");
    host.stored = { options: {}, savedMappings: [], language: "en" };
    render(<App host={host} evaluate={fakeEvaluate()} templates={fakeTemplates()} initialLanguage="zh" />);
    expect(await screen.findByRole("button", { name: "Score workbook" })).toBeTruthy();
  });
});

describe("App: start-up", () => {
  test("unreadable stored settings fall back to the defaults without an error", async () => {
    const host = memoryHost("excel");
    host.loadSettings = async () => {
      throw new Error("settings unreadable");
    };
    const evaluate = fakeEvaluate();
    render(<App host={host} evaluate={evaluate} templates={fakeTemplates()} />);
    await scoreOnce();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(evaluate.mock.calls[0][1].liveFormulas).toBe(true);
  });
});

test("a double click runs once", async () => {
  const host = memoryHost("excel");
  const evaluate = fakeEvaluate();
  render(<App host={host} evaluate={evaluate} templates={fakeTemplates()} />);
  fireEvent.click(runButton());
  fireEvent.click(runButton());
  await screen.findByText("良好");
  expect(host.readSnapshot).toHaveBeenCalledTimes(1);
  expect(evaluate).toHaveBeenCalledTimes(1);
});

describe("App: the add-in's first view", () => {
  test("says what the run does and that nothing leaves the machine, until a run has results", async () => {
    render(<App host={memoryHost("excel")} evaluate={fakeEvaluate()} templates={fakeTemplates()} />);
    const intro = screen.getByTestId("pane-intro");
    expect(intro.textContent).toContain("一键评分");
    expect(intro.textContent).toContain("不向任何地方发送数据");
    // it follows the buttons, so they do not move when it goes
    expect(runButton().compareDocumentPosition(intro) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await scoreOnce();
    expect(screen.queryByTestId("pane-intro")).toBeNull();
  });

  test("is in English when the pane is", () => {
    render(<App host={memoryHost("excel")} evaluate={fakeEvaluate()} templates={fakeTemplates()} initialLanguage="en" />);
    expect(screen.getByTestId("pane-intro").textContent).toContain("sends no data anywhere");
  });

  test("gives way to the table-teaching panel", () => {
    render(<App host={memoryHost("excel")} evaluate={fakeEvaluate()} templates={fakeTemplates()} />);
    fireEvent.click(screen.getByRole("button", { name: "指定表格" }));
    expect(screen.queryByTestId("pane-intro")).toBeNull();
  });

  test("is not shown on the page, whose file picker says the same", () => {
    render(<App host={memoryHost("file")} evaluate={fakeEvaluate()} templates={fakeTemplates()} />);
    expect(screen.queryByTestId("pane-intro")).toBeNull();
  });
});
