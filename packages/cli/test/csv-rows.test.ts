import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  checkHeader,
  columnOf,
  columnsHelp,
  commandIdFor,
  decodeRow,
  fileHashOf,
  IMPORT_KINDS,
  KINDS,
  type RowIssue,
} from "../src/import/csv-rows";

const context = {
  actor: { unit: "GY-EMB", role: "office", person: "Wang" },
  fileHash: fileHashOf("the file"),
  defaultOn: "2020-07-01",
};

const issues = (result: E.Either<RowIssue[], unknown>): RowIssue[] => (E.isLeft(result) ? result.left : []);

describe("CSV rows → commands", () => {
  it("decodes a task row into AssignTaskElement, splitting the co-units and dating it", () => {
    const row = decodeRow(
      KINDS.tasks,
      {
        code: "P01-001",
        campaignId: "GY",
        workstream: "P01",
        task: "Parks",
        element: "Audit",
        leadUnit: "GY-EMB",
        coUnits: "GY-ECON; GY-NRB ;",
        deadline: "2020-09-30",
        stage: "investigation",
        deliverable: "Report",
        recurrence: "",
        assignedOn: "2020-07-20",
      },
      7,
      context,
    );
    expect(E.isRight(row)).toBe(true);
    if (E.isLeft(row)) return;
    const [command] = row.right.commands;
    expect(command?.envelope.command).toEqual({
      type: "AssignTaskElement",
      data: {
        code: "P01-001",
        campaignId: "GY",
        workstream: "P01",
        task: "Parks",
        element: "Audit",
        leadUnit: "GY-EMB",
        coUnits: ["GY-ECON", "GY-NRB"],
        deadline: "2020-09-30",
        stage: "investigation",
        deliverable: "Report",
      },
    });
    expect(command?.envelope.occurredAt).toBe("2020-07-20");
    expect(command?.envelope.commandId).toBe(
      commandIdFor("tasks", context.fileHash, 7, 0, context.actor.unit),
    );
    expect(command?.aggregate.category).toBe("task");
  });

  it("an entity row with active=yes stands for RegisterEntity then ActivateEntity, with the default date", () => {
    const row = decodeRow(
      KINDS.entities,
      {
        entityId: "E-1",
        name: "Plant",
        sector: "machinery",
        district: "lizhou",
        supervisingDepartment: "GY-ECON",
        principal: "Li",
        principalPhone: "123",
        safetyManager: "Wu",
        active: "Yes",
      },
      2,
      context,
    );
    if (E.isLeft(row)) throw new Error(JSON.stringify(row.left));
    expect(row.right.commands.map((c) => c.envelope.command.type)).toEqual([
      "RegisterEntity",
      "ActivateEntity",
    ]);
    expect(row.right.commands[0]?.envelope.command.data).toMatchObject({
      principal: { name: "Li", phone: "123" },
      safetyManager: { name: "Wu" },
    });
    expect(row.right.commands[1]?.envelope.occurredAt).toBe("2020-07-01");
    expect(new Set(row.right.commands.map((c) => c.envelope.commandId)).size).toBe(2);
  });

  it("a risk row with LEC factors also stands for an initial assessment with controls", () => {
    const row = decodeRow(
      KINDS.risks,
      {
        riskId: "R-1",
        entityId: "E-1",
        name: "Tank",
        lecL: "0.5",
        lecE: "6",
        lecC: "100",
        measures: "Detectors;Patrol",
        responsiblePerson: "Zhao",
      },
      3,
      context,
    );
    if (E.isLeft(row)) throw new Error(JSON.stringify(row.left));
    expect(row.right.commands[1]?.envelope.command).toEqual({
      type: "AssessRisk",
      data: {
        riskId: "R-1",
        entityId: "E-1",
        stage: "initial",
        lec: { l: 0.5, e: 6, c: 100 },
        controls: { measures: ["Detectors", "Patrol"], responsiblePerson: { name: "Zhao" } },
      },
    });
  });

  it("names the line and column of every bad cell, from the row codec and from the command codec", () => {
    const bad = issues(
      decodeRow(
        KINDS.accidents,
        {
          accidentId: "A 1",
          occurredAt: "2020-03-05",
          deaths: "two",
          seriousInjuries: "",
          directLossFen: "100",
          description: "Fall",
          kind: "meteor",
        },
        12,
        context,
      ),
    );
    expect(bad).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          line: 12,
          column: "deaths",
          message: 'must be a whole number, 0 or more, got "two"',
          reason: expect.objectContaining({ code: "CELL_NOT_WHOLE_NUMBER", params: { value: '"two"' } }),
        }),
        expect.objectContaining({
          line: 12,
          column: "seriousInjuries",
          message: "is required and is empty",
          reason: expect.objectContaining({ code: "CELL_REQUIRED_EMPTY" }),
        }),
      ]),
    );
    // Cell types pass, then the command codec names the field's column.
    const second = issues(
      decodeRow(
        KINDS.accidents,
        {
          accidentId: "A 1",
          occurredAt: "2020-03-05",
          deaths: "1",
          seriousInjuries: "0",
          directLossFen: "100",
          description: "Fall",
          kind: "meteor",
        },
        13,
        context,
      ),
    );
    // A date without a time and an unknown kind are cell problems now (the kind's aliases are known).
    expect(second.map((i) => i.column).sort()).toEqual(["kind", "occurredAt"]);
    expect(second.every((i) => i.line === 13)).toBe(true);
    const third = issues(
      decodeRow(
        KINDS.accidents,
        {
          accidentId: "A 1",
          occurredAt: "2020-03-05T09:30:00+08:00",
          deaths: "1",
          seriousInjuries: "0",
          directLossFen: "100",
          description: "Fall",
          kind: "火灾",
        },
        14,
        context,
      ),
    );
    expect(third.map((i) => i.column)).toEqual(["accidentId"]);
  });

  it("maps nested command fields back to their columns", () => {
    expect(columnOf(KINDS.entities, "data.0.principal.name")).toBe("principal");
    expect(columnOf(KINDS.risks, "data.1.controls.responsiblePerson.name")).toBe("responsiblePerson");
    expect(columnOf(KINDS.risks, "lec.l")).toBe("lecL");
    expect(columnOf(KINDS.tasks, "data.0.coUnits.1")).toBe("coUnits");
    expect(columnOf(KINDS.hazards, "occurredAt", { discoveredOn: "2020-01-01" })).toBe("discoveredOn");
    expect(columnOf(KINDS.hazards, "occurredAt", { registeredOn: "x", discoveredOn: "y" })).toBe(
      "registeredOn",
    );
    expect(columnOf(KINDS.tasks, "nonsense")).toBeUndefined();
  });

  it("checks the header: unknown, repeated and missing columns", () => {
    expect(checkHeader(KINDS.hazards, ["hazardId", "entityId", "entityId", "colour"])).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          line: 1,
          column: "entityId",
          message: "column given twice",
          reason: { code: "HEADER_COLUMN_TWICE", params: {} },
        }),
        expect.objectContaining({
          line: 1,
          column: "colour",
          reason: expect.objectContaining({ code: "HEADER_UNKNOWN_COLUMN" }),
        }),
        expect.objectContaining({
          line: 1,
          column: "deadline",
          message: "required column missing (整改期限)",
          reason: { code: "HEADER_COLUMN_MISSING", params: { zh: "整改期限" } },
        }),
      ]),
    );
    expect(
      checkHeader(
        KINDS.hazards,
        KINDS.hazards.columns.map((c) => c.name),
      ),
    ).toEqual([]);
  });

  it("command ids depend on the file's content, the line and the importing unit", () => {
    expect(commandIdFor("tasks", fileHashOf("a"), 2, 0, "GY-EMB")).not.toBe(
      commandIdFor("tasks", fileHashOf("a"), 2, 0, "GY-ECON"),
    );
    expect(commandIdFor("tasks", fileHashOf("a"), 2, 0, "GY-EMB")).toBe(
      commandIdFor("tasks", fileHashOf("a"), 2, 0, "GY-EMB"),
    );
    expect(commandIdFor("tasks", fileHashOf("a"), 2, 0, "GY-EMB")).not.toBe(
      commandIdFor("tasks", fileHashOf("b"), 2, 0, "GY-EMB"),
    );
    expect(commandIdFor("tasks", fileHashOf("a"), 2, 0, "GY-EMB")).not.toBe(
      commandIdFor("tasks", fileHashOf("a"), 3, 0, "GY-EMB"),
    );
  });

  it("documents every column of every kind", () => {
    const help = columnsHelp("en");
    for (const kind of IMPORT_KINDS)
      for (const c of KINDS[kind].columns) expect(help).toContain(`${c.name}${c.required ? "*" : ""} `);
  });
});
