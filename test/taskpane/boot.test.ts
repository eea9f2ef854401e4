import { bootOffice, type OfficeLike } from "../../src/taskpane/boot";

const office = (result: Promise<{ host: unknown; platform: unknown }>): OfficeLike => ({
  onReady: () => result,
  HostType: { Excel: "Excel" },
});

function handlers() {
  return { onExcel: jest.fn(), onNotInOffice: jest.fn() };
}

const flush = () => new Promise((r) => setImmediate(r));

test("Excel reported by onReady starts the pane", async () => {
  const h = handlers();
  bootOffice(office(Promise.resolve({ host: "Excel", platform: "PC" })), h);
  await flush();
  expect(h.onExcel).toHaveBeenCalledTimes(1);
  expect(h.onNotInOffice).not.toHaveBeenCalled();
});

test("a plain browser (no host), a failed onReady or no office.js at all says not in Office", async () => {
  for (const o of [office(Promise.resolve({ host: null, platform: null })), office(Promise.reject(new Error("x"))), undefined]) {
    const h = handlers();
    bootOffice(o, h);
    await flush();
    expect(h.onNotInOffice).toHaveBeenCalledTimes(1);
    expect(h.onExcel).not.toHaveBeenCalled();
  }
});

test("an onReady that does not answer in time shows the notice, and a late Excel still starts the pane", async () => {
  jest.useFakeTimers();
  try {
    let ready!: (info: { host: unknown; platform: unknown }) => void;
    const h = handlers();
    bootOffice(office(new Promise((r) => (ready = r))), h, 3000);
    jest.advanceTimersByTime(2999);
    expect(h.onNotInOffice).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(h.onNotInOffice).toHaveBeenCalledTimes(1);
    ready({ host: "Excel", platform: "PC" });
    await Promise.resolve();
    await Promise.resolve();
    expect(h.onExcel).toHaveBeenCalledTimes(1);
  } finally {
    jest.useRealTimers();
  }
});
