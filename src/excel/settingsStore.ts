import { validateLayout } from "../core/layouts/savedLayout";
import type { PaneSettings } from "../taskpane/host";

export const SETTINGS_KEY = "shuangbai.settings";

/**
 * Only the known fields go into the document: choices and header names, never cell values.
 * Anything else a caller might have put on the object is dropped here.
 */
export function sanitiseSettings(s: PaneSettings): PaneSettings {
  const out: PaneSettings = {
    options: { ...s.options },
    savedMappings: s.savedMappings.map((m) => ({ template: m.template, signature: m.signature, fields: { ...m.fields } })),
  };
  // a layout keeps positions and header text; validateLayout drops anything else put on it
  const layouts = (s.layouts ?? []).flatMap((l) => {
    try {
      return [validateLayout(l)];
    } catch {
      return [];
    }
  });
  if (layouts.length) out.layouts = layouts;
  if (s.language) out.language = s.language;
  return out;
}

export function parseSettings(raw: unknown): PaneSettings | null {
  let v = raw;
  if (typeof v === "string") {
    try {
      v = JSON.parse(v);
    } catch {
      return null;
    }
  }
  if (!v || typeof v !== "object") return null;
  const o = v as Partial<PaneSettings>;
  if (!o.options || typeof o.options !== "object" || !Array.isArray(o.savedMappings)) return null;
  return sanitiseSettings(o as PaneSettings);
}

export function loadFrom(settings: Office.Settings): PaneSettings | null {
  return parseSettings(settings.get(SETTINGS_KEY));
}

export function saveTo(settings: Office.Settings, s: PaneSettings): Promise<void> {
  settings.set(SETTINGS_KEY, JSON.stringify(sanitiseSettings(s)));
  return new Promise((resolve, reject) =>
    settings.saveAsync((r) => {
      if (String(r.status) === "failed") reject(new Error(r.error?.message ?? "设置保存失败"));
      else resolve();
    }),
  );
}
