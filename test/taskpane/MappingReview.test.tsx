/** @jest-environment jsdom */
import "./support/dom";
import { fireEvent, render, screen } from "@testing-library/react";
import { MappingReview } from "../../src/taskpane/components/MappingReview";
import type { RestorationReport } from "../../src/core/types";
import { LangContext } from "../../src/taskpane/i18n";
import { sampleReport } from "./support/fakes";

const strong: RestorationReport = {
  ...sampleReport().restorations[0],
  mapping: [
    { field: "姓名", header: "姓名", column: "A", method: "exact", confidence: 1 },
    { field: "性别", header: "性别", column: "B", method: "synonym", confidence: 0.95 },
  ],
  missingFields: [],
  unmappedHeaders: ["备注"],
};

test("collapsed behind its badge; opened it shows only weak or missing fields unless all are asked for", () => {
  const { unmount } = render(<MappingReview restoration={strong} busy={false} addedMissing onApply={jest.fn()} />);
  expect(screen.getByText("全部对应可信")).toBeTruthy();
  expect(screen.queryByRole("table")).toBeNull();
  unmount();
  const weak = sampleReport().restorations[0];
  render(<MappingReview restoration={weak} busy={false} addedMissing onApply={jest.fn()} />);
  expect(screen.getByText("2 个字段需确认")).toBeTruthy();
  expect(screen.queryByRole("table")).toBeNull();
  fireEvent.click(screen.getByRole("button", { name: /列对应核对/ }));
  const fields = () =>
    screen
      .getAllByRole("row")
      .slice(1)
      .map((r) => r.querySelector("td")?.textContent);
  expect(fields()).toEqual(["身份证号码", "联系方式"]);
  // a missing column the run added reads 已添加, not 0 %
  expect(screen.getByText("已添加")).toBeTruthy();
  expect(screen.queryByText("0%")).toBeNull();
  fireEvent.click(screen.getByRole("button", { name: "显示全部 3 项" }));
  expect(fields()).toEqual(["姓名", "身份证号码", "联系方式"]);
});

test("a column the run added for a missing field reads 已添加, not a weak 0 % match", () => {
  const added = sampleReport().restorations[0];
  added.mapping = added.mapping.map((e) => (e.field === "联系方式" ? { ...e, header: "联系方式", column: "D" } : e));
  render(<MappingReview restoration={added} busy={false} addedMissing onApply={jest.fn()} />);
  fireEvent.click(screen.getByRole("button", { name: /列对应核对/ }));
  const row = screen.getAllByRole("row").find((r) => r.querySelector("td")?.textContent === "联系方式") as HTMLElement;
  expect(row.getAttribute("data-weak")).toBeNull();
  expect(row.textContent).toContain("已添加");
  expect(row.textContent).not.toContain("0%");
});

test("one field to check is said in the singular in English", () => {
  const one = { ...sampleReport().restorations[0], missingFields: [] };
  one.mapping = one.mapping.slice(0, 2);
  render(
    <LangContext.Provider value="en">
      <MappingReview restoration={one} busy={false} addedMissing onApply={jest.fn()} />
    </LangContext.Provider>,
  );
  expect(screen.getByText("1 field to check")).toBeTruthy();
});

test("the dropdown lists every source header and 不对应; choosing 不对应 applies null", () => {
  const onApply = jest.fn();
  render(<MappingReview restoration={strong} busy={false} addedMissing onApply={onApply} />);
  fireEvent.click(screen.getByRole("button", { name: /列对应核对/ }));
  const select = screen.getByRole("combobox", { name: "“性别”对应的表头" }) as HTMLSelectElement;
  expect([...select.options].map((o) => o.textContent)).toEqual(["不对应", "姓名", "性别", "备注"]);
  fireEvent.change(select, { target: { value: select.options[0].value } });
  fireEvent.click(screen.getByRole("button", { name: "应用并重新评分" }));
  expect(onApply).toHaveBeenCalledWith({ 姓名: "姓名", 性别: null });
});
