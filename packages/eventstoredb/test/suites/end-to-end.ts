/**
 * A small domain flow through the core command handler onto EventStoreDB (over the wire), a
 * projection rebuilt from `$all` with `runProjections`, and every stream's hash chain verified.
 * The aggregate is a tiny one of this test's own (site inspections and their findings).
 */
import {
  type Aggregate,
  ChainVerifier,
  createCommandHandler,
  type Decider,
  defineEvent,
  domainError,
  EventRegistry,
  type Projection,
  runProjections,
  type StoredEvent,
} from "@safety-ledger/core";
import { collect } from "@safety-ledger/testkit";
import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEventStoreDbStore } from "../../src/index";
import { type ClientPackage, targetsFor } from "../targets";

type InspectionCommand =
  | { readonly type: "OpenInspection"; readonly data: { readonly id: string; readonly site: string } }
  | { readonly type: "RecordFinding"; readonly data: { readonly id: string; readonly finding: string } }
  | { readonly type: "CloseInspection"; readonly data: { readonly id: string } };

const InspectionOpened = defineEvent("InspectionOpened", t.type({ site: t.string }));
const FindingRecorded = defineEvent("FindingRecorded", t.type({ finding: t.string }));
const InspectionClosed = defineEvent("InspectionClosed", t.type({ findings: t.number }));
const inspectionEvents = EventRegistry.of(InspectionOpened, FindingRecorded, InspectionClosed);
type InspectionEvent =
  | { readonly type: "InspectionOpened"; readonly data: { site: string } }
  | { readonly type: "FindingRecorded"; readonly data: { finding: string } }
  | { readonly type: "InspectionClosed"; readonly data: { findings: number } };

type InspectionState = { readonly status: "none" | "open" | "closed"; readonly findings: number };

const decider: Decider<InspectionCommand, InspectionState, InspectionEvent> = {
  initialState: { status: "none", findings: 0 },
  decide: (command, state) => {
    switch (command.type) {
      case "OpenInspection":
        return state.status === "none"
          ? E.right([{ type: "InspectionOpened", data: { site: command.data.site } }])
          : E.left(domainError("ALREADY_OPEN", "The inspection is already open."));
      case "RecordFinding":
        return state.status === "open"
          ? E.right([{ type: "FindingRecorded", data: { finding: command.data.finding } }])
          : E.left(domainError("NOT_OPEN", "Findings are recorded on an open inspection only."));
      case "CloseInspection":
        return state.status === "open"
          ? E.right([{ type: "InspectionClosed", data: { findings: state.findings } }])
          : E.left(domainError("NOT_OPEN", "Only an open inspection can be closed."));
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case "InspectionOpened":
        return { status: "open", findings: 0 };
      case "FindingRecorded":
        return { ...state, findings: state.findings + 1 };
      case "InspectionClosed":
        return { ...state, status: "closed" };
    }
  },
};

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const category = `inspection${run}`;

const inspection: Aggregate<InspectionCommand, InspectionState, InspectionEvent> = {
  category,
  decider,
  events: inspectionEvents as EventRegistry<InspectionEvent>,
  commands: {
    OpenInspection: t.type({ id: t.string, site: t.string }),
    RecordFinding: t.type({ id: t.string, finding: t.string }),
    CloseInspection: t.type({ id: t.string }),
  },
  streamOf: (command) => `${category}-${command.data.id}`,
};

const findingsBySite: Projection<Record<string, number>, InspectionEvent> = {
  name: "findings-by-site",
  init: {},
  filter: { streamPrefixes: [`${category}-`] },
  apply: (model, { event, meta }) => {
    if (event.type !== "FindingRecorded") return model;
    const site = meta.stream.slice(category.length + 1).split("_")[0]!;
    return { ...model, [site]: (model[site] ?? 0) + 1 };
  },
};

const actor = { unit: "GY-EMB", role: "inspector", person: "Wang" };
let n = 0;
const envelope = (command: InspectionCommand) => ({
  command,
  commandId: `cmd-${run}-${n++}`,
  actor,
  occurredAt: "2020-07-14T09:00:00+08:00",
});

export const endToEndSuite = (client: ClientPackage): void => {
  for (const target of targetsFor(client)) {
    describe(`end to end on ${target.name}`, () => {
      let url = "";
      beforeAll(async () => {
        url = await target.start();
      });
      afterAll(() => target.stop());

      it("commands → events → projection rebuilt from $all → every hash chain verifies", async () => {
        const store = createEventStoreDbStore({ connectionString: url }, { pageSize: 7 });
        try {
          const handle = createCommandHandler(store);
          const ids = ["mine_1", "mine_2", "quarry_1"];
          for (const id of ids) {
            const opened = await handle(
              inspection,
              envelope({ type: "OpenInspection", data: { id, site: id } }),
            );
            expect(E.isRight(opened)).toBe(true);
          }
          for (let i = 0; i < 5; i++)
            for (const id of ids)
              expect(
                E.isRight(
                  await handle(
                    inspection,
                    envelope({ type: "RecordFinding", data: { id, finding: `f${i}` } }),
                  ),
                ),
              ).toBe(true);
          const closed = await handle(
            inspection,
            envelope({ type: "CloseInspection", data: { id: "quarry_1" } }),
          );
          expect(E.isRight(closed) && closed.right.revision).toBe(6);
          const rejected = await handle(
            inspection,
            envelope({ type: "RecordFinding", data: { id: "quarry_1", finding: "late" } }),
          );
          expect(E.isLeft(rejected) && rejected.left.code).toBe("NOT_OPEN");
          // a repeated command id appends nothing
          const again = envelope({ type: "RecordFinding", data: { id: "mine_1", finding: "dup" } });
          await handle(inspection, again);
          const duplicate = await handle(inspection, again);
          expect(E.isRight(duplicate) && duplicate.right.duplicate).toBe(true);

          const { models, stamp } = await runProjections(store, inspectionEvents, [findingsBySite] as const);
          expect(models[0]).toEqual({ mine: 11, quarry: 5 });
          // 3 opened + 16 findings + 1 closed (more on a shared real server: earlier runs count too)
          expect(stamp.events).toBeGreaterThanOrEqual(20);

          // a second store (a fresh process, in effect) rebuilds the same read model
          const other = createEventStoreDbStore({ connectionString: url });
          try {
            const rebuilt = await runProjections(other, inspectionEvents, [findingsBySite] as const);
            expect(rebuilt.models[0]).toEqual(models[0]);
          } finally {
            await other.close();
          }

          for (const id of ids) {
            const stream = `${category}-${id}`;
            const events: StoredEvent[] = await collect(store.readStream(stream));
            const verifier = new ChainVerifier(stream);
            expect(events.flatMap((e) => verifier.check(e))).toEqual([]);
            expect(verifier.events).toBe(events.length);
          }
          // the audit trail is in EventStoreDB itself: read one event with the raw layout
          const [first] = await collect(store.readStream(`${category}-mine_1`, { maxCount: 1 }));
          expect(first?.metadata).toMatchObject({ actor, commandType: "OpenInspection" });
        } finally {
          await store.close();
        }
      });
    });
  }
};
