/** End-to-end: `submit` warns, masked, about mobile and resident ID numbers in free text. */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, countEvents, requireBuild, tempDir } from "./helpers";

let temp: ReturnType<typeof tempDir>;
let db: string;

beforeAll(() => {
  requireBuild();
  temp = tempDir();
  db = join(temp.dir, "ledger.db");
});
afterAll(() => temp?.remove());

const registerEntity = (commandId: string, entityId: string, address: string) =>
  JSON.stringify({
    type: "RegisterEntity",
    commandId,
    actor: { unit: "GY-EMB", role: "department", person: "Zhang Min" },
    occurredAt: "2020-07-14T09:00:00+08:00",
    data: {
      entityId,
      name: "Example Mining Co. (test)",
      sector: "non-coal-mine",
      district: "lizhou",
      supervisingDepartment: "GY-EMB",
      principal: { name: "Wang Wei", phone: "13900001111" },
      safetyManager: { name: "Li Na" },
      address,
    },
  });

describe("safety-ledger submit: personal numbers in free text", () => {
  it("accepts the command and warns on stderr, the number masked", async () => {
    const run = await cli(
      ["submit", "-"],
      db,
      `${registerEntity("p1", "E-P1", "利州区，联系人电话13812345678")}\n`,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^line 1: ok RegisterEntity → entity-E-P1@0/);
    expect(run.stderr).toContain(
      "line 1: warning: EntityRegistered address holds a mobile number (138****5678)",
    );
    expect(run.stderr).not.toContain("13812345678");
    expect(countEvents(db)).toBe(1);
  });

  it("gives the warnings in --json, and none for the principal's own phone field", async () => {
    const input = [
      registerEntity("p2", "E-P2", "身份证 11010519491231002X"),
      registerEntity("p3", "E-P3", "利州区"),
    ].join("\n");
    const run = await cli(["submit", "-", "--json"], db, `${input}\n`);
    expect(run.code).toBe(0);
    const [withId, clean] = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(withId.warnings).toEqual([
      expect.stringContaining("address holds a resident ID number (110105********002X)"),
    ]);
    expect(clean.ok).toBe(true);
    expect(clean).not.toHaveProperty("warnings");
  });

  it("--strict-privacy refuses the command, appending nothing", async () => {
    const before = countEvents(db);
    const run = await cli(
      ["submit", "-", "--strict-privacy"],
      db,
      `${registerEntity("p4", "E-P4", "电话 138 1234 5678")}\n`,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "line 1: rejected: Refused: EntityRegistered address holds a mobile number (138****5678)",
    );
    expect(run.stdout).not.toContain("138 1234 5678");
    expect(countEvents(db)).toBe(before);
  });
});
