/** A tiny aggregate for the kernel's own tests: a counter that only goes up to a limit. */
import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import type { Aggregate } from "../aggregate";
import { defineEvent, EventRegistry } from "../codec-registry";
import type { Decider } from "../decider";
import { domainError } from "../errors";

export type CounterCommand =
  | { readonly type: "Increment"; readonly data: { readonly id: string; readonly by: number } }
  | { readonly type: "Reset"; readonly data: { readonly id: string } };

export const Incremented = defineEvent("Incremented", t.type({ by: t.number, total: t.number }));
export const WasReset = defineEvent("WasReset", t.type({ from: t.number }));
export const counterEvents = EventRegistry.of(Incremented, WasReset);
export type CounterEvent =
  | { readonly type: "Incremented"; readonly data: { by: number; total: number } }
  | { readonly type: "WasReset"; readonly data: { from: number } };

export const LIMIT = 1_000_000;

export const counterDecider: Decider<CounterCommand, number, CounterEvent> = {
  initialState: 0,
  decide: (command, total) => {
    switch (command.type) {
      case "Increment":
        return total + command.data.by > LIMIT
          ? E.left(domainError("LIMIT", `The counter may not pass ${LIMIT}.`, "by"))
          : E.right([{ type: "Incremented", data: { by: command.data.by, total: total + command.data.by } }]);
      case "Reset":
        return E.right(total === 0 ? [] : [{ type: "WasReset", data: { from: total } }]);
    }
  },
  evolve: (_total, event) => (event.type === "Incremented" ? event.data.total : 0),
};

export const counterAggregate: Aggregate<CounterCommand, number, CounterEvent> = {
  category: "counter",
  decider: counterDecider,
  events: counterEvents as EventRegistry<CounterEvent>,
  commands: {
    Increment: t.type({ id: t.string, by: t.number }),
    Reset: t.type({ id: t.string }),
  },
  streamOf: (command) => `counter-${command.data.id}`,
};

/** A command envelope incrementing counter `id` by `by`, for the kernel's tests. */
export const incrementEnvelope = (commandId: string, by = 1, id = "a") => ({
  command: { type: "Increment" as const, data: { id, by } },
  commandId,
  actor: { unit: "GY-EMB", role: "office", person: "Li" },
  occurredAt: "2020-07-14T09:00:00+08:00",
});
