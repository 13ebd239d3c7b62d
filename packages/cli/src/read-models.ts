/**
 * The read models the read commands need: from the store's read tables where it has them
 * (caught up first, `read-tables.ts`), else built by streaming the store once through the
 * projections (`runProjections`), optionally as of a business date.
 */
import {
  type CampaignLedgerModel,
  type CampaignLedgerStates,
  campaignForBoardFromTables,
  campaignFromTables,
  campaignLedgerProjection,
  type EventStore,
  ledgerEvents,
  type ReadModelStamp,
  runProjections,
  type SupervisionModel,
  supervisionFromTables,
  supervisionProjection,
  type WallChart,
  wallChart,
  wallChartFromTables,
} from "@safety-ledger/core";
import { noteBrokenLinks } from "./broken-links";
import { caughtUpTables } from "./read-tables";

export interface Stamp {
  /** The last store position read (a decimal string), or null for an empty store. */
  readonly position: string | null;
  /** The hash of the last event read: with the position it pins the ledger state. */
  readonly lastHash: string | null;
  readonly events: number;
}

export const stampOf = (stamp: ReadModelStamp): Stamp => ({
  position: stamp.position === undefined ? null : stamp.position.toString(),
  lastHash: stamp.lastHash ?? null,
  events: stamp.events,
});

/**
 * The campaign ledger, for the campaign queries as of `asOf`. `overdueOnly`: only the overdue
 * list reads it, so the tables may hand just the tasks overdue then, as summaries.
 */
export const loadCampaign = async (
  store: EventStore,
  asOf: string,
  overdueOnly = false,
): Promise<{ model: CampaignLedgerModel | CampaignLedgerStates; stamp: Stamp }> => {
  const path = await caughtUpTables(store);
  if (path !== undefined)
    return {
      model: overdueOnly
        ? await campaignForBoardFromTables(path.tables, asOf, path.knownAt, true)
        : await campaignFromTables(path.tables, asOf, path.knownAt),
      stamp: stampOf(await path.tables.stamp(path.knownAt === undefined ? {} : { knownAt: path.knownAt })),
    };
  const { models, stamp, brokenLinks } = await runProjections(store, ledgerEvents, [
    campaignLedgerProjection,
  ] as const);
  noteBrokenLinks(store, brokenLinks);
  return { model: models[0] as CampaignLedgerModel, stamp: stampOf(stamp) };
};

/** The wall chart as of `asOf`: counted from the tables where the store has them, else replayed. */
export const loadWallChart = async (
  store: EventStore,
  asOf: string,
): Promise<{ chart: WallChart; stamp: Stamp }> => {
  const path = await caughtUpTables(store);
  if (path !== undefined)
    return {
      chart: await wallChartFromTables(path.tables, asOf, path.knownAt),
      stamp: stampOf(await path.tables.stamp(path.knownAt === undefined ? {} : { knownAt: path.knownAt })),
    };
  const { model, stamp } = await loadCampaign(store, asOf);
  return { chart: wallChart(model, asOf), stamp };
};

/**
 * The supervision model of the events that occurred by the end of `asOf` (all of them without
 * it). `entity`: the tables may hand only that entity and its risks, hazards and accidents.
 */
export const loadSupervision = async (
  store: EventStore,
  asOf?: string,
  entity?: string,
  /** The records the command reads: the tables hand only these (the replay folds them all). */
  records?: ReadonlyArray<keyof SupervisionModel>,
): Promise<{ model: SupervisionModel; stamp: Stamp }> => {
  const path = await caughtUpTables(store);
  if (path !== undefined) {
    const slice = {
      ...(asOf === undefined ? {} : { asOf }),
      ...(path.knownAt === undefined ? {} : { knownAt: path.knownAt }),
    };
    return {
      model: await supervisionFromTables(path.tables, slice, entity, records),
      stamp: stampOf(await path.tables.stamp(slice)),
    };
  }
  const { models, stamp, brokenLinks } = await runProjections(
    store,
    ledgerEvents,
    [supervisionProjection] as const,
    asOf === undefined ? {} : { slice: { asOf } },
  );
  noteBrokenLinks(store, brokenLinks);
  return { model: models[0] as SupervisionModel, stamp: stampOf(stamp) };
};

/** Both read models from one pass over the store (every event read and decoded once). */
export const loadLedger = async (
  store: EventStore,
): Promise<{ campaign: CampaignLedgerModel; supervision: SupervisionModel; stamp: Stamp }> => {
  const { models, stamp, brokenLinks } = await runProjections(store, ledgerEvents, [
    campaignLedgerProjection,
    supervisionProjection,
  ] as const);
  noteBrokenLinks(store, brokenLinks);
  return {
    campaign: models[0] as CampaignLedgerModel,
    supervision: models[1] as SupervisionModel,
    stamp: stampOf(stamp),
  };
};
