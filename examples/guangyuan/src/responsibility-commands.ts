/**
 * The responsibility list (安全生产责任清单) of the scenario: one duty per lead unit, published by
 * the office in July 2020 and revised in October, and the duties performed to the end of 2020.
 * Two units miss a quarter, so the list shows missed duties as well as performed ones.
 * ILLUSTRATIVE: the real list's items are not public.
 */

import { department, office } from "./actors";
import { at, type CommandLog } from "./command-log";
import { UNITS } from "./organisation";

export const RESPONSIBILITY_LIST_ID = "GY-RESP-2020";

const LEGAL_BASIS = "Work Safety Law of the PRC (2014), Art. 9; Sichuan implementing measures (illustrative)";

const leadUnits = Object.values(UNITS);

const quarterlyMeeting = (unit: (typeof leadUnits)[number]) => ({
  itemId: `${unit.id}-MEET`,
  subject: { unit: unit.id, post: "principal head" },
  tier: "city" as const,
  duty: `Chair a work-safety meeting of the ${unit.en}'s sector each quarter`,
  legalBasis: LEGAL_BASIS,
  requirement: { count: 1, per: "quarter" as const },
  evidenceKind: "meeting minutes",
  accountability: "interview by the lead group office; notified criticism if missed twice",
});

const inspections = {
  itemId: "GY-EMB-INSPECT",
  subject: { unit: UNITS.emb.id, post: "deputy head in charge" },
  tier: "city" as const,
  duty: "Lead inspections of key enterprises in hazardous chemicals and mines",
  legalBasis: LEGAL_BASIS,
  requirement: { count: 2, per: "quarter" as const },
  evidenceKind: "inspection record",
  accountability: "interview by the lead group office",
};

/** Units that hold no meeting in the fourth quarter of 2020 (so their duty shows as missed). */
const MISSED_Q4: ReadonlySet<string> = new Set([UNITS.ecology.id, UNITS.agriculture.id]);

export const responsibilityCommands = (log: CommandLog): void => {
  const items = leadUnits.map(quarterlyMeeting);
  log.add(RESPONSIBILITY_LIST_ID, "PublishResponsibilityList", office, at("2020-07-01", 9), {
    listId: RESPONSIBILITY_LIST_ID,
    title: "Guangyuan work-safety responsibility list, city departments (illustrative)",
    effectiveFrom: "2020-07-01",
    items,
  });
  log.add(RESPONSIBILITY_LIST_ID, "ReviseResponsibilityList", office, at("2020-09-25", 9), {
    listId: RESPONSIBILITY_LIST_ID,
    effectiveFrom: "2020-10-01",
    items: [...items, inspections],
    reason: "The promotion meeting added inspections of key enterprises led by the bureau",
  });
  const meetings: ReadonlyArray<{ quarter: string; on: string }> = [
    { quarter: "Q3", on: "2020-08-20" },
    { quarter: "Q4", on: "2020-11-18" },
  ];
  for (const { quarter, on } of meetings)
    for (const unit of leadUnits) {
      if (quarter === "Q4" && MISSED_Q4.has(unit.id)) continue;
      log.add(
        `${RESPONSIBILITY_LIST_ID}:${unit.id}-MEET`,
        "RecordDutyPerformance",
        department(unit),
        at(on, 15),
        {
          listId: RESPONSIBILITY_LIST_ID,
          itemId: `${unit.id}-MEET`,
          performedOn: on,
          evidence: [
            {
              description: `Minutes of the ${unit.en}'s ${quarter} 2020 work-safety meeting`,
              reference: `${unit.id}-2020-${quarter}-MINUTES`,
              kind: "meeting minutes",
            },
          ],
        },
      );
    }
  for (const on of ["2020-10-22", "2020-12-03"])
    log.add(
      `${RESPONSIBILITY_LIST_ID}:GY-EMB-INSPECT`,
      "RecordDutyPerformance",
      department(UNITS.emb),
      at(on, 16),
      {
        listId: RESPONSIBILITY_LIST_ID,
        itemId: "GY-EMB-INSPECT",
        performedOn: on,
        evidence: [{ description: "Inspection record of key enterprises", reference: `GY-EMB-INSP-${on}` }],
      },
    );
};
