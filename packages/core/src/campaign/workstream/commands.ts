/** Commands of the workstream aggregate, with the codecs of their data. */
import * as t from "io-ts";
import type { DomainCommand } from "../../kernel/decider";
import { Code, NonEmptyString, nonEmptyArray } from "../values";
import { WorkstreamKindCodec } from "./events";

export const workstreamCommandCodecs = {
  DefineWorkstream: t.intersection([
    t.type({
      code: Code,
      campaignId: Code,
      kind: WorkstreamKindCodec,
      name: NonEmptyString,
      leadUnit: NonEmptyString,
      memberUnits: t.array(NonEmptyString),
    }),
    /** The special working class (工作专班); defaults to the workstream's name. */
    t.partial({ workingClass: t.string }),
  ]),
  ChangeWorkstreamUnits: t.type({
    code: Code,
    leadUnit: NonEmptyString,
    memberUnits: t.array(NonEmptyString),
    reason: NonEmptyString,
  }),
  ListWorkstreamElements: t.type({
    code: Code,
    elements: nonEmptyArray(Code, "element codes (at least one)"),
  }),
  DelistWorkstreamElement: t.type({ code: Code, element: Code, reason: NonEmptyString }),
  /** `elements` must name every element listed in the workstream; their task streams are read. */
  CloseWorkstream: t.type({ code: Code, elements: t.array(Code) }),
};

type Codecs = typeof workstreamCommandCodecs;
export type WorkstreamCommand = {
  [K in keyof Codecs]: DomainCommand<K, t.TypeOf<Codecs[K]>>;
}[keyof Codecs];
