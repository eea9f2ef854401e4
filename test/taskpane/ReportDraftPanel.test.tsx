/** @jest-environment jsdom */
import "./support/dom";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { evaluate } from "../../src/core/evaluate";
import { copyText } from "../../src/taskpane/clipboard";
import { ReportDraftPanel } from "../../src/taskpane/components/report/ReportDraftPanel";
import { seedTextWorkbook } from "../fixtures/report";

const draft = evaluate(seedTextWorkbook(), {}).draft!;

describe("报告摘要 in the pane", () => {
  test("shows the paragraphs and the appendix, and copies one paragraph or all of them", async () => {
    const copy = jest.fn(async () => "copied" as const);
    const download = jest.fn();
    render(<ReportDraftPanel draft={draft} copy={copy} onDownloadDoc={download} />);
    expect(screen.getByRole("heading", { name: "报告摘要" })).toBeTruthy();
    expect(screen.getByText(/^本年度建档 371 个，完成电访 1469 人次/)).toBeTruthy();
    expect(screen.getByText("以上四项总得分 93.9 分，等级：优秀")).toBeTruthy();
    expect(screen.getByRole("columnheader", { name: "完成百分比" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: /^复制：以上四项总得分/ }));
    await screen.findByText("已复制到剪贴板。");
    expect(copy).toHaveBeenLastCalledWith("以上四项总得分 93.9 分，等级：优秀");
    fireEvent.click(screen.getByRole("button", { name: "复制全部" }));
    await waitFor(() => expect(copy).toHaveBeenCalledTimes(2));
    const all = (copy.mock.calls[1] as unknown as [string])[0];
    expect(all).toContain("七、评估结果\n（一）购买方评估 得分：20.00 分");
    expect(all).toContain("指标\t单位\t指标要求\t完成情况\t完成百分比\t备注");
    fireEvent.click(screen.getByRole("button", { name: "下载报告摘要（Word）" }));
    expect(download).toHaveBeenCalled();
  });

  test("when the clipboard is refused, shows the text selected for Ctrl+C", async () => {
    render(<ReportDraftPanel draft={draft} copy={async () => "manual"} />);
    expect(screen.queryByRole("button", { name: "下载报告摘要（Word）" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: /^复制：（一）购买方评估/ }));
    const area = (await screen.findByRole("textbox", { name: "要复制的文字" })) as HTMLTextAreaElement;
    expect(area.value).toBe("（一）购买方评估 得分：20.00 分");
    await waitFor(() => expect(area.selectionEnd - area.selectionStart).toBe(area.value.length));
  });
});

describe("copyText", () => {
  test("uses the Clipboard API when allowed", async () => {
    const writeText = jest.fn(async () => undefined);
    expect(await copyText("甲", { navigator: { clipboard: { writeText } } as unknown as Navigator, document })).toBe("copied");
    expect(writeText).toHaveBeenCalledWith("甲");
  });

  test("falls back to a selected textarea and execCommand when the Office frame refuses it, then to manual", async () => {
    const refused = { clipboard: { writeText: jest.fn(async () => Promise.reject(new DOMException("denied", "NotAllowedError"))) } } as unknown as Navigator;
    let selected = "";
    const exec = jest.fn(() => {
      selected = (document.activeElement as HTMLTextAreaElement | null)?.value ?? "";
      return true;
    });
    Object.defineProperty(document, "execCommand", { value: exec, configurable: true });
    expect(await copyText("乙", { navigator: refused, document })).toBe("copied");
    expect(exec).toHaveBeenCalledWith("copy");
    expect(selected).toBe("乙");
    expect(document.querySelectorAll("textarea")).toHaveLength(0);
    exec.mockImplementation(() => false);
    expect(await copyText("丙", { navigator: refused, document })).toBe("manual");
  });
});
