import type { ReportDraft } from "../../../core/report/model";
import type { SaveFileFn } from "../../appTypes";
import { HostError } from "../../host";
import { translate, type Lang } from "../../i18n";

/**
 * 下载报告摘要（Word）: the docx library is fetched only now, as its own chunk (a dynamic import),
 * so the pane's first load never carries it.
 */
export async function downloadDraftDocx(draft: ReportDraft | undefined, saveFile: SaveFileFn, lang: Lang): Promise<void> {
  if (!draft) return;
  let bytes: Uint8Array;
  let mime: string;
  try {
    const word = await import(/* webpackChunkName: "report-docx" */ "../../../word/reportDocx");
    bytes = await word.reportDocx(draft);
    mime = word.DOCX_MIME;
  } catch {
    throw new HostError("unknown", translate(lang, "draft.docFailed"));
  }
  saveFile(`${draft.title.replace(/[\\/:*?"<>|]/g, "")}.docx`, bytes, mime);
}
