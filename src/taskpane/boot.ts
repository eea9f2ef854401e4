/**
 * Waits for office.js to say where the pane runs. Outside Office (a plain browser, or the Office
 * CDN unreachable) the pane must say so instead of waiting forever.
 */
export type BootOutcome = "excel" | "not-in-office";

export interface OfficeLike {
  onReady(callback?: (info: { host: unknown; platform: unknown }) => void): Promise<{ host: unknown; platform: unknown }>;
  HostType?: { Excel?: unknown };
}

export function waitForOffice(office: OfficeLike | undefined, timeoutMs = 3000): Promise<BootOutcome> {
  if (!office || typeof office.onReady !== "function") return Promise.resolve("not-in-office");
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve("not-in-office"), timeoutMs);
    const excel = office.HostType?.Excel ?? "Excel";
    office
      .onReady()
      .then((info) => {
        clearTimeout(timer);
        resolve(info && info.host === excel ? "excel" : "not-in-office");
      })
      .catch(() => {
        clearTimeout(timer);
        resolve("not-in-office");
      });
  });
}
