/** `supervision ENTITY`: dynamic supervision of one entity as of a date (dynamicSupervision). */
import { dynamicSupervision, type EventStore, hazardList, riskList } from "@safety-ledger/core";
import { check } from "../cli-error-texts";
import { type Io, table, toJson } from "../output";
import { loadSupervision } from "../read-models";
import { accidentRows } from "./list";

export const supervision = async (
  store: EventStore,
  entityId: string,
  asOf: string,
  io: Io,
  json: boolean,
): Promise<number> => {
  const { model, stamp } = await loadSupervision(store, asOf, entityId);
  const entity = model.entities[entityId];
  if (entity === undefined) throw check("ENTITY_NOT_LISTED_AS_OF", { entityId, asOf });
  const row = dynamicSupervision(model, asOf).find((r) => r.entityId === entityId) ?? null;
  const risks = riskList(model).filter((r) => r.entityId === entityId);
  const hazards = hazardList(model, asOf).filter((h) => h.entityId === entityId);
  const accidents = accidentRows(model, {}).filter((a) => a.entityId === entityId);
  if (json) {
    io.out(toJson({ asOf, entity, supervision: row, risks, hazards, accidents, stamp }));
    return 0;
  }
  io.out(
    `${entity.entityId} ${entity.name} (${entity.status}): ${entity.sector}, ${entity.district}, supervised by ${entity.supervisingDepartment}.`,
  );
  io.out(`Principal ${entity.principal.name}; safety manager ${entity.safetyManager.name}.`);
  if (row === null) io.out(`Closed on ${entity.closedOn ?? "?"}: no longer under dynamic supervision.`);
  else
    io.out(
      table(
        [
          "as of",
          "priority",
          "highest risk",
          "open hazards",
          "overdue",
          "open major",
          "listed",
          "accidents (12 mo)",
          "deaths (12 mo)",
        ],
        [
          [
            asOf,
            row.priority,
            row.highestRiskLevel === null ? "–" : `${row.highestRiskLevel} (${row.highestRiskColour})`,
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
        ["risk", "name", "level", "colour", "responsible", "status"],
        risks.map((r) => [r.riskId, r.name, r.level, r.colour, r.responsiblePerson, r.status]),
      ),
    );
  if (hazards.length > 0)
    io.out(
      table(
        ["hazard", "grade", "source", "status", "deadline", "overdue"],
        hazards.map((h) => [h.hazardId, h.grade, h.source, h.status, h.deadline, h.overdue ? "yes" : ""]),
      ),
    );
  if (accidents.length > 0)
    io.out(
      table(
        ["accident", "date", "class", "deaths", "serious injuries"],
        accidents.map((a) => [a.accidentId, a.date, a.accidentClass, a.deaths, a.seriousInjuries]),
      ),
    );
  return 0;
};
