import type { EvaluateResult, Plan, WorkbookSnapshot } from "../../src/core/types";
import { HostError } from "../../src/taskpane/host";
import { errorMessage } from "../../src/taskpane/errors";
import { createFileHost, outputName, SETTINGS_KEY } from "../../src/web/fileHost";
import { PAGE_LIMITS } from "../../src/web/limits";
import { countCells } from "../../src/web/workerCore";
import { fakeDeps, fakePort, fileOf, holdApplies } from "./support/fakeWorker";

const SNAPSHOT: WorkbookSnapshot = {
  source: "",
  sheets: [
    {
      name: "名单",
      values: [
        ["姓名", "身份证号", "联系电话"],
        ["张三丰", "440106199001011234", 13812345678],
        ["李四", null, ""],
      ],
    },
    { name: "隐藏", hidden: true, values: [["x"]] },
  ],
};

const PLAN: Plan = [
  { kind: "addSheet", sheet: "套表" },
  { kind: "freeze", sheet: "套表", rows: 1, cols: 0 },
];

function result(): EvaluateResult {
  return {
    report: { schema: "shuangbai/report@1", source: "x", indicators: [], scores: [], restorations: [], findings: [] },
    plan: PLAN,
  };
}

function setup(limits = PAGE_LIMITS) {
  const deps = fakeDeps(SNAPSHOT, result);
  const { port, sent } = fakePort(deps, limits);
  const createPort = jest.fn(() => port);
  const store = new Map<string, string>();
  const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
  const host = createFileHost({ createPort, storage, limits });
  return { host, deps, sent, createPort, store };
}

async function rejection(p: Promise<unknown>): Promise<HostError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(HostError);
    return e as HostError;
  }
  throw new Error("expected a rejection");
}

describe("file host over the worker protocol", () => {
  test("no worker starts before a file is chosen", async () => {
    const { host, createPort } = setup();
    expect(await host.sheetNames()).toEqual([]);
    expect((await rejection(host.readSnapshot())).message).toBe("请先选择一个 .xlsx 工作簿。");
    expect(createPort).not.toHaveBeenCalled();
  });

  test("one-click: read, evaluate in the worker, apply, download, undo", async () => {
    const { host, deps, sent } = setup();
    host.setFile(fileOf("站点评估表.xlsx", [80, 75, 3]));
    const phases: string[] = [];
    const snap = await host.readSnapshot((p) => phases.push(p.phase));
    expect(snap.source).toBe("站点评估表.xlsx");
    expect(phases).toContain("read");
    expect(await host.sheetNames()).toEqual(["名单"]);

    const res = await host.evaluate(snap, { lang: "zh" });
    // the plan stays in the worker; the pane gets a stand-in that applyPlan trades back
    expect(res.plan).toEqual([]);
    expect(res.report.schema).toBe("shuangbai/report@1");
    // the worker kept the snapshot it made: it is not sent back
    const evalReq = sent.find((m) => m.type === "evaluate");
    expect(evalReq && "snapshot" in evalReq && evalReq.snapshot).toBeFalsy();
    expect(deps.evaluate.mock.calls[0][1]).toEqual({ lang: "zh" });

    expect(await host.canUndo()).toBe(false);
    await host.applyPlan(res.plan);
    expect(await host.canUndo()).toBe(true);
    const out = await host.download!();
    expect(out.name).toBe("站点评估表-评估结果.xlsx");
    expect([...out.bytes]).toEqual([80, 75, 3, 2]);
    const applyReq = sent.find((m) => m.type === "apply");
    expect(applyReq && "plan" in applyReq).toBe(false);

    // re-running starts again from the original bytes, so outputs never stack
    await host.applyPlan([PLAN[0]]);
    expect([...(await host.download!()).bytes]).toEqual([80, 75, 3, 1]);
    // the file is parsed once; every plan is applied to that original package
    expect(deps.openXlsx).toHaveBeenCalledTimes(1);
    expect(deps.applyPlan.mock.calls.map((c) => c[0])).toEqual([deps.openXlsx.mock.results[0].value, deps.openXlsx.mock.results[0].value]);

    await host.undoLastRun();
    expect(await host.canUndo()).toBe(false);
    expect((await rejection(host.undoLastRun())).code).toBe("nothing-to-undo");
    await expect(host.download!()).rejects.toBeInstanceOf(HostError);
  });

  test("a snapshot the worker has not seen is sent along", async () => {
    const { host, sent } = setup();
    host.setFile(fileOf("a.xlsx", [80]));
    await host.readSnapshot();
    const other: WorkbookSnapshot = { source: "other", sheets: [] };
    await host.evaluate(other, {});
    const req = sent.filter((m) => m.type === "evaluate").pop();
    expect(req && req.type === "evaluate" && req.snapshot).toEqual(other);
  });

  test("an unreadable file is named as a plain problem (no reader jargon), and choosing again retries", async () => {
    const { host, deps } = setup();
    host.setFile(fileOf("坏.xlsx", [0, 1]));
    const e = await rejection(host.readSnapshot());
    expect(e.code).toBe("file-unreadable");
    expect(e.params).toEqual({ problem: "not-excel", name: "坏.xlsx" });
    expect(errorMessage(e, "zh")).toBe("“坏.xlsx”不是 Excel 工作簿，请选择扩展名为 .xlsx 的文件。");
    expect(errorMessage(e, "en")).toBe("“坏.xlsx” is not an Excel workbook; choose a file ending in .xlsx.");
    expect(errorMessage(e, "zh")).not.toMatch(/zip/i);
    await rejection(host.readSnapshot());
    expect(deps.openXlsx).toHaveBeenCalledTimes(2);
  });

  test("a file above the byte limit is refused before it is read", async () => {
    const { host } = setup({ maxFileBytes: 2, maxCells: 100 });
    const file = fileOf("大.xlsx", [80, 75, 3]);
    host.setFile(file);
    const e = await rejection(host.readSnapshot());
    expect(e.code).toBe("too-large-for-page");
    expect(e.params?.problem).toBe("too-big");
    // the limit is stated, with a remedy that needs no command line
    expect(errorMessage(e, "zh")).toContain("超过网页能处理的");
    expect(errorMessage(e, "zh")).not.toContain("命令行");
    expect(file.arrayBuffer).not.toHaveBeenCalled();
  });

  test("a workbook above the cell limit is refused by the worker", async () => {
    expect(countCells(SNAPSHOT)).toBe(8);
    const { host } = setup({ maxFileBytes: 1000, maxCells: 7 });
    host.setFile(fileOf("多.xlsx", [80]));
    const e = await rejection(host.readSnapshot());
    expect(e.code).toBe("too-large-for-page");
    expect(errorMessage(e, "zh")).toBe(
      "工作簿中有 8 个有内容的单元格，超过网页一次能处理的 7 个。请把服务对象名单按年度或片区分成几个工作簿分别评分；或在 Excel 中用本加载项评分。",
    );
    expect(errorMessage(e, "en")).toContain("The workbook has 8 filled cells, more than the 7");
  });

  test("the page's own limits take a 100,000-row roster (2.1 million cells) and refuse one above 4 million", async () => {
    // 21 filled cells a row, as the seed roster: 2.1 million cells at 100k rows
    const roster = (rows: number): WorkbookSnapshot => ({
      source: "",
      sheets: [{ name: "名单", values: Array.from({ length: rows }, () => Array.from({ length: 21 }, (_, c) => c)) }],
    });
    for (const [rows, accepted] of [
      [100_000, true],
      [200_000, false],
    ] as const) {
      const deps = fakeDeps(roster(rows), result);
      const host = createFileHost({ createPort: () => fakePort(deps, PAGE_LIMITS).port, storage: null });
      host.setFile(fileOf("站.xlsx", [80]));
      if (accepted) expect(countCells(await host.readSnapshot())).toBe(rows * 21);
      else expect((await rejection(host.readSnapshot())).params?.limit).toBe("4,000,000");
    }
  });

  test("choosing another file forgets the previous one's results", async () => {
    const { host } = setup();
    host.setFile(fileOf("a.xlsx", [80]));
    await host.applyPlan(PLAN);
    expect(await host.canUndo()).toBe(true);
    host.setFile(fileOf("b.xlsx", [81]));
    expect(await host.canUndo()).toBe(false);
    expect((await host.readSnapshot()).source).toBe("b.xlsx");
  });

  test("previews show the rows around a cell with IDs and phones masked", async () => {
    const { host } = setup();
    host.setFile(fileOf("a.xlsx", [80]));
    const preview = await host.previewRows!("名单", "B2");
    expect(preview!.headers).toEqual(["A", "B", "C", "D", "E"]);
    expect(preview!.rows.map((r) => r.row)).toEqual([1, 2, 3]);
    const row2 = preview!.rows[1].cells;
    expect(row2.slice(0, 3)).toEqual(["张三丰", "440106********1234", "138****5678"]);
    expect(JSON.stringify(preview)).not.toContain("199001011234");
    expect(await host.previewRows!("没有", "A1")).toBeNull();
  });

  test("settings live in the browser's storage, whitelisted", async () => {
    const { host, store } = setup();
    expect(await host.loadSettings()).toBeNull();
    await host.saveSettings({
      options: { liveFormulas: false, manualMapping: { 姓名: "张三丰" } },
      savedMappings: [],
      language: "en",
    });
    const raw = store.get(SETTINGS_KEY)!;
    expect(raw).not.toContain("张三丰");
    const loaded = await host.loadSettings();
    expect(loaded?.options.liveFormulas).toBe(false);
    expect(loaded?.language).toBe("en");
    store.set(SETTINGS_KEY, "{not json");
    expect(await host.loadSettings()).toBeNull();
  });
});

test("a plan from an earlier evaluation is refused as stale", async () => {
  const { host } = setup();
  host.setFile(fileOf("a.xlsx", [80]));
  const snap = await host.readSnapshot();
  const first = await host.evaluate(snap, {});
  const second = await host.evaluate(snap, {});
  const e = await rejection(host.applyPlan(first.plan));
  expect(e.message).toContain("评分结果已过期");
  await host.applyPlan(second.plan);
  expect([...(await host.download!()).bytes]).toEqual([80, 2]);
});

test("the scored file is named after the original", () => {
  expect(outputName("站点.xlsx")).toBe("站点-评估结果.xlsx");
  expect(outputName("A.XLSX")).toBe("A-评估结果.xlsx");
});

test("a worker that dies fails the waiting request in plain Chinese and is replaced", async () => {
  const deps = fakeDeps(SNAPSHOT, result);
  const ports: ReturnType<typeof fakePort>["port"][] = [];
  const host = createFileHost({
    createPort: () => {
      const { port } = fakePort(deps, PAGE_LIMITS);
      ports.push(port);
      return port;
    },
  });
  host.setFile(fileOf("a.xlsx", [80]));
  await host.readSnapshot();
  const pending = Promise.resolve(host.evaluate(SNAPSHOT, {}));
  ports[0].onerror?.({});
  const e = await rejection(pending);
  // told to a non-technical evaluator: what happened and what to try, no command line
  expect(errorMessage(e, "zh")).toContain("当前浏览器页面的内存不够");
  expect(errorMessage(e, "zh")).toContain("关闭其他网页标签");
  expect(errorMessage(e, "zh")).not.toContain("命令行");
  expect(errorMessage(e, "en")).toContain("too big for the memory this browser tab has");
  // the next run starts a new worker and reads the file into it again
  const snap = await host.readSnapshot();
  await host.evaluate(snap, {});
  expect(ports).toHaveLength(2);
  expect(deps.openXlsx).toHaveBeenCalledTimes(2);
});

describe("the page shows the grade before the scored file is built", () => {
  /** a port whose apply requests wait until released, as a slow write in the worker would */
  function gatedSetup() {
    const deps = fakeDeps(SNAPSHOT, result);
    const { port } = fakePort(deps, PAGE_LIMITS);
    const { held, release } = holdApplies(port);
    const createPort = jest.fn(() => port);
    const host = createFileHost({ createPort, storage: null });
    return { host, deps, held, createPort, release };
  }

  test("applyPlan returns at once; download and outputReady wait for the file and get the right bytes", async () => {
    const { host, deps, held, release } = gatedSetup();
    host.setFile(fileOf("站点.xlsx", [80, 75, 3]));
    const res = await host.evaluate(await host.readSnapshot(), {});
    await host.applyPlan(res.plan);
    // the write has not happened yet, but the run is done and undo/clear is offered
    expect(held).toHaveLength(1);
    expect(deps.applyPlan).not.toHaveBeenCalled();
    expect(await host.canUndo()).toBe(true);
    let ready = false;
    const readyP = host.outputReady!().then(() => (ready = true));
    const early = host.download!();
    await Promise.resolve();
    expect(ready).toBe(false);
    release();
    await readyP;
    const out = await early;
    expect(out.name).toBe("站点-评估结果.xlsx");
    expect([...out.bytes]).toEqual([80, 75, 3, 2]);
  });

  test("a failed build is told by outputReady and download, not lost", async () => {
    const { host, deps, release } = gatedSetup();
    deps.applyPlan.mockImplementationOnce(() => {
      throw new Error("写入失败：测试");
    });
    host.setFile(fileOf("a.xlsx", [80]));
    const res = await host.evaluate(await host.readSnapshot(), {});
    await host.applyPlan(res.plan);
    release();
    await expect(host.outputReady!()).rejects.toThrow("写入失败：测试");
    await expect(host.download!()).rejects.toThrow("写入失败：测试");
  });

  test("the chosen file is read at pick time, and warm() starts the worker before any file", async () => {
    const { host, deps, createPort } = gatedSetup();
    host.warm();
    expect(createPort).toHaveBeenCalledTimes(1);
    host.setFile(fileOf("a.xlsx", [80]));
    await new Promise((r) => setTimeout(r, 0));
    expect(deps.openXlsx).toHaveBeenCalledTimes(1);
    // the run joins that read: the file is parsed once, and the run still hears the read phase
    const phases: string[] = [];
    await host.readSnapshot((p) => phases.push(p.phase));
    expect(phases).toContain("read");
    expect(deps.openXlsx).toHaveBeenCalledTimes(1);
    expect(createPort).toHaveBeenCalledTimes(1);
  });
});
