/** The accident aggregate: streams `accident-<id>`; a report with an entity reads it (`related`). */
import type { Aggregate } from "../kernel/aggregate";
import type { EventRegistry } from "../kernel/codec-registry";
import type { Transition } from "../kernel/markdown";
import { relatedEntityStream } from "../supervision/aggregates";
import { type AccidentCommand, accidentCommandCodecs } from "./commands";
import { accidentDecider } from "./decider";
import { type AccidentEvent, accidentEvents } from "./events";
import type { AccidentState } from "./state";

export const accidentStream = (accidentId: string): string => `accident-${accidentId}`;

export const accidentAggregate: Aggregate<AccidentCommand, AccidentState, AccidentEvent> = {
  category: "accident",
  decider: accidentDecider,
  events: accidentEvents as EventRegistry<AccidentEvent>,
  commands: accidentCommandCodecs,
  streamOf: (command) => accidentStream(command.data.accidentId),
  related: (command) =>
    command.type === "ReportAccident" && command.data.entityId != null
      ? [relatedEntityStream(command.data.entityId)]
      : [],
};

const WHO = "the enterprise itself, its supervising department, office, lead group";

export const accidentTransitions: ReadonlyArray<Transition> = [
  { from: "(none)", command: "ReportAccident", to: "Reported", by: WHO },
  {
    from: "Reported",
    command: "ReviseAccidentCasualties",
    to: "Reported",
    by: `${WHO}; within 30 days (7 for road traffic and fire)`,
  },
  {
    from: "Reported",
    command: "ConcludeAccidentInvestigation",
    to: "Concluded",
    by: "supervising department, office, lead group (with the figures the investigation established)",
  },
  {
    from: "Reported",
    command: "CorrectAccidentReport",
    to: "Reported",
    by: "the entering unit or a unit above it",
  },
  {
    from: "Reported",
    command: "WithdrawAccidentReport",
    to: "Withdrawn",
    by: "the entering unit or a unit above it",
  },
];
