import { errorMessage } from "../../src/taskpane/errors";
import { HostError } from "../../src/taskpane/host";

test("a HostError shows the host's Chinese message, or the catalogue's English one", () => {
  const e = new HostError("sheet-protected", "工作表“名单”受保护，请先撤销保护。", "名单");
  expect(errorMessage(e, "zh")).toBe("工作表“名单”受保护，请先撤销保护。");
  expect(errorMessage(e, "en")).toBe("The sheet “名单” is protected; unprotect it and try again. Nothing was changed.");
});

test("a Chinese message from the core passes through; anything else is wrapped, first line only", () => {
  expect(errorMessage(new Error("模板缺少字段"), "zh")).toBe("模板缺少字段");
  const wrapped = errorMessage(new Error("x is undefined\n    at f (a.ts:1:1)"), "zh");
  expect(wrapped).toContain("出现意外错误：x is undefined");
  expect(wrapped).not.toContain("a.ts");
  expect(errorMessage("oops", "en")).toContain("Something went wrong: oops");
});
