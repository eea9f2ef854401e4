import { useCallback, useEffect, useRef, useState } from "react";
import type { SavedMapping } from "../../core/types";
import type { PaneSettings, ScoringHost } from "../host";
import { setLanguage, type Lang } from "../i18n";
import { defaultSettings, mergeMappings, sanitiseSettings } from "../settings";

export interface PaneSettingsState {
  settings: PaneSettings;
  lang: Lang;
  /** the latest values, for async handlers that outlive a render */
  settingsRef: { readonly current: PaneSettings };
  langRef: { readonly current: Lang };
  /** requirement-set features the host lacks, read once with the settings */
  missingFeatures: string[];
  /** take the settings view's draft: shown at once, then kept by the host (throws when it cannot) */
  apply(next: PaneSettings): Promise<void>;
  /** mappings a run confirmed, merged into what is kept */
  remember(mappings: SavedMapping[]): Promise<void>;
}

/**
 * Settings and language: read once from the host, changed only as a whole (applied and saved
 * together), and the page's <html lang> kept in step so screen readers pick the right voice.
 */
export function usePaneSettings(host: ScoringHost, initialLanguage: Lang = "zh"): PaneSettingsState {
  const [settings, setSettings] = useState<PaneSettings>(defaultSettings);
  const [lang, setLang] = useState<Lang>(initialLanguage);
  const [missingFeatures, setMissing] = useState<string[]>([]);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const langRef = useRef(lang);
  langRef.current = lang;

  useEffect(() => {
    setLanguage(lang);
    if (typeof document !== "undefined") document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  }, [lang]);

  // Nothing read at start-up is worth an error before the user has asked for anything: settings
  // fall back to the defaults, and a real problem shows when 一键评分 is pressed.
  useEffect(() => {
    let live = true;
    const quietly = async <T>(read: () => Promise<T>, fallback: T): Promise<T> => {
      try {
        return await read();
      } catch {
        return fallback;
      }
    };
    (async () => {
      const stored = await quietly(() => host.loadSettings(), null);
      if (!live) return;
      if (stored) {
        const clean = sanitiseSettings(stored);
        settingsRef.current = clean;
        setSettings(clean);
        if (clean.language) setLang(clean.language);
      }
      const feats = await quietly(() => (host.missingFeatures ? host.missingFeatures() : Promise.resolve([])), [] as string[]);
      if (live) setMissing(feats);
    })();
    return () => {
      live = false;
    };
  }, [host]);

  const apply = useCallback(
    async (next: PaneSettings) => {
      const clean = sanitiseSettings(next);
      settingsRef.current = clean;
      setSettings(clean);
      if (clean.language) setLang(clean.language);
      await host.saveSettings(clean);
    },
    [host],
  );

  const remember = useCallback(
    async (mappings: SavedMapping[]) => {
      const next = { ...settingsRef.current, savedMappings: mergeMappings(settingsRef.current.savedMappings, mappings) };
      settingsRef.current = next;
      setSettings(next);
      await host.saveSettings(sanitiseSettings(next));
    },
    [host],
  );

  return { settings, lang, settingsRef, langRef, missingFeatures, apply, remember };
}
