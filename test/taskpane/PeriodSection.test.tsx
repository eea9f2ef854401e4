/** @jest-environment jsdom */
import "./support/dom";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { SettingsView } from "../../src/taskpane/components/settings/SettingsView";
import { readDateText, readPeriodTexts } from "../../src/taskpane/components/settings/periodFields";
import type { PaneSettings } from "../../src/taskpane/host";
import { LangContext, type Lang } from "../../src/taskpane/i18n";
import { defaultSettings } from "../../src/taskpane/settings";
import { fakeTemplates, memoryHost } from "./support/fakes";

async function view(settings: PaneSettings = defaultSettings(), lang: Lang = "zh") {
  const onApply = jest.fn<Promise<void>, [PaneSettings]>(async () => undefined);
  const host = memoryHost("excel");
  const listed = host.sheetNames();
  render(
    <LangContext.Provider value={lang}>
      <SettingsView
        onClose={jest.fn()}
        settings={settings}
        onApply={onApply}
        host={host}
        templates={fakeTemplates()}
        saveFile={jest.fn()}
        busy={false}
        report={null}
        runCount={0}
      />
    </LangContext.Provider>,
  );
  await act(async () => {
    await listed;
  });
  return { onApply };
}

const input = (name: string) => screen.getByRole("textbox", { name }) as HTMLInputElement;
const type = (name: string, value: string) => fireEvent.change(input(name), { target: { value } });
const leave = (name: string) => fireEvent.blur(input(name));
const applyButton = (name = "保存并应用") => screen.getByRole("button", { name }) as HTMLButtonElement;

describe("reading a typed date, whatever the browser's locale", () => {
  test("ISO, slashes, dots, 年月日, compact digits and full-width digits all read as yyyy-mm-dd", () => {
    for (const text of ["2023-07-01", "2023/7/1", "2023.7.1", "2023年7月1日", "20230701", "２０２３年７月１日", " 2023-7-1 "]) {
      expect(readDateText(text)).toBe("2023-07-01");
    }
  });

  test("a date that does not exist or is written the American way does not read; blank is no date", () => {
    expect(readDateText("2023-02-30")).toBeNull();
    expect(readDateText("07/01/2023")).toBeNull();
    expect(readDateText("七月一日")).toBeNull();
    expect(readDateText("")).toBe("");
  });

  test("a contract year needs both ends, in order", () => {
    expect(readPeriodTexts({ start: "2023-07-01", end: "", asOf: "" }).problems).toEqual({ end: "settings.periodNeedsBoth" });
    expect(readPeriodTexts({ start: "", end: "2024-06-30", asOf: "" }).problems).toEqual({ start: "settings.periodNeedsBoth" });
    expect(readPeriodTexts({ start: "2024-07-01", end: "2024-06-30", asOf: "" }).problems).toEqual({ end: "settings.periodEndBeforeStart" });
    expect(readPeriodTexts({ start: "2023年7月1日", end: "2024/6/30", asOf: "2023.11.30" }).patch).toEqual({
      period: { start: "2023-07-01", end: "2024-06-30" },
      asOf: "2023-11-30",
    });
    expect(readPeriodTexts({ start: "", end: "", asOf: "" }).patch).toEqual({ period: null, asOf: null });
  });
});

describe("settings: the contract year and as-of date fields", () => {
  test("are text fields showing yyyy-mm-dd, not the browser's date control", async () => {
    await view({ ...defaultSettings(), options: { ...defaultSettings().options, period: { start: "2023-07-01", end: "2024-06-30" }, asOf: "2023-11-30" } });
    const start = input("合同期（年度服务协议时间）开始");
    expect(start.type).toBe("text");
    expect(start.value).toBe("2023-07-01");
    expect(input("合同期结束").value).toBe("2024-06-30");
    expect(input("评估日期").value).toBe("2023-11-30");
    // the format is said once for the group, and each field is described by it
    const hint = screen.getByText("日期写作 2023-07-01 或 2023年7月1日。");
    expect(start.getAttribute("aria-describedby")).toContain(hint.id);
  });

  test("年月日 is taken and shown as yyyy-mm-dd once the field is left; the dates are applied", async () => {
    const { onApply } = await view();
    type("合同期（年度服务协议时间）开始", "2023年7月1日");
    leave("合同期（年度服务协议时间）开始");
    expect(input("合同期（年度服务协议时间）开始").value).toBe("2023-07-01");
    type("合同期结束", "2024/6/30");
    type("评估日期", "２０２３．１１．３０");
    fireEvent.click(applyButton());
    await act(async () => undefined);
    expect(onApply).toHaveBeenCalledTimes(1);
    expect(onApply.mock.calls[0][0].options.period).toEqual({ start: "2023-07-01", end: "2024-06-30" });
    expect(onApply.mock.calls[0][0].options.asOf).toBe("2023-11-30");
  });

  test("a date that does not read says so at its field once left, and 保存并应用 waits until it is fixed", async () => {
    await view();
    type("评估日期", "11/30/2023");
    expect(applyButton().disabled).toBe(true);
    // no message while typing
    expect(screen.queryByText("请按“2023-07-01”或“2023年7月1日”填写一个存在的日期。")).toBeNull();
    leave("评估日期");
    const message = screen.getByText("请按“2023-07-01”或“2023年7月1日”填写一个存在的日期。");
    expect(input("评估日期").getAttribute("aria-invalid")).toBe("true");
    expect(input("评估日期").getAttribute("aria-describedby")).toContain(message.closest("[id]")!.id);
    type("评估日期", "2023-11-30");
    expect(applyButton().disabled).toBe(false);
  });

  test("a contract year with an end before its start, or only one end, blocks saving with a message at the field", async () => {
    await view();
    type("合同期（年度服务协议时间）开始", "2024-07-01");
    expect(applyButton().disabled).toBe(true);
    type("合同期结束", "2024-06-30");
    leave("合同期结束");
    expect(screen.getByText("合同期结束日期早于开始日期。")).toBeTruthy();
    expect(applyButton().disabled).toBe(true);
    type("合同期结束", "2025-06-30");
    expect(applyButton().disabled).toBe(false);
  });

  test("in English the messages are English and the format the same", async () => {
    await view(defaultSettings(), "en");
    type("As-of date", "30.11.2023");
    leave("As-of date");
    expect(screen.getByText("Write a real date as 2023-07-01.")).toBeTruthy();
  });
});
