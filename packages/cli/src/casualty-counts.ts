/**
 * A structured casualty list shown by its counts per outcome (`死亡 2、失踪 1`; `dead 2; missing 1`
 * in en), never its names: what the accident list, `stats accidents` and the report show.
 */
import { CASUALTY_OUTCOMES, type CasualtyCounts } from "@safety-ledger/core";
import type { Lang } from "./messages";
import { valueLabel } from "./value-labels";

/** The counts of a list (the outcomes it names); "" where the accident has no list, "0" for an empty one. */
export const casualtyCountsText = (counts: CasualtyCounts | undefined, lang: Lang): string => {
  if (counts === undefined) return "";
  const named = CASUALTY_OUTCOMES.filter((o) => counts[o] > 0).map(
    (o) => `${valueLabel("casualtyOutcome", o, lang)} ${counts[o]}`,
  );
  return named.length === 0 ? "0" : named.join(lang === "en" ? "; " : "、");
};
