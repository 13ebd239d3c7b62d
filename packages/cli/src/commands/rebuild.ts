/**
 * `rebuild`: rebuild every read model (the campaign ledger and the supervision model) from the
 * first event, and print what they hold and the stamp they reflect. A store with read tables
 * rebuilds its tables; any other store (or `--replay`) replays the whole store in one pass.
 */
import {
  type CampaignLedgerModel,
  campaignLedgerProjection,
  type EventStore,
  type ItemKind,
  ledgerEvents,
  runProjections,
  type SupervisionModel,
  supervisionProjection,
} from "@safety-ledger/core";
import { noteBrokenLinks } from "../broken-links";
import { headsIn, type Lang } from "../messages";
import { type Io, progress, table, toJson } from "../output";
import { stampOf } from "../read-models";
import { readTablesOf, type TablesPath } from "../read-tables";
import { RESULT_TEXTS } from "../result-texts";

/** The last position in the store, to scale the progress bar (positions only ever grow). */
const headPosition = async (store: EventStore): Promise<bigint | undefined> => {
  for await (const e of store.readAll({ direction: "backwards", maxCount: 1 })) return e.position;
  return undefined;
};

interface Rebuilt {
  readonly events: number;
  readonly projected: number;
  readonly campaign: Readonly<Record<"campaigns" | "workstreams" | "tasks" | "responsibilityLists", number>>;
  readonly supervision: Readonly<Record<"entities" | "risks" | "hazards" | "accidents", number>>;
  readonly stamp: { readonly position: string | null; readonly lastHash: string | null };
}

/** Rebuild the read tables from zero; what they hold then, counted from the tables. */
const rebuildTables = async (
  store: EventStore,
  { tables, knownAt }: TablesPath,
  onEvent: (position: bigint) => void,
): Promise<Rebuilt> => {
  const { events, brokenLinks } = await tables.rebuild({ onEvent });
  noteBrokenLinks(store, brokenLinks);
  const slice = knownAt === undefined ? {} : { knownAt };
  const count = async (kind: ItemKind) => (await tables.states(kind, slice)).size;
  const stamp = stampOf(await tables.stamp(slice));
  return {
    events,
    projected: stamp.events,
    campaign: {
      campaigns: await count("campaigns"),
      workstreams: await count("workstreams"),
      tasks: await count("tasks"),
      responsibilityLists: await count("responsibilityLists"),
    },
    supervision: {
      entities: await count("entities"),
      risks: await count("risks"),
      hazards: await count("hazards"),
      accidents: await count("accidents"),
    },
    stamp: { position: stamp.position, lastHash: stamp.lastHash },
  };
};

/** Replay the whole store through both projections in one pass. */
const replayAll = async (store: EventStore, onEvent: (position: bigint) => void): Promise<Rebuilt> => {
  let events = 0;
  const { models, stamp, brokenLinks } = await runProjections(
    store,
    ledgerEvents,
    [campaignLedgerProjection, supervisionProjection] as const,
    {
      onEvent: (position) => {
        events += 1;
        onEvent(position);
      },
    },
  );
  noteBrokenLinks(store, brokenLinks);
  const campaign = models[0] as CampaignLedgerModel;
  const supervision = models[1] as SupervisionModel;
  const stamped = stampOf(stamp);
  return {
    events,
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
    stamp: { position: stamped.position, lastHash: stamped.lastHash },
  };
};

export const rebuild = async (store: EventStore, io: Io, json: boolean, lang: Lang): Promise<number> => {
  const say = RESULT_TEXTS[lang];
  const started = Date.now();
  const head = io.interactive ? await headPosition(store) : undefined;
  // as known at a date, the counts are of what the view shows: replayed
  const path = readTablesOf(store);
  const tables = path?.knownAt === undefined ? path : undefined;
  const bar = progress(
    io,
    tables === undefined ? say.progress.replaying : say.progress.rebuilding,
    head === undefined ? 0 : Number(head),
  );
  let last = 0n;
  const onEvent = (position: bigint) => {
    if (head === undefined) return;
    bar.tick(Number(position - last));
    last = position;
  };
  const rebuilt = await (tables === undefined
    ? replayAll(store, onEvent)
    : rebuildTables(store, tables, onEvent)
  ).finally(() => bar.stop());
  const report = { ...rebuilt, milliseconds: Date.now() - started };
  if (json) io.out(toJson(report));
  else {
    io.out(
      (tables === undefined ? say.rebuild.replayed : say.rebuild.rebuilt)(
        report.events,
        report.projected,
        report.milliseconds,
      ),
    );
    const model = say.rebuild.models;
    io.out(
      table(headsIn(lang, ["read model", "streams"]), [
        [model.campaigns, report.campaign.campaigns],
        [model.workstreams, report.campaign.workstreams],
        [model.tasks, report.campaign.tasks],
        [model.responsibilityLists, report.campaign.responsibilityLists],
        [model.entities, report.supervision.entities],
        [model.risks, report.supervision.risks],
        [model.hazards, report.supervision.hazards],
        [model.accidents, report.supervision.accidents],
      ]),
    );
    io.out(
      say.rebuild.stamp(
        report.stamp.position === undefined || report.stamp.position === null
          ? undefined
          : String(report.stamp.position),
        report.stamp.lastHash ?? undefined,
      ),
    );
  }
  return 0;
};
