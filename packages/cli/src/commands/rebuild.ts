/**
 * `rebuild`: replay the whole store through every read model (the campaign ledger and the
 * supervision model) in one pass, and print what they hold and the stamp they reflect.
 */
import {
  type CampaignLedgerModel,
  campaignLedgerProjection,
  type EventStore,
  ledgerEvents,
  runProjections,
  type SupervisionModel,
  supervisionProjection,
} from "@safety-ledger/core";
import { noteBrokenLinks } from "../broken-links";
import { type Io, progress, table, toJson } from "../output";
import { stampOf } from "../read-models";

/** The last position in the store, to scale the progress bar (positions only ever grow). */
const headPosition = async (store: EventStore): Promise<bigint | undefined> => {
  for await (const e of store.readAll({ direction: "backwards", maxCount: 1 })) return e.position;
  return undefined;
};

export const rebuild = async (store: EventStore, io: Io, json: boolean): Promise<number> => {
  const started = Date.now();
  const head = io.interactive ? await headPosition(store) : undefined;
  const bar = progress(io, "replaying", head === undefined ? 0 : Number(head));
  let read = 0;
  let last = 0n;
  const { models, stamp, brokenLinks } = await runProjections(
    store,
    ledgerEvents,
    [campaignLedgerProjection, supervisionProjection] as const,
    {
      onEvent: (position) => {
        read += 1;
        if (head !== undefined) {
          bar.tick(Number(position - last));
          last = position;
        }
      },
    },
  ).finally(() => bar.stop());
  noteBrokenLinks(store, brokenLinks);
  const campaign = models[0] as CampaignLedgerModel;
  const supervision = models[1] as SupervisionModel;
  const report = {
    events: read,
    projected: stamp.events,
    campaign: {
      campaigns: campaign.campaigns.size,
      workstreams: campaign.workstreams.size,
      tasks: campaign.tasks.size,
      responsibilityLists: campaign.responsibilityLists.size,
    },
    supervision: {
      entities: Object.keys(supervision.entities).length,
      risks: Object.keys(supervision.risks).length,
      hazards: Object.keys(supervision.hazards).length,
      accidents: Object.keys(supervision.accidents).length,
    },
    stamp: { position: stampOf(stamp).position, lastHash: stampOf(stamp).lastHash },
    milliseconds: Date.now() - started,
  };
  if (json) io.out(toJson(report));
  else {
    io.out(
      `Replayed ${report.events} events (${report.projected} into read models) in ${report.milliseconds} ms.`,
    );
    io.out(
      table(
        ["read model", "streams"],
        [
          ["campaigns", report.campaign.campaigns],
          ["workstreams", report.campaign.workstreams],
          ["task elements", report.campaign.tasks],
          ["responsibility lists", report.campaign.responsibilityLists],
          ["entities", report.supervision.entities],
          ["risks", report.supervision.risks],
          ["hazards", report.supervision.hazards],
          ["accidents", report.supervision.accidents],
        ],
      ),
    );
    io.out(
      `Read models reflect the ledger up to position ${report.stamp.position ?? "(empty)"}, chain head ${report.stamp.lastHash ?? "(none)"}.`,
    );
  }
  return 0;
};
