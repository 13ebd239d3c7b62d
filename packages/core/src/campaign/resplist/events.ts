/** Events of a responsibility list stream `resplist-<id>` (基础安全生产责任清单). */
import * as t from "io-ts";
import { defineEvent, type EventOf, EventRegistry } from "../../kernel/codec-registry";
import { CampaignActorCodec } from "../task/events";
import { Code, DateString, EvidenceCodec, NonEmptyString, PeriodKindCodec } from "../values";

export const ResponsibilityTierCodec = t.keyof({
  city: null,
  county: null,
  township: null,
  enterprise: null,
});
export type ResponsibilityTier = t.TypeOf<typeof ResponsibilityTierCodec>;

const PositiveInt = t.refinement(t.number, (n) => Number.isInteger(n) && n >= 1, "PositiveInteger");

/** One row of the list: who must do what, how often, proven how, on what legal basis. */
export const ResponsibilityItemCodec = t.type({
  itemId: Code,
  /** The responsible party: a unit (or enterprise) id and the post within it. */
  subject: t.type({ unit: NonEmptyString, post: NonEmptyString }),
  tier: ResponsibilityTierCodec,
  duty: NonEmptyString,
  legalBasis: NonEmptyString,
  /** Measurable requirement: at least `count` performances each `per` (e.g. 2 a year). */
  requirement: t.type({ count: PositiveInt, per: PeriodKindCodec }),
  evidenceKind: NonEmptyString,
  accountability: NonEmptyString,
});
export type ResponsibilityItem = t.TypeOf<typeof ResponsibilityItemCodec>;

export const ResponsibilityListPublished = defineEvent(
  "ResponsibilityListPublished",
  t.type({
    listId: t.string,
    title: t.string,
    version: t.number,
    effectiveFrom: DateString,
    items: t.array(ResponsibilityItemCodec),
    on: DateString,
  }),
);
export const ResponsibilityListRevised = defineEvent(
  "ResponsibilityListRevised",
  t.type({
    listId: t.string,
    version: t.number,
    effectiveFrom: DateString,
    items: t.array(ResponsibilityItemCodec),
    reason: t.string,
    on: DateString,
  }),
);
export const DutyPerformed = defineEvent(
  "DutyPerformed",
  t.type({
    listId: t.string,
    itemId: t.string,
    /** The list version in force on `performedOn`. */
    version: t.number,
    performedOn: DateString,
    evidence: t.array(EvidenceCodec),
    note: t.string,
    recordedBy: CampaignActorCodec,
    on: DateString,
  }),
);

export const responsibilityListEvents = EventRegistry.of(
  ResponsibilityListPublished,
  ResponsibilityListRevised,
  DutyPerformed,
);

export type ResponsibilityListEvent =
  | EventOf<typeof ResponsibilityListPublished>
  | EventOf<typeof ResponsibilityListRevised>
  | EventOf<typeof DutyPerformed>;
