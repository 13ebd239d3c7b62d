import * as t from "io-ts";
import { describe, expect, it } from "vitest";
import { ledgerEvents } from "../catalog";
import { defineEvent, type EventDefinition } from "../kernel/codec-registry";
import { looksPersonal } from "./looks-personal";
import { notPersonalReason, PERSONAL_FIELDS, personalFieldsOf } from "./personal-fields";
import { leafPaths, staleEntries, unclassifiedFields } from "./unclassified";

const definitions = ledgerEvents.definitions();

describe("the registry of personal fields", () => {
  it("classifies every field of every event codec that looks personal", () => {
    expect(unclassifiedFields(definitions)).toEqual([]);
  });

  it("names only event types, versions and paths the codecs have", () => {
    expect(staleEntries(definitions)).toEqual([]);
  });

  it("fails for a new codec field that looks personal and is not classified", () => {
    // an event type the registry does not know (AccidentReported's casualty list is classified)
    const grown = defineEvent(
      "AccidentWitnessesListed",
      t.type({ accidentId: t.string, casualties: t.array(t.type({ name: t.string, idNumber: t.string })) }),
    );
    expect(unclassifiedFields([grown as EventDefinition]).map((i) => i.path)).toEqual([
      "casualties[].name",
      "casualties[].idNumber",
    ]);
    expect(unclassifiedFields(definitions)).toEqual([]);
  });

  it("fails for an entry naming a path the codec does not have, or a version it never had", () => {
    const issues = staleEntries(definitions, [
      { type: "EntityRegistered", schemaVersion: 1, personal: { "principal.idNumber": "principal" } },
      { type: "EntityRegistered", schemaVersion: 2, personal: {} },
      { type: "NoSuchEvent", schemaVersion: 1, personal: {} },
    ]);
    expect(issues.map((i) => [i.type, i.schemaVersion, i.path, i.problem])).toEqual([
      ["EntityRegistered", 1, "principal.idNumber", "no-such-field"],
      ["EntityRegistered", 2, "", "unknown-event-version"],
      ["NoSuchEvent", 1, "", "unknown-event-version"],
    ]);
  });

  it("gives the phones and names of the principal and the safety manager of a registration", () => {
    expect(personalFieldsOf("EntityRegistered", 1)).toEqual([
      { path: "principal.name", subject: "principal" },
      { path: "principal.phone", subject: "principal" },
      { path: "safetyManager.name", subject: "safety-manager" },
      { path: "safetyManager.phone", subject: "safety-manager" },
    ]);
    expect(personalFieldsOf("EntityActivated", 1)).toEqual([]);
  });

  it("keeps actors in clear as accountability records, in every event type", () => {
    expect(notPersonalReason("HazardRectified", 1, "by.person")).toMatch(/accountability/);
    expect(notPersonalReason("EntityRegistered", 1, "principal.name")).toBeUndefined();
  });

  it("walks nested objects and arrays of objects to their leaves", () => {
    const registered = definitions.find((d) => d.type === "EntityRegistered")!;
    expect(leafPaths(registered)).toContain("safetyManager.phone");
    expect(leafPaths(registered)).not.toContain("safetyManager");
  });

  it("each event type and version appears once", () => {
    const keys = PERSONAL_FIELDS.map((e) => `${e.type}@${e.schemaVersion}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("looksPersonal", () => {
  it.each(["principal.phone", "contactMobile", "casualties[].idNumber", "responsiblePerson.post", "姓名"])(
    "%s looks personal",
    (path) => expect(looksPersonal(path)).toBe(true),
  );
  it.each(["entityId", "deadline", "by.unit", "stages[].key", "directLossFen"])("%s does not", (path) =>
    expect(looksPersonal(path)).toBe(false),
  );
});
