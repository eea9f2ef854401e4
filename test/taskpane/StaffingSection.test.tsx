/** @jest-environment jsdom */
import "./support/dom";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App } from "../../src/taskpane/components/App";
import { SettingsView } from "../../src/taskpane/components/settings/SettingsView";
import type { PaneSettings } from "../../src/taskpane/host";
import { LangContext, type Lang } from "../../src/taskpane/i18n";
import { readDays, readHeadcount, readIntervals, readPercent } from "../../src/taskpane/components/settings/staffingFields";
import { defaultSettings, staffProblem } from "../../src/taskpane/settings";
import { fakeEvaluate, fakeTemplates, memoryHost } from "./support/fakes";

/** the view, once its sheet list has been read (an update after render otherwise) */
async function view(settings: PaneSettings = defaultSettings(), lang: Lang = "zh") {
  const onApply = jest.fn<Promise<void>, [PaneSettings]>(async () => undefined);
  const onClose = jest.fn();
  const host = memoryHost("excel");
  const listed = host.sheetNames();
  render(
    <LangContext.Provider value={lang}>
      <SettingsView
        onClose={onClose}
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
  return { onApply, onClose };
}

const input = (name: string) => screen.getByRole("textbox", { name }) as HTMLInputElement;
const type = (name: string, value: string) => fireEvent.change(input(name), { target: { value } });
const applyButton = (name = "保存并应用") => screen.getByRole("button", { name }) as HTMLButtonElement;

describe("settings: staffing and follow-up fields", () => {
  test("show the defaults: headcounts blank (read from the sheet), 稳岗率 80 %, elderly 31 days, no levels", async () => {
    await view();
    expect(input("合同配备社工（名）").value).toBe("");
    expect(input("其中持证社工（名）").value).toBe("");
    expect(input("稳岗率要求（%）").value).toBe("80");
    expect(input("特殊困难老年人跟进间隔（天）").value).toBe("31");
    expect(input("各跟进级别最长间隔（天）").value).toBe("");
    expect(screen.getAllByText("留空则读取到岗表的“合同约定”")).toHaveLength(2);
    expect(applyButton().disabled).toBe(false);
  });

  test("valid entries are applied as options: --staff 20/10, 85 %, intervals with the elderly rule kept", async () => {
    const { onApply } = await view();
    type("合同配备社工（名）", "二十");
    type("其中持证社工（名）", "１０");
    type("稳岗率要求（%）", "85");
    type("各跟进级别最长间隔（天）", "一级=7；二级=30");
    fireEvent.click(applyButton());
    await waitFor(() => expect(onApply).toHaveBeenCalledTimes(1));
    const o = onApply.mock.calls[0][0].options;
    expect(o.staff).toEqual({ all: 20, certified: 10 });
    expect(o.retentionThreshold).toBeCloseTo(0.85, 12);
    expect(o.followUpIntervals).toEqual({ 一级: 7, 二级: 30, 特殊困难老年人: 31 });
  });

  test("a blank elderly interval turns that rule off; blank headcounts leave them to the sheet", async () => {
    const settings = defaultSettings();
    settings.options.staff = { all: 20, certified: 10 };
    settings.options.followUpIntervals = { 特殊困难老年人: 31, 一级: 7 };
    const { onApply } = await view(settings);
    expect(input("各跟进级别最长间隔（天）").value).toBe("一级=7");
    type("合同配备社工（名）", "");
    type("其中持证社工（名）", "");
    type("特殊困难老年人跟进间隔（天）", "");
    fireEvent.click(applyButton());
    await waitFor(() => expect(onApply).toHaveBeenCalledTimes(1));
    const o = onApply.mock.calls[0][0].options;
    expect(o.staff).toBeNull();
    expect(o.followUpIntervals).toEqual({ 一级: 7 });
  });

  test("a field that does not read says why beside it, keeps what was typed, and 保存并应用 waits", async () => {
    await view();
    type("合同配备社工（名）", "二十人左右");
    expect(input("合同配备社工（名）").value).toBe("二十人左右");
    expect(input("合同配备社工（名）").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("请填写 0–9999 的整数，或留空。")).toBeTruthy();
    expect(applyButton().disabled).toBe(true);
    type("合同配备社工（名）", "20");
    expect(applyButton().disabled).toBe(false);

    type("稳岗率要求（%）", "120");
    expect(screen.getByText("请填写大于 0、不超过 100 的数。")).toBeTruthy();
    expect(applyButton().disabled).toBe(true);
    type("稳岗率要求（%）", "80%");
    expect(applyButton().disabled).toBe(false);

    type("特殊困难老年人跟进间隔（天）", "0");
    expect(screen.getByText("请填写 1–3650 的整数天数，或留空。")).toBeTruthy();
    type("特殊困难老年人跟进间隔（天）", "30天");
    expect(applyButton().disabled).toBe(false);

    type("各跟进级别最长间隔（天）", "一级=7；二级每月");
    expect(screen.getByText("无法识别“二级每月”，请写成“级别=天数”，如 一级=7。")).toBeTruthy();
    expect(applyButton().disabled).toBe(true);
  });

  test("more certified than all is said at the certified field and cannot be applied", async () => {
    await view();
    type("合同配备社工（名）", "10");
    type("其中持证社工（名）", "20");
    expect(screen.getByText("持证社工（20）不能多于社工总数（10）。")).toBeTruthy();
    expect(input("其中持证社工（名）").getAttribute("aria-invalid")).toBe("true");
    expect(applyButton().disabled).toBe(true);
  });

  test("in English", async () => {
    await view(defaultSettings(), "en");
    fireEvent.change(screen.getByRole("textbox", { name: "Retention requirement (%)" }), { target: { value: "abc" } });
    expect(screen.getByText("Enter a number above 0 and at most 100.")).toBeTruthy();
    expect(applyButton("Save and apply").disabled).toBe(true);
    expect(screen.getByRole("textbox", { name: "Elderly follow-up interval (days)" })).toBeTruthy();
  });
});

test("stored headcounts with more certified than all block the run, with a way to fix them", async () => {
  const host = memoryHost("excel");
  host.stored = { options: { staff: { all: 10, certified: 20 } }, savedMappings: [] };
  const evaluate = fakeEvaluate();
  render(<App host={host} evaluate={evaluate} templates={fakeTemplates()} />);
  expect(await screen.findByText("持证社工（20 名）多于合同配备社工（10 名），请在“设置”中修改后再评分。", {}, { timeout: 10000 })).toBeTruthy();
  const run = screen.getByRole("button", { name: "一键评分" });
  expect(run.getAttribute("aria-disabled")).toBe("true");
  fireEvent.click(run);
  expect(evaluate).not.toHaveBeenCalled();
  fireEvent.click(screen.getByRole("button", { name: "修改人数" }));
  // the settings view is its own chunk: the first open may take a moment under load
  expect(await screen.findByText("持证社工（20）不能多于社工总数（10）。", {}, { timeout: 15000 })).toBeTruthy();
});

describe("reading the fields", () => {
  test("headcounts, percent, days and levels", () => {
    expect(readHeadcount(" 二十五 ")).toEqual({ ok: true, value: 25 });
    expect(readHeadcount("")).toEqual({ ok: true, value: null });
    expect(readHeadcount("-3").ok).toBe(false);
    expect(readHeadcount("10000").ok).toBe(false);
    expect(readPercent("85.5")).toEqual({ ok: true, value: 0.855 });
    expect(readPercent("０").ok).toBe(false);
    expect(readDays("３１")).toEqual({ ok: true, value: 31 });
    expect(readDays("1.5").ok).toBe(false);
    expect(readIntervals("一级=7；；二级 30天")).toEqual({ intervals: { 一级: 7, 二级: 30 }, bad: null });
    expect(readIntervals("一级=七").bad).toBe("一级=七");
    expect(staffProblem({ staff: { all: 20, certified: 10 } })).toBeNull();
    expect(staffProblem({ staff: { all: null, certified: 30 } })).toBeNull();
    expect(staffProblem({ staff: { all: 5, certified: 6 } })).toEqual({ all: 5, certified: 6 });
  });
});
