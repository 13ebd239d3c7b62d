/** The rules of a campaign's plan: its span and its four stages. */
import * as E from "fp-ts/lib/Either.js";
import { errorsOf } from "../../kernel/error-texts";
import type { DomainError } from "../../kernel/errors";
import { CAMPAIGN_STAGES } from "../stages";
import { addDays } from "../values";
import { CAMPAIGN_ERROR_TEXTS } from "./campaign-error-texts";
import type { CampaignStage } from "./events";

const { error: campaignError } = errorsOf(CAMPAIGN_ERROR_TEXTS);

export interface StageInput {
  readonly key: string;
  readonly name?: string;
  readonly start: string;
  readonly end: string;
}

/**
 * The stages of a campaign must be exactly the four of `CAMPAIGN_STAGES`, in order, each
 * starting on or before its end, contiguous (each starts the day after the one before ends)
 * and inside the campaign's span.
 */
export const checkStages = (
  span: { readonly start: string; readonly end: string },
  stages: ReadonlyArray<StageInput>,
): E.Either<DomainError, ReadonlyArray<CampaignStage>> => {
  if (span.start > span.end) return E.left(campaignError("CAMPAIGN_SPAN_INVALID", {}, "end"));
  if (stages.length !== CAMPAIGN_STAGES.length)
    return E.left(
      campaignError(
        "STAGE_COUNT",
        {
          expected: CAMPAIGN_STAGES.length,
          keys: CAMPAIGN_STAGES.map((s) => s.key).join(", "),
          given: stages.length,
        },
        "stages",
      ),
    );
  const out: CampaignStage[] = [];
  for (let i = 0; i < stages.length; i++) {
    const stage = stages[i]!;
    const expected = CAMPAIGN_STAGES[i]!;
    const field = `stages.${i}`;
    if (stage.key !== expected.key)
      return E.left(
        campaignError(
          "STAGE_ORDER",
          {
            position: i + 1,
            expectedKey: expected.key,
            expectedName: expected.name,
            given: stage.key,
            order: CAMPAIGN_STAGES.map((s) => s.key).join(" → "),
          },
          `${field}.key`,
        ),
      );
    if (stage.start > stage.end)
      return E.left(
        campaignError(
          "STAGE_DATES_INVALID",
          { key: stage.key, end: stage.end, start: stage.start },
          `${field}.end`,
        ),
      );
    if (stage.start < span.start || stage.end > span.end)
      return E.left(
        campaignError(
          "STAGE_OUTSIDE_SPAN",
          {
            key: stage.key,
            start: stage.start,
            end: stage.end,
            campaignStart: span.start,
            campaignEnd: span.end,
          },
          field,
        ),
      );
    const previous = out[i - 1];
    if (previous !== undefined && stage.start !== addDays(previous.end, 1))
      return E.left(
        campaignError(
          stage.start <= previous.end ? "STAGES_OVERLAP" : "STAGES_NOT_CONTIGUOUS",
          { key: stage.key, due: addDays(previous.end, 1), previous: previous.key, start: stage.start },
          `${field}.start`,
        ),
      );
    out.push({ key: stage.key, name: stage.name ?? expected.name, start: stage.start, end: stage.end });
  }
  return E.right(out);
};
