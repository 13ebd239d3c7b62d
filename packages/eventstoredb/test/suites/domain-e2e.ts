/**
 * The ledger's own domain through the adapter, over the real client and the real wire: a
 * campaign (launch, workstream, listed elements, an element assigned, started, reported and
 * verified) and a hazard closure (entity registered and activated, a self-inspection hazard
 * registered, rectified and accepted by another person), every command in its JSON form through
 * `decodeCommandJson` and `createCommandHandler`, with the actors the permission rules expect.
 * Then the read models are rebuilt from the store alone (`runProjections`), and the hash chains
 * and the seal are verified (`verifyStore`, `verifyLedger`).
 *
 * Ids carry a per-run suffix, so the same test can run on a shared real server.
 */
import {
  campaignEvents,
  campaignLedgerProjection,
  createCommandHandler,
  decodeCommandJson,
  hazardList,
  keyTaskList,
  REFERENCE_CAMPAIGN_SPAN,
  REFERENCE_STAGE_DATES,
  ROLES,
  runProjections,
  sealLedger,
  supervisionLedgerEvents,
  supervisionProjection,
  verifyLedger,
  verifyStore,
  wallChart,
} from "@safety-ledger/core";
import { collect } from "@safety-ledger/testkit";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEventStoreDbStore } from "../../src/index";
import { announceSkippedRealServer, type ClientPackage, targetsFor } from "../targets";

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`.toUpperCase();

// Who acts: units and roles as reference/roles.ts and the permissions of each context define them.
const leadGroup = { unit: "GY-GOV", role: ROLES.leadGroup, person: "Deputy Mayor Zhang" };
const office = { unit: "GY-SAFETY-OFFICE", role: ROLES.office, person: "Clerk Chen" };
const wsLead = { unit: "GY-EMB", role: ROLES.department, person: "Director Liu" }; // leads the workstream
const elementLead = { unit: "GY-EIB", role: ROLES.department, person: "Section chief Chen" };
const supervisor = { unit: "GY-EMB", role: ROLES.department, person: "Inspector Zhang" };
const entityId = `E-${run}`;
const manager = { unit: entityId, role: ROLES.enterprise, person: "Safety manager Li" };
const principal = { unit: entityId, role: ROLES.enterprise, person: "Principal Wang" };

const campaignId = `GY-${run}`;
const ws = `HC-${run}`;
const el = (n: string) => `${ws}-${n}`;
const hazardId = `H-${run}`;

let n = 0;
const json = (type: string, data: object, actor: object, date: string) => ({
  type,
  commandId: `e2e-${run}-${++n}`,
  actor,
  occurredAt: `${date}T10:00:00+08:00`,
  data,
});

const campaignCommands = [
  json(
    "LaunchCampaign",
    {
      campaignId,
      name: "广元市安全生产专项整治三年行动",
      start: REFERENCE_CAMPAIGN_SPAN.start,
      end: REFERENCE_CAMPAIGN_SPAN.end,
      stages: REFERENCE_STAGE_DATES.map((s) => ({ ...s })),
    },
    leadGroup,
    "2020-04-01",
  ),
  json("AdvanceStage", { campaignId, stage: "investigation" }, office, "2020-06-01"),
  json(
    "DefineWorkstream",
    {
      code: ws,
      campaignId,
      kind: "project",
      name: "危险化学品",
      leadUnit: wsLead.unit,
      memberUnits: [elementLead.unit, "GY-MPS"],
    },
    office,
    "2020-07-14",
  ),
  json("ListWorkstreamElements", { code: ws, elements: [el("01"), el("02")] }, wsLead, "2020-07-15"),
  ...["01", "02"].map((code) =>
    json(
      "AssignTaskElement",
      {
        code: el(code),
        campaignId,
        workstream: ws,
        task: "危险化学品企业安全风险隐患排查治理",
        element: `要素 ${code}`,
        leadUnit: elementLead.unit,
        coUnits: ["GY-MPS"],
        deadline: "2020-12-31",
        stage: "investigation",
        deliverable: "排查台账",
      },
      office,
      "2020-07-15",
    ),
  ),
  json("StartTaskElement", { code: el("01") }, elementLead, "2020-08-01"),
  json("StartTaskElement", { code: el("02") }, elementLead, "2020-08-01"),
  json(
    "ReportTaskCompletion",
    {
      code: el("01"),
      summary: "all 37 enterprises inspected",
      evidence: [{ description: "台账", reference: "D-1" }],
    },
    elementLead,
    "2020-11-01",
  ),
  json(
    "VerifyTaskCompletion",
    { code: el("01"), workstream: ws, note: "checked on site" },
    wsLead,
    "2020-11-05",
  ),
];

const hazardCommands = [
  json(
    "RegisterEntity",
    {
      entityId,
      name: "Guangyuan Example Chemical Co. (illustrative)",
      sector: "hazardous-chemicals",
      district: "lizhou",
      supervisingDepartment: supervisor.unit,
      principal: { name: principal.person },
      safetyManager: { name: manager.person },
    },
    supervisor,
    "2020-07-01",
  ),
  json("ActivateEntity", { entityId }, supervisor, "2020-07-02"),
  json(
    "RegisterHazard",
    {
      hazardId,
      entityId,
      source: "self-inspection",
      grade: "general",
      description: "blocked fire exit in the packing hall",
      discoveredOn: "2020-07-13",
      deadline: "2020-07-20",
    },
    manager,
    "2020-07-13",
  ),
  json(
    "RecordRectification",
    { hazardId, entityId, measures: "exit cleared, signage renewed" },
    manager,
    "2020-07-16",
  ),
  // acceptance is never by the person who rectified
  json("AcceptHazard", { hazardId, entityId, note: "checked" }, principal, "2020-07-17"),
];

export const domainEndToEndSuite = (client: ClientPackage): void => {
  announceSkippedRealServer(client);
  for (const target of targetsFor(client)) {
    describe(`the domain end to end on ${target.name}`, () => {
      let url = "";
      beforeAll(async () => {
        url = await target.start();
      });
      afterAll(() => target.stop());

      it("a campaign and a hazard closure → read models rebuilt from the store → chains and seal verify", async () => {
        const store = createEventStoreDbStore({ connectionString: url }, { pageSize: 5 });
        try {
          const handle = createCommandHandler(store);
          const submit = async (command: ReturnType<typeof json>) => {
            const decoded = decodeCommandJson(command);
            if (E.isLeft(decoded)) throw new Error(`${command.type}: ${decoded.left.message}`);
            return handle(decoded.right.aggregate, decoded.right.envelope);
          };
          for (const command of [...campaignCommands, ...hazardCommands]) {
            const outcome = await submit(command);
            if (E.isLeft(outcome)) throw new Error(`${command.type} was rejected: ${outcome.left.message}`);
            expect(outcome.right.duplicate).toBe(false);
            expect(outcome.right.events.length).toBeGreaterThan(0);
          }

          // the permission rules hold over the wire: the element's lead unit may not verify itself
          const selfVerify = await submit(
            json("VerifyTaskCompletion", { code: el("02"), workstream: ws }, elementLead, "2020-11-06"),
          );
          expect(E.isLeft(selfVerify) && selfVerify.left.code).toBe("PERMISSION_DENIED");
          // a repeated command id appends nothing
          const again = await submit(campaignCommands[0]!);
          expect(E.isRight(again) && again.right.duplicate).toBe(true);

          expect((await collect(store.readStream(`task-${el("01")}`))).map((e) => e.type)).toEqual([
            "TaskElementAssigned",
            "TaskElementStarted",
            "TaskCompletionReported",
            "TaskCompletionVerified",
          ]);
          expect(
            (await collect(store.readStream(`hazard-${hazardId}`))).map((e) => e.metadata.actor),
          ).toEqual([manager, manager, principal]);

          // read models from the store alone, in a fresh store (a new process, in effect)
          const reader = createEventStoreDbStore({ connectionString: url });
          try {
            const campaign = await runProjections(reader, campaignEvents, [
              campaignLedgerProjection,
            ] as const);
            const chart = wallChart(campaign.models[0], "2020-12-01");
            const mine = chart.byWorkstream.find((c) => c.key === ws);
            expect(mine).toMatchObject({
              total: 2,
              byStatus: { Verified: 1, InProgress: 1 },
              completionRate: 0.5,
              verificationRate: 0.5,
            });
            expect(chart.campaigns).toContainEqual(
              expect.objectContaining({
                campaignId,
                status: expect.any(String),
                currentStage: "investigation",
              }),
            );
            expect(
              keyTaskList(campaign.models[0], "2020-12-01")
                .filter((r) => r.code.startsWith(ws))
                .map((r) => [r.code, r.state]),
            ).toEqual([
              [el("01"), "Verified"],
              [el("02"), "InProgress"],
            ]);

            const supervision = await runProjections(reader, supervisionLedgerEvents, [
              supervisionProjection,
            ] as const);
            const hazards = hazardList(supervision.models[0], "2020-08-01").filter(
              (h) => h.entityId === entityId,
            );
            expect(hazards).toEqual([
              expect.objectContaining({
                hazardId,
                status: "Closed",
                procedure: "general",
                source: "self-inspection",
                sector: "hazardous-chemicals",
                supervisingDepartment: supervisor.unit,
                closedOn: "2020-07-17",
                overdue: false,
              }),
            ]);
            // the read model says which state of the ledger it reflects
            expect(supervision.stamp.position).toBeDefined();
            expect(supervision.stamp.lastHash).toMatch(/^[0-9a-f]{64}$/);
          } finally {
            await reader.close();
          }

          // every hash chain in the store verifies; then a seal, and the ledger verifies with it
          const chains = await verifyStore(store);
          expect(chains.problems).toEqual([]);
          expect(chains.events).toBeGreaterThanOrEqual(campaignCommands.length + hazardCommands.length);
          const sealed = await sealLedger(store, { actor: office, occurredAt: "2020-12-31T18:00:00+08:00" });
          if (E.isLeft(sealed)) throw new Error(sealed.left.message);
          const ledger = await verifyLedger(store);
          expect(ledger.problems).toEqual([]);
          expect(ledger.ok).toBe(true);
          expect(ledger.seals).toBeGreaterThanOrEqual(1);
        } finally {
          await store.close();
        }
      });
    });
  }
};
