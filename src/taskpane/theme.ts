import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

function isDark(hex: string): boolean {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return false;
  const n = parseInt(m[1], 16);
  const r = (n >> 16) & 255;
  const g = (n >> 8) & 255;
  const b = n & 255;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}

/** Fluent's web theme tinted with the Office theme's colours, when Office tells us them. */
export function officeTheme(): Theme {
  try {
    const ot = typeof Office !== "undefined" ? Office.context?.officeTheme : undefined;
    if (ot && ot.bodyBackgroundColor) {
      const base = isDark(ot.bodyBackgroundColor) ? webDarkTheme : webLightTheme;
      return {
        ...base,
        colorNeutralBackground1: ot.bodyBackgroundColor,
        colorNeutralForeground1: ot.bodyForegroundColor || base.colorNeutralForeground1,
      };
    }
  } catch {
    // officeTheme is missing on some platforms (Excel on the web before some builds): use the default.
  }
  return webLightTheme;
}
