/** @jest-environment jsdom */
import "../taskpane/support/dom";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { createFileHost } from "../../src/web/fileHost";
import { PAGE_LIMITS } from "../../src/web/limits";
import { WebApp } from "../../src/web/WebApp";
import { fakeTemplates, sampleReport, SNAPSHOT } from "../taskpane/support/fakes";
import { fakeDeps, fakePort, holdApplies } from "./support/fakeWorker";

const ZIP_HEAD = [0x50, 0x4b, 0x03, 0x04];

function xlsxFile(name: string, bytes: number[]): File {
  const file = new File([Uint8Array.from(bytes)], name);
  // jsdom's File lacks arrayBuffer() in some versions; the host and the pick-time check need only that.
  Object.defineProperty(file, "arrayBuffer", { value: async () => Uint8Array.from(bytes).buffer });
  Object.defineProperty(file, "slice", { value: (a: number, b: number) => xlsxFile(name, bytes.slice(a, b)) });
  return file;
}

const chooser = () => screen.getByLabelText("选择工作簿…", { selector: "input" });

function setup() {
  const deps = fakeDeps(SNAPSHOT, () => ({ report: sampleReport(), plan: [{ kind: "addSheet", sheet: "名单（套表）" }] }));
  const host = createFileHost({ createPort: () => fakePort(deps, PAGE_LIMITS).port, storage: null });
  const saveFile = jest.fn();
  render(<WebApp host={host} templates={fakeTemplates()} initialLanguage="zh" saveFile={saveFile} />);
  return { deps, saveFile };
}

test("pick a workbook, score it in the worker, download the result", async () => {
  const { deps, saveFile } = setup();
  const run = screen.getByRole("button", { name: "一键评分" });
  expect(run).toHaveProperty("disabled", true);

  fireEvent.change(chooser(), { target: { files: [xlsxFile("站点.xlsx", ZIP_HEAD)] } });
  const chip = await screen.findByTestId("file-chip");
  expect(chip.textContent).toContain("站点.xlsx");
  expect(chip.textContent).toContain("4 B");
  expect(screen.getByRole("button", { name: "更换工作簿（当前：站点.xlsx）" })).toBeTruthy();
  await waitFor(() => expect(run).toHaveProperty("disabled", false));

  fireEvent.click(run);
  expect(await screen.findByText("良好")).toBeTruthy();
  expect(screen.getByText("评分完成，可以下载评估结果。")).toBeTruthy();
  expect(deps.evaluate).toHaveBeenCalledTimes(1);

  fireEvent.click(screen.getByRole("button", { name: /^下载/ }));
  await waitFor(() => expect(saveFile).toHaveBeenCalled());
  expect(saveFile.mock.calls[0][0]).toBe("站点-评估结果.xlsx");
  expect([...saveFile.mock.calls[0][1]]).toEqual([...ZIP_HEAD, 1]);

  // another file clears the previous results
  fireEvent.change(chooser(), { target: { files: [xlsxFile("别的.xlsx", ZIP_HEAD)] } });
  await waitFor(() => expect(screen.queryByText("良好")).toBeNull());
  expect(screen.queryByRole("button", { name: /^下载/ })).toBeNull();
});

test.each([
  ["空文件.xlsx", [], "是空文件（0 字节）"],
  ["改名.xlsx", [0x68, 0x65, 0x6c, 0x6c, 0x6f], "不是 Excel 工作簿"],
  ["旧.xls", [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], "另存为"],
  ["加密.xlsx", [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], "打开密码"],
  ["说明.txt", [0x68, 0x69], "不是 Excel 工作簿"],
])("%s is refused on pick, in plain words, with the run button disabled", async (name, bytes, words) => {
  setup();
  fireEvent.change(chooser(), { target: { files: [xlsxFile(name, bytes)] } });
  const alert = await screen.findByRole("alert");
  expect(alert.textContent).toContain(words);
  expect(alert.textContent).not.toMatch(/zip/i);
  expect(screen.getByRole("button", { name: "一键评分" })).toHaveProperty("disabled", true);
});

test("a file dropped on the zone is taken like a picked one", async () => {
  setup();
  fireEvent.drop(screen.getByTestId("drop-zone"), { dataTransfer: { files: [xlsxFile("拖入.xlsx", ZIP_HEAD)] } });
  expect((await screen.findByTestId("file-chip")).textContent).toContain("拖入.xlsx");
});

test("a workbook that passes the pick-time check but cannot be read says so in plain words", async () => {
  setup();
  fireEvent.change(chooser(), { target: { files: [xlsxFile("坏.xlsx", [...ZIP_HEAD, 0xee])] } });
  const run = screen.getByRole("button", { name: "一键评分" });
  await waitFor(() => expect(run).toHaveProperty("disabled", false));
  fireEvent.click(run);
  const alert = await screen.findByRole("alert");
  expect(alert.textContent).toContain("“坏.xlsx”已损坏，无法读取。请在 Excel 或 WPS 中打开它并另存为 .xlsx");
  expect(alert.textContent).not.toMatch(/zip/i);
});

test("a workbook with nothing to score: the worker is never asked to write, and no download is offered", async () => {
  // the real core on a sheet that holds no table it scores
  const { evaluate } = jest.requireActual<typeof import("../../src/core/evaluate")>("../../src/core/evaluate");
  const nothing = { source: "x", sheets: [{ name: "说明", values: [["填表说明"], ["请按月填写"]] }] };
  const deps = fakeDeps(nothing, (options) => evaluate(nothing, options ?? {}));
  const host = createFileHost({ createPort: () => fakePort(deps, PAGE_LIMITS).port, storage: null });
  const saveFile = jest.fn();
  render(<WebApp host={host} templates={fakeTemplates()} initialLanguage="zh" saveFile={saveFile} />);
  fireEvent.change(chooser(), { target: { files: [xlsxFile("说明.xlsx", ZIP_HEAD)] } });
  const run = screen.getByRole("button", { name: "一键评分" });
  await waitFor(() => expect(run).toHaveProperty("disabled", false));
  fireEvent.click(run);
  expect(await screen.findByText(/没有找到可评估的内容/, undefined, { timeout: 15000 })).toBeTruthy();
  expect(deps.evaluate).toHaveBeenCalledTimes(1);
  expect(deps.applyPlan).not.toHaveBeenCalled();
  expect(screen.queryByRole("button", { name: /下载/ })).toBeNull();
  expect(saveFile).not.toHaveBeenCalled();
});

test("the grade shows before the scored file is built; a download clicked early waits for it and gets the right file", async () => {
  const deps = fakeDeps(SNAPSHOT, () => ({ report: sampleReport(), plan: [{ kind: "addSheet", sheet: "名单（套表）" }] }));
  const { port } = fakePort(deps, PAGE_LIMITS);
  const { held, release } = holdApplies(port);
  const host = createFileHost({ createPort: () => port, storage: null });
  const saveFile = jest.fn();
  render(<WebApp host={host} templates={fakeTemplates()} initialLanguage="zh" saveFile={saveFile} />);
  fireEvent.change(chooser(), { target: { files: [xlsxFile("站点.xlsx", ZIP_HEAD)] } });
  const run = screen.getByRole("button", { name: "一键评分" });
  await waitFor(() => expect(run).toHaveProperty("disabled", false));
  fireEvent.click(run);

  expect(await screen.findByText("良好")).toBeTruthy();
  expect(held).toHaveLength(1);
  expect(deps.applyPlan).not.toHaveBeenCalled();
  // the button says the file is being made, stays usable, and the status says what to expect
  const button = screen.getByRole("button", { name: "下载评估结果（正在生成…）" });
  expect(button.getAttribute("aria-busy")).toBe("true");
  expect(button).toHaveProperty("disabled", false);
  expect(screen.getByText(/评估结果文件正在生成/)).toBeTruthy();
  // the live region announces the grade at once
  expect(screen.getAllByRole("status").some((el) => (el.textContent ?? "").includes("良好"))).toBe(true);

  fireEvent.click(button);
  await new Promise((r) => setTimeout(r, 20));
  expect(saveFile).not.toHaveBeenCalled();
  release();
  await waitFor(() => expect(saveFile).toHaveBeenCalledTimes(1));
  expect(saveFile.mock.calls[0][0]).toBe("站点-评估结果.xlsx");
  expect([...saveFile.mock.calls[0][1]]).toEqual([...ZIP_HEAD, 1]);
  // ready: the button is the plain download again, and the live region says so
  // (role queries over the whole pane are slow in jsdom: a longer wait than findBy's default second)
  expect(await screen.findByRole("button", { name: "下载评估结果" }, { timeout: 5000 })).toBeTruthy();
  await waitFor(() =>
    expect(screen.getAllByRole("status").some((el) => (el.textContent ?? "").endsWith("良好，发现 4 个问题。 评估结果文件已生成，可以下载。"))).toBe(true),
  );
  expect(screen.getByText("评分完成，可以下载评估结果。")).toBeTruthy();
});
