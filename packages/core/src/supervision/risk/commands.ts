/** Commands of the risk aggregate. Every command names the entity, so its scope can be checked. */
import * as t from "io-ts";
import type { DomainCommand } from "../../kernel/decider";
import { reason } from "../../kernel/input-issue-texts";
import { issueFailure } from "../../kernel/io";
import { LEC_C_VALUES, LEC_E_VALUES, LEC_L_VALUES } from "../../reference/risk-bands";
import { Code, NonEmptyString, nonEmptyArray, PersonCodec } from "../values";
import { AssessmentStageCodec } from "./events";

const oneOf = (values: ReadonlyArray<number>, name: string) =>
  new t.Type<number, number, unknown>(
    name,
    (u): u is number => typeof u === "number" && values.includes(u),
    (u, c) =>
      typeof u === "number" && values.includes(u)
        ? t.success(u)
        : issueFailure(u, c, reason("INPUT_NOT_ONE_OF", { values: values.join(", ") })),
    t.identity,
  );

const WholeFrom1 = new t.Type<number, number, unknown>(
  "1..size",
  (u): u is number => typeof u === "number" && Number.isInteger(u) && u >= 1,
  (u, c) =>
    typeof u === "number" && Number.isInteger(u) && u >= 1
      ? t.success(u)
      : issueFailure(u, c, reason("INPUT_NOT_WHOLE_FROM_1", {})),
  t.identity,
);

export const LecInputCodec = t.type({
  l: oneOf(LEC_L_VALUES, "L"),
  e: oneOf(LEC_E_VALUES, "E"),
  c: oneOf(LEC_C_VALUES, "C"),
});
export const MatrixInputCodec = t.type({ likelihood: WholeFrom1, severity: WholeFrom1 });
export const ControlsCodec = t.type({
  measures: nonEmptyArray(NonEmptyString, "measures (at least one)"),
  responsiblePerson: PersonCodec,
});

const Ids = { riskId: Code, entityId: Code };

export const riskCommandCodecs = {
  IdentifyRisk: t.intersection([
    t.type({ ...Ids, name: NonEmptyString }),
    t.partial({ location: t.string, description: t.string }),
  ]),
  AssessRisk: t.intersection([
    t.type({ ...Ids, stage: AssessmentStageCodec }),
    t.partial({
      lec: LecInputCodec,
      matrix: MatrixInputCodec,
      controls: ControlsCodec,
      reason: NonEmptyString,
    }),
  ]),
  SetRiskControls: t.intersection([t.type(Ids), ControlsCodec]),
  RetireRisk: t.type({ ...Ids, reason: NonEmptyString }),
};

type Codecs = typeof riskCommandCodecs;
export type RiskCommand = {
  [K in keyof Codecs]: DomainCommand<K, t.TypeOf<Codecs[K]>>;
}[keyof Codecs];
