/**
 * Waits for office.js to say where the pane runs. Outside Office (a plain browser, or the Office
 * CDN unreachable) the pane must say so instead of waiting forever; but Excel on a slow machine can
 * take longer than that to answer, so a late "Excel" still starts the pane.
 */
export interface OfficeLike {
  onReady(callback?: (info: { host: unknown; platform: unknown }) => void): Promise<{ host: unknown; platform: unknown }>;
  HostType?: { Excel?: unknown };
}

export interface BootHandlers {
  onExcel(): void;
  onNotInOffice(): void;
}

export function bootOffice(office: OfficeLike | undefined, handlers: BootHandlers, timeoutMs = 3000): void {
  if (!office || typeof office.onReady !== "function") {
    handlers.onNotInOffice();
    return;
  }
  let settled = false;
  const timer = setTimeout(() => {
    if (!settled) handlers.onNotInOffice();
  }, timeoutMs);
  const excel = office.HostType?.Excel ?? "Excel";
  office
    .onReady()
    .then((info) => {
      settled = true;
      clearTimeout(timer);
      if (info && info.host === excel) handlers.onExcel();
      else handlers.onNotInOffice();
    })
    .catch(() => {
      settled = true;
      clearTimeout(timer);
      handlers.onNotInOffice();
    });
}
