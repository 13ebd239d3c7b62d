/** The campaign context through the real command handler and the in-memory store. */
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import type { CommandEnvelope } from "../kernel/aggregate";
import { createCommandHandler, readStreamEvents } from "../kernel/command-handler";
import type { Actor } from "../kernel/envelope";
import { ChainVerifier } from "../kernel/hash-chain";
import { createMemoryStore } from "../kernel/memory-store";
import { runProjections } from "../kernel/projection";
import { campaignLedgerProjection, keyTaskList, wallChart } from "../projections/campaign/index";
import {
  type CampaignCommand,
  campaignAggregate,
  campaignEvents,
  taskElementAggregate,
  workstreamAggregate,
} from "./index";
import { assignCommand, at, ELEMENT_LEAD, LEAD_GROUP, OFFICE, referenceLaunch, WS_LEAD } from "./testing";

let n = 0;
const envelope = <C extends CampaignCommand>(command: C, actor: Actor, date: string): CommandEnvelope<C> => ({
  command,
  commandId: `cmd-${++n}`,
  actor,
  occurredAt: at(date),
});

describe("campaign through createCommandHandler(createMemoryStore())", () => {
  it("runs an element from launch to workstream closure, with related streams read by the handler", async () => {
    const store = createMemoryStore();
    const handle = createCommandHandler(store, { clock: () => new Date("2023-01-01T00:00:00Z") });
    const must = async (result: Promise<E.Either<{ code: string; message: string }, unknown>>) => {
      const r = await result;
      if (E.isLeft(r)) throw new Error(`${r.left.code}: ${r.left.message}`);
      return r.right;
    };
    await must(handle(campaignAggregate, envelope(referenceLaunch, LEAD_GROUP, "2020-04-01")));
    await must(
      handle(
        workstreamAggregate,
        envelope(
          {
            type: "DefineWorkstream",
            data: {
              code: "HC",
              campaignId: "GY",
              kind: "project",
              name: "危险化学品",
              leadUnit: "GY-EMB",
              memberUnits: ["GY-EIB"],
            },
          },
          OFFICE,
          "2020-07-14",
        ),
      ),
    );
    // Assigning before listing is refused: the handler passed the workstream's state in.
    const early = await handle(taskElementAggregate, envelope(assignCommand("HC-01"), OFFICE, "2020-07-15"));
    expect(E.isLeft(early) && early.left.code).toBe("ELEMENT_NOT_LISTED");
    await must(
      handle(
        workstreamAggregate,
        envelope(
          { type: "ListWorkstreamElements", data: { code: "HC", elements: ["HC-01"] } },
          WS_LEAD,
          "2020-07-15",
        ),
      ),
    );
    await must(handle(taskElementAggregate, envelope(assignCommand("HC-01"), OFFICE, "2020-07-15")));
    const tooEarlyClose = await handle(
      workstreamAggregate,
      envelope({ type: "CloseWorkstream", data: { code: "HC", elements: ["HC-01"] } }, OFFICE, "2020-08-01"),
    );
    expect(E.isLeft(tooEarlyClose) && tooEarlyClose.left.code).toBe("ELEMENTS_OPEN");
    await must(
      handle(
        taskElementAggregate,
        envelope({ type: "StartTaskElement", data: { code: "HC-01" } }, ELEMENT_LEAD, "2020-08-01"),
      ),
    );
    await must(
      handle(
        taskElementAggregate,
        envelope(
          {
            type: "ReportTaskCompletion",
            data: { code: "HC-01", summary: "done", evidence: [{ description: "台账", reference: "D-1" }] },
          },
          ELEMENT_LEAD,
          "2020-11-01",
        ),
      ),
    );
    await must(
      handle(
        taskElementAggregate,
        envelope(
          { type: "VerifyTaskCompletion", data: { code: "HC-01", workstream: "HC" } },
          WS_LEAD,
          "2020-11-05",
        ),
      ),
    );
    const closed = await must(
      handle(
        workstreamAggregate,
        envelope(
          { type: "CloseWorkstream", data: { code: "HC", elements: ["HC-01"] } },
          OFFICE,
          "2020-12-01",
        ),
      ),
    );
    expect(closed).toMatchObject({ stream: "workstream-HC", events: [{ type: "WorkstreamClosed" }] });

    const task = await readStreamEvents(store, "task-HC-01");
    expect(task.map((e) => e.type)).toEqual([
      "TaskElementAssigned",
      "TaskElementStarted",
      "TaskCompletionReported",
      "TaskCompletionVerified",
    ]);
    expect(task[3]?.metadata.actor).toEqual(WS_LEAD);
    const verifier = new ChainVerifier("task-HC-01");
    expect(task.flatMap((e) => verifier.check(e))).toEqual([]);

    const { models } = await runProjections(store, campaignEvents, [campaignLedgerProjection]);
    expect(wallChart(models[0], "2020-12-01").total.byStatus.Verified).toBe(1);
    expect(keyTaskList(models[0], "2020-10-01").map((r) => r.state)).toEqual(["InProgress"]);
    const asOf = await runProjections(store, campaignEvents, [campaignLedgerProjection], {
      slice: { asOf: "2020-10-01" },
    });
    expect(keyTaskList(asOf.models[0], "2020-10-01")).toEqual(keyTaskList(models[0], "2020-10-01"));
  });

  it("rejections and repeated command ids append nothing", async () => {
    const store = createMemoryStore();
    const handle = createCommandHandler(store);
    const launch = envelope(referenceLaunch, LEAD_GROUP, "2020-04-01");
    await handle(campaignAggregate, launch);
    const again = await handle(campaignAggregate, launch);
    expect(E.isRight(again) && again.right.duplicate).toBe(true);
    const denied = await handle(
      campaignAggregate,
      envelope(
        { type: "AdvanceStage", data: { campaignId: "GY", stage: "investigation" } },
        ELEMENT_LEAD,
        "2020-06-01",
      ),
    );
    expect(E.isLeft(denied) && denied.left.code).toBe("PERMISSION_DENIED");
    expect(store.size).toBe(1);
  });
});
