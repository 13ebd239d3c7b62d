/** Commands of the responsibility list aggregate, with the codecs of their data. */
import * as t from "io-ts";
import type { DomainCommand } from "../../kernel/decider";
import { Code, DateString, EvidenceCodec, NonEmptyString, nonEmptyArray } from "../values";
import { ResponsibilityItemCodec } from "./events";

const Items = nonEmptyArray(ResponsibilityItemCodec, "items (at least one)");

export const responsibilityListCommandCodecs = {
  PublishResponsibilityList: t.type({
    listId: Code,
    title: NonEmptyString,
    effectiveFrom: DateString,
    items: Items,
  }),
  ReviseResponsibilityList: t.type({
    listId: Code,
    effectiveFrom: DateString,
    items: Items,
    reason: NonEmptyString,
  }),
  RecordDutyPerformance: t.intersection([
    t.type({
      listId: Code,
      itemId: Code,
      performedOn: DateString,
      evidence: nonEmptyArray(EvidenceCodec, "evidence (at least one)"),
    }),
    t.partial({ note: t.string }),
  ]),
};

type Codecs = typeof responsibilityListCommandCodecs;
export type ResponsibilityListCommand = {
  [K in keyof Codecs]: DomainCommand<K, t.TypeOf<Codecs[K]>>;
}[keyof Codecs];
