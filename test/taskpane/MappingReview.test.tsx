/** @jest-environment jsdom */
import "./support/dom";
import { fireEvent, render, screen } from "@testing-library/react";
import { MappingReview } from "../../src/taskpane/components/MappingReview";
import type { RestorationReport } from "../../src/core/types";
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

test("all confident: folded to one line; a weak or missing field opens it", () => {
  const { container, unmount } = render(<MappingReview restoration={strong} busy={false} onApply={jest.fn()} />);
  expect(container.querySelector("details")?.open).toBe(false);
  expect(screen.getByText("全部对应可信")).toBeTruthy();
  unmount();
  const weak = sampleReport().restorations[0];
  const again = render(<MappingReview restoration={weak} busy={false} onApply={jest.fn()} />);
  expect(again.container.querySelector("details")?.open).toBe(true);
  expect(screen.getByText("1 个字段需确认")).toBeTruthy();
});

test("the dropdown lists every source header and 不对应; choosing 不对应 applies null", () => {
  const onApply = jest.fn();
  render(<MappingReview restoration={strong} busy={false} onApply={onApply} />);
  const select = screen.getByRole("combobox", { name: "“性别”对应的表头" }) as HTMLSelectElement;
  expect([...select.options].map((o) => o.textContent)).toEqual(["不对应", "姓名", "性别", "备注"]);
  fireEvent.change(select, { target: { value: select.options[0].value } });
  fireEvent.click(screen.getByRole("button", { name: "应用" }));
  expect(onApply).toHaveBeenCalledWith({ 姓名: "姓名", 性别: null });
});
