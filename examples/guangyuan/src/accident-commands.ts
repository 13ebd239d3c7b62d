/**
 * The accidents of `accidents-plan.ts` as commands: each reported (late reports say why), some
 * with their casualties revised inside the window, and investigations concluded about two
 * months later. From July 2020 an accident at a registered entity names it.
 */
import { DISTRICT_KEYS, GUANGYUAN_DISTRICTS, SECTORS } from "@safety-ledger/core";
import { accidents2019, accidents2020, type PlannedAccident } from "./accidents-plan";
import { department, enterprise } from "./actors";
import { at, type CommandLog } from "./command-log";
import { type EntityPlan, planEntities, SUPERVISOR_OF_SECTOR } from "./entities-plan";

const HOUR_MS = 3_600_000;
/** An instant written in Guangyuan time (+08:00). */
const local = (ms: number): string => `${new Date(ms + 8 * HOUR_MS).toISOString().slice(0, 19)}+08:00`;
const plusMinutes = (iso: string, minutes: number): string => local(Date.parse(iso) + minutes * 60_000);
const plusDays = (iso: string, days: number): string => local(Date.parse(iso) + days * 24 * HOUR_MS);

/** Accidents reported first with lower figures, then revised (the 2019 larger accident among them). */
const revised = (a: PlannedAccident, n: number): boolean =>
  (a.id.startsWith("A2019") && a.deaths === 3) || (a.id.startsWith("A2020") && n === 0 && a.deaths > 0);

const accidentCommands = (
  log: CommandLog,
  a: PlannedAccident,
  n: number,
  entities: ReadonlyArray<EntityPlan>,
): void => {
  const sector = SECTORS[a.sectorIndex]!;
  const district = GUANGYUAN_DISTRICTS[a.countyIndex % DISTRICT_KEYS.length]!;
  const date = a.occurredAt.slice(0, 10);
  const entity =
    date >= "2020-07-01"
      ? entities.find(
          (e) =>
            e.sector === sector.key &&
            e.district === district.key &&
            e.registeredOn < date &&
            !(e.index === 44 && date >= "2020-12-15"),
        )
      : undefined;
  const supervisor = SUPERVISOR_OF_SECTOR[sector.key]!;
  const reporter =
    entity !== undefined && n % 2 === 0 ? enterprise(entity.id, entity.principal) : department(supervisor);
  const kind = sector.key === "road-transport" ? "road-traffic" : "other";
  const lower = revised(a, n);
  const reportedAt = plusMinutes(a.occurredAt, a.reportDelayMinutes);
  log.add(a.id, "ReportAccident", reporter, reportedAt, {
    accidentId: a.id,
    occurredAt: a.occurredAt,
    deaths: lower ? a.deaths - 1 : a.deaths,
    seriousInjuries: a.seriousInjuries,
    directLossFen: a.directLossFen,
    description: `${sector.zh}生产安全事故 ${sector.en} accident in ${district.en} (illustrative)`,
    ...(entity === undefined
      ? { entityId: null, sector: sector.key, district: district.key }
      : { entityId: entity.id }),
    kind,
    ...(a.reportDelayMinutes > 60
      ? {
          lateReason:
            "The site is in a mountain area without mobile coverage; reported on reaching the township",
        }
      : {}),
  });
  if (lower)
    log.add(a.id, "ReviseAccidentCasualties", reporter, plusDays(a.occurredAt, 3), {
      accidentId: a.id,
      deaths: a.deaths,
      seriousInjuries: a.seriousInjuries,
      reason: "An injured worker died in hospital",
    });
  if (date < "2020-10-01")
    log.add(
      a.id,
      "ConcludeAccidentInvestigation",
      department(supervisor),
      at(plusDays(a.occurredAt, 60).slice(0, 10), 10),
      {
        accidentId: a.id,
        reportRef: `Investigation report ${a.id} (illustrative)`,
        cause: "Violation of operating rules; inadequate on-site supervision (illustrative)",
        liability: true,
      },
    );
};

/** Every accident command: January 2019 to December 2020. */
export const accidentsCommands = (log: CommandLog): void => {
  const entities = planEntities();
  accidents2019.forEach((a, n) => {
    accidentCommands(log, a, n, entities);
  });
  accidents2020.forEach((a, n) => {
    accidentCommands(log, a, n, entities);
  });
};
