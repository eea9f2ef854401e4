/** @jest-environment jsdom */
import "./support/dom";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { FindingsList } from "../../src/taskpane/components/findings/FindingsList";
import { memoryHost, sampleReport } from "./support/fakes";

const rows = () => Array.from(document.querySelectorAll<HTMLElement>("[data-finding-row]"));

test("the list is one Tab stop; arrow keys move between rows across sections; Home and End jump", () => {
  render(<FindingsList findings={sampleReport().findings} host={memoryHost("excel")} onError={jest.fn()} />);
  expect(rows().map((r) => r.tabIndex)).toEqual([0, -1, -1, -1]);
  act(() => rows()[0].focus());
  fireEvent.keyDown(rows()[0], { key: "ArrowDown" });
  expect(document.activeElement).toBe(rows()[1]);
  fireEvent.keyDown(rows()[1], { key: "ArrowDown" });
  fireEvent.keyDown(rows()[2], { key: "ArrowDown" });
  expect(document.activeElement).toBe(rows()[3]);
  expect(rows().map((r) => r.tabIndex)).toEqual([-1, -1, -1, 0]);
  fireEvent.keyDown(rows()[3], { key: "ArrowDown" });
  expect(document.activeElement).toBe(rows()[3]);
  fireEvent.keyDown(rows()[3], { key: "Home" });
  expect(document.activeElement).toBe(rows()[0]);
  fireEvent.keyDown(rows()[0], { key: "End" });
  expect(document.activeElement).toBe(rows()[3]);
  fireEvent.keyDown(rows()[3], { key: "ArrowUp" });
  expect(document.activeElement).toBe(rows()[2]);
});

test("in Excel a row opened selects its cell and stays highlighted as the current finding", async () => {
  const host = memoryHost("excel");
  render(<FindingsList findings={sampleReport().findings} host={host} onError={jest.fn()} />);
  fireEvent.click(rows()[1]);
  await waitFor(() => expect(host.selectCell).toHaveBeenCalledWith("名单", "C2"));
  expect(rows()[1].getAttribute("aria-current")).toBe("true");
  expect(rows().filter((r) => r.getAttribute("aria-current")).length).toBe(1);
});

test("on the page Enter opens a preview and Esc closes it, focus staying on the row", async () => {
  const host = memoryHost("file");
  render(<FindingsList findings={sampleReport().findings} host={host} onError={jest.fn()} />);
  const row = rows()[1];
  act(() => row.focus());
  // a native button: Enter is its click
  fireEvent.click(row);
  expect(await screen.findByRole("table", { name: "名单!C2 附近的行" })).toBeTruthy();
  expect(row.getAttribute("aria-expanded")).toBe("true");
  fireEvent.keyDown(row, { key: "Escape" });
  await waitFor(() => expect(screen.queryByRole("table")).toBeNull());
  expect(document.activeElement).toBe(row);
  expect(row.getAttribute("aria-expanded")).toBe("false");
});

test("severity chips filter the sections; the cell is a secondary line in the UI font", () => {
  render(<FindingsList findings={sampleReport().findings} host={memoryHost("excel")} onError={jest.fn()} />);
  fireEvent.click(screen.getByRole("button", { name: "警告 2" }));
  expect(screen.getByRole("button", { name: "警告 2" }).getAttribute("aria-pressed")).toBe("false");
  expect(rows()).toHaveLength(2);
  expect(screen.queryByText("名单!C2")).toBeNull();
  fireEvent.click(screen.getByRole("button", { name: "警告 2" }));
  const ref = screen.getByText("名单!C2");
  expect(ref.closest("[data-finding-row]")?.firstElementChild?.textContent).toBe("电话号码 138****5678 无效");
  expect(getComputedStyle(ref).fontFamily).not.toMatch(/consolas|mono/i);
});
