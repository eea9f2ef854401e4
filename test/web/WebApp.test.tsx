/** @jest-environment jsdom */
import "../taskpane/support/dom";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { createFileHost } from "../../src/web/fileHost";
import { PAGE_LIMITS } from "../../src/web/limits";
import { WebApp } from "../../src/web/WebApp";
import { fakeTemplates, sampleReport, SNAPSHOT } from "../taskpane/support/fakes";
import { fakeDeps, fakePort } from "./support/fakeWorker";

function xlsxFile(name: string, bytes: number[]): File {
  const file = new File([Uint8Array.from(bytes)], name);
  // jsdom's File lacks arrayBuffer() in some versions; the host only needs that.
  Object.defineProperty(file, "arrayBuffer", { value: async () => Uint8Array.from(bytes).buffer });
  return file;
}

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

  fireEvent.change(screen.getByLabelText(/选择 \.xlsx 工作簿/), { target: { files: [xlsxFile("站点.xlsx", [80, 75])] } });
  expect(await screen.findByText("当前文件：站点.xlsx（2 B）")).toBeTruthy();
  await waitFor(() => expect(run).toHaveProperty("disabled", false));

  fireEvent.click(run);
  expect(await screen.findByText("良好")).toBeTruthy();
  expect(screen.getByText("评分完成，可以下载评估结果。")).toBeTruthy();
  expect(deps.evaluate).toHaveBeenCalledTimes(1);

  fireEvent.click(screen.getByRole("button", { name: /^下载/ }));
  await waitFor(() => expect(saveFile).toHaveBeenCalled());
  expect(saveFile.mock.calls[0][0]).toBe("站点-评估结果.xlsx");
  expect([...saveFile.mock.calls[0][1]]).toEqual([80, 75, 1]);

  // another file clears the previous results
  fireEvent.change(screen.getByLabelText(/选择 \.xlsx 工作簿/), { target: { files: [xlsxFile("别的.xlsx", [80])] } });
  await waitFor(() => expect(screen.queryByText("良好")).toBeNull());
  expect(screen.queryByRole("button", { name: /^下载/ })).toBeNull();
});

test("a file that is not .xlsx is refused with a plain message", async () => {
  setup();
  fireEvent.change(screen.getByLabelText(/选择 \.xlsx 工作簿/), { target: { files: [xlsxFile("旧.xls", [1])] } });
  expect((await screen.findByRole("alert")).textContent).toContain("请选择 .xlsx 格式的工作簿");
  expect(screen.getByRole("button", { name: "一键评分" })).toHaveProperty("disabled", true);
});

test("a file dropped on the zone is taken like a picked one", async () => {
  setup();
  fireEvent.drop(screen.getByTestId("drop-zone"), { dataTransfer: { files: [xlsxFile("拖入.xlsx", [80])] } });
  expect(await screen.findByText(/当前文件：拖入\.xlsx/)).toBeTruthy();
});

test("an unreadable workbook shows the file mode's message", async () => {
  setup();
  fireEvent.change(screen.getByLabelText(/选择 \.xlsx 工作簿/), { target: { files: [xlsxFile("坏.xlsx", [0])] } });
  const run = screen.getByRole("button", { name: "一键评分" });
  await waitFor(() => expect(run).toHaveProperty("disabled", false));
  fireEvent.click(run);
  expect((await screen.findByRole("alert")).textContent).toContain("文件不是有效的 .xlsx 工作簿");
});
