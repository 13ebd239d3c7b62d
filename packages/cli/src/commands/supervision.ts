/** `supervision ENTITY`: dynamic supervision of one entity as of a date (dynamicSupervision). */
import { dynamicSupervision, type EventStore, hazardList, riskList } from "@safety-ledger/core";
import { check } from "../cli-error-texts";
import { headsIn, type Lang, MESSAGES } from "../messages";
import { type Io, table, toJson } from "../output";
import { loadSupervision } from "../read-models";
import { type ValueSet, valueLabel } from "../value-labels";
import { accidentRows } from "./list";

export const supervision = async (
  store: EventStore,
  entityId: string,
  asOf: string,
  io: Io,
  json: boolean,
  lang: Lang = "en",
): Promise<number> => {
  const say = MESSAGES[lang].supervision;
  const th = (names: ReadonlyArray<string>) => headsIn(lang, names);
  const { model, stamp } = await loadSupervision(store, asOf, entityId);
  const entity = model.entities[entityId];
  if (entity === undefined) throw check("ENTITY_NOT_LISTED_AS_OF", { entityId, asOf });
  const row = dynamicSupervision(model, asOf).find((r) => r.entityId === entityId) ?? null;
  const risks = riskList(model).filter((r) => r.entityId === entityId);
  const hazards = hazardList(model, asOf).filter((h) => h.entityId === entityId);
  const valueLabelIn = (set: ValueSet, key: string | null) =>
    key === null ? "" : valueLabel(set, key, lang);
  const accidents = accidentRows(model, {}).filter((a) => a.entityId === entityId);
  if (json) {
    io.out(toJson({ asOf, entity, supervision: row, risks, hazards, accidents, stamp }));
    return 0;
  }
  io.out(
    say.entity(
      entity.entityId,
      entity.name,
      valueLabelIn("entityStatus", entity.status),
      valueLabelIn("sector", entity.sector),
      valueLabelIn("district", entity.district),
      entity.supervisingDepartment,
    ),
  );
  io.out(say.people(entity.principal.name, entity.safetyManager.name));
  if (row === null) io.out(say.closed(entity.closedOn ?? "?"));
  else
    io.out(
      table(
        th([
          "as of",
          "priority",
          "highest risk",
          "open hazards",
          "overdue",
          "open major",
          "listed",
          "accidents (12 mo)",
          "deaths (12 mo)",
        ]),
        [
          [
            asOf,
            row.priority,
            row.highestRiskLevel === null
              ? "–"
              : `${valueLabelIn("level", row.highestRiskLevel)} (${valueLabelIn("colour", row.highestRiskColour)})`,
            row.openHazards,
            row.overdueHazards,
            row.openMajorHazards,
            row.listedMajorHazards,
            row.accidentsLast12Months,
            row.deathsLast12Months,
          ],
        ],
      ),
    );
  if (risks.length > 0)
    io.out(
      table(
        th(["risk", "name", "level", "colour", "responsible", "status"]),
        risks.map((r) => [
          r.riskId,
          r.name,
          valueLabelIn("level", r.level),
          valueLabelIn("colour", r.colour),
          r.responsiblePerson,
          valueLabelIn("riskStatus", r.status),
        ]),
      ),
    );
  if (hazards.length > 0)
    io.out(
      table(
        th(["hazard", "grade", "source", "status", "deadline", "overdue"]),
        hazards.map((h) => [
          h.hazardId,
          valueLabelIn("grade", h.grade),
          valueLabelIn("hazardSource", h.source),
          valueLabelIn("hazardStatus", h.status),
          h.deadline,
          h.overdue ? say.yes : "",
        ]),
      ),
    );
  if (accidents.length > 0)
    io.out(
      table(
        th(["accident", "date", "class", "deaths", "serious injuries"]),
        accidents.map((a) => [
          a.accidentId,
          a.date,
          valueLabelIn("accidentClass", a.accidentClass),
          a.deaths,
          a.seriousInjuries,
        ]),
      ),
    );
  return 0;
};
