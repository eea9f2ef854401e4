/** @jest-environment jsdom */
import "./support/dom";
import { render, screen } from "@testing-library/react";
import { NotInOffice } from "../../src/taskpane/components/NotInOffice";

test("outside Excel the pane says where to open it", () => {
  render(<NotInOffice lang="zh" />);
  expect(screen.getByText("请在 Excel 中打开此加载项；没有 Excel 时请使用独立网页 index.html")).toBeTruthy();
});
