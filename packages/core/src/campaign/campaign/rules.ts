/** The rules of a campaign's plan: its span and its four stages. */
import * as E from "fp-ts/lib/Either.js";
import { type DomainError, domainError } from "../../kernel/errors";
import { CAMPAIGN_STAGES } from "../stages";
import { addDays } from "../values";
import type { CampaignStage } from "./events";

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
  if (span.start > span.end)
    return E.left(
      domainError("CAMPAIGN_SPAN_INVALID", "The campaign must end on or after the day it starts.", "end"),
    );
  if (stages.length !== CAMPAIGN_STAGES.length)
    return E.left(
      domainError(
        "STAGE_COUNT",
        `A campaign has exactly ${CAMPAIGN_STAGES.length} stages (${CAMPAIGN_STAGES.map((s) => s.key).join(", ")}); ${stages.length} were given.`,
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
        domainError(
          "STAGE_ORDER",
          `CampaignStage ${i + 1} must be "${expected.key}" (${expected.name}), not "${stage.key}": the stages are ${CAMPAIGN_STAGES.map((s) => s.key).join(" → ")}.`,
          `${field}.key`,
        ),
      );
    if (stage.start > stage.end)
      return E.left(
        domainError(
          "STAGE_DATES_INVALID",
          `CampaignStage ${stage.key} ends (${stage.end}) before it starts (${stage.start}).`,
          `${field}.end`,
        ),
      );
    if (stage.start < span.start || stage.end > span.end)
      return E.left(
        domainError(
          "STAGE_OUTSIDE_SPAN",
          `CampaignStage ${stage.key} (${stage.start}..${stage.end}) must lie inside the campaign (${span.start}..${span.end}).`,
          field,
        ),
      );
    const previous = out[i - 1];
    if (previous !== undefined && stage.start !== addDays(previous.end, 1))
      return E.left(
        domainError(
          stage.start <= previous.end ? "STAGES_OVERLAP" : "STAGES_NOT_CONTIGUOUS",
          `CampaignStage ${stage.key} must start on ${addDays(previous.end, 1)}, the day after ${previous.key} ends; it starts on ${stage.start}.`,
          `${field}.start`,
        ),
      );
    out.push({ key: stage.key, name: stage.name ?? expected.name, start: stage.start, end: stage.end });
  }
  return E.right(out);
};
