import { waitForOffice, type OfficeLike } from "../../src/taskpane/boot";

const office = (result: Promise<{ host: unknown; platform: unknown }>): OfficeLike => ({
  onReady: () => result,
  HostType: { Excel: "Excel" },
});

test("Excel reported by onReady starts the pane", async () => {
  await expect(waitForOffice(office(Promise.resolve({ host: "Excel", platform: "PC" })))).resolves.toBe("excel");
});

test("a plain browser (no host) or no office.js at all says not in Office", async () => {
  await expect(waitForOffice(office(Promise.resolve({ host: null, platform: null })))).resolves.toBe("not-in-office");
  await expect(waitForOffice(undefined)).resolves.toBe("not-in-office");
  await expect(waitForOffice(office(Promise.reject(new Error("x"))))).resolves.toBe("not-in-office");
});

test("an onReady that never answers gives up after the timeout instead of hanging", async () => {
  jest.useFakeTimers();
  try {
    const outcome = waitForOffice(office(new Promise(() => undefined)), 3000);
    jest.advanceTimersByTime(3000);
    await expect(outcome).resolves.toBe("not-in-office");
  } finally {
    jest.useRealTimers();
  }
});
