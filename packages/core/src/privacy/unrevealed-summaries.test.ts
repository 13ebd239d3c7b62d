/**
 * `revealingReadTables` reveals the states a read table returns, but passes the tasks' summaries,
 * the workstreams' summaries and the board's counts (`taskSummaries`, `workstreamSummaries`,
 * `boardTasks`) through as the store returns them: right only while no task or workstream event
 * carries a personal field, so none of those can hold a sealed value. This pins that; a personal
 * field added to one of those events must make `revealingReadTables` reveal them too.
 */
import { describe, expect, it } from "vitest";
import { taskElementEvents } from "../campaign/task/events";
import { workstreamEvents } from "../campaign/workstream/events";
import { personalFieldsOf } from "./personal-fields";

describe("what the read tables pass through unrevealed", () => {
  it.each([
    ["task element", taskElementEvents],
    ["workstream", workstreamEvents],
  ])("no %s event has a personal field, at any schema version", (_, registry) => {
    const definitions = registry.definitions();
    expect(definitions.length).toBeGreaterThan(3);
    for (const d of definitions)
      for (let v = 1; v <= d.schemaVersion; v++)
        expect(personalFieldsOf(d.type, v), `${d.type} v${v}`).toEqual([]);
  });
});
