import { addMerges, blankWorksheet, Fragment, setColumnWidths, setFreeze, updateDimension } from "../../src/file/sheet-elements";

describe("worksheet elements around sheetData", () => {
  const headOf = (inner: string) => {
    const text = `<?xml version="1.0"?><worksheet xmlns="m">${inner}`;
    return new Fragment(text, text.indexOf("<worksheet") + '<worksheet xmlns="m">'.length, "");
  };

  it("inserts a missing child before the first sibling that must follow it", () => {
    const head = headOf('<sheetPr/><sheetFormatPr defaultRowHeight="15"/>');
    setFreeze(head, { rows: 1, cols: 0 }, "");
    expect(head.text).toContain('<sheetPr/><sheetViews><sheetView workbookViewId="0"><pane ySplit="1"');
    expect(head.text.indexOf("<sheetViews")).toBeLessThan(head.text.indexOf("<sheetFormatPr"));
  });

  it("splits a column range so only the named column changes width", () => {
    const head = headOf('<cols><col min="2" max="6" width="9" style="3"/></cols>');
    setColumnWidths(head, new Map([[3, 20]]), "");
    expect(head.text).toContain(
      '<cols><col min="2" max="3" width="9" style="3"/><col min="4" max="4" width="20" style="3" customWidth="1"/><col min="5" max="6" width="9" style="3"/></cols>',
    );
  });

  it("grows the dimension to cover written cells", () => {
    const head = headOf('<dimension ref="B2:C3"/>');
    updateDimension(head, new Map([[9, new Map([[0, {}]])]]));
    expect(head.text).toContain('<dimension ref="A2:C10"/>');
  });

  it("adds merges to an existing list and skips overlapping ones", () => {
    const tail = new Fragment('<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>', 0, "");
    addMerges(
      tail,
      [
        { r1: 0, c1: 1, r2: 0, c2: 2 },
        { r1: 2, c1: 0, r2: 3, c2: 0 },
      ],
      "",
    );
    expect(tail.text).toBe('<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="A3:A4"/></mergeCells></worksheet>');
  });

  it("makes blank sheets with an optional tab colour", () => {
    expect(blankWorksheet("#70ad47")).toContain('<sheetPr><tabColor rgb="FF70AD47"/></sheetPr>');
    expect(blankWorksheet()).not.toContain("sheetPr");
    expect(blankWorksheet("not a colour")).not.toContain("tabColor");
  });
});
