/**
 * The law "accepted means readable": whatever the command decoder accepts is either refused by
 * the decider or yields events that the stored-event decoders read back (decode ∘ encode ∘
 * decide), for every aggregate and every command type. Commands are the Guangyuan scenario's
 * (and a template for each type it never sends), with their fields replaced at random by values
 * at the edges of the calendar (29 February in leap and other years, 30/31 of short months,
 * offsets ±14:00, 23:59:59 and 24:00) and by other odd values, and run against the scenario's
 * own ledger, so the deciders see real state.
 */
import {
  type AnyAggregate,
  campaignLedgerProjection,
  commandTypes,
  createCommandHandler,
  createMemoryStore,
  decodeCommandJson,
  type EventStore,
  generateSigningKeyPair,
  ledgerEvents,
  runProjections,
  sealRoot,
  supervisionProjection,
} from "@safety-ledger/core";
import { guangyuanCommands, runGuangyuan } from "@safety-ledger/example-guangyuan";
import * as fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { beforeAll, describe, expect, it } from "vitest";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface CommandJson {
  type: string;
  commandId: string;
  actor: { unit: string; role: string; person: string };
  occurredAt: string;
  data: Json;
}

const YEARS = ["2019", "2020", "2021", "2000", "2100"];
const MONTH_DAYS = [
  "01-01",
  "02-28",
  "02-29",
  "02-30",
  "04-30",
  "04-31",
  "06-30",
  "06-31",
  "09-31",
  "11-31",
  "12-31",
  "13-01",
  "00-10",
];
const TIMES = ["00:00", "09:30:00", "23:59:59", "24:00", "23:59:60", "12:00:00.123456789"];
const OFFSETS = ["+08:00", "Z", "+14:00", "-14:00", "+14:30", "-00:00", "+05:45", ""];

const edgeDate = fc
  .tuple(fc.constantFrom(...YEARS), fc.constantFrom(...MONTH_DAYS))
  .map(([y, md]) => `${y}-${md}`);
const edgeDateTime = fc
  .tuple(edgeDate, fc.constantFrom(...TIMES), fc.constantFrom(...OFFSETS))
  .map(([d, time, offset]) => `${d}T${time}${offset}`);
const oddValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: edgeDate },
  { weight: 4, arbitrary: edgeDateTime },
  { weight: 1, arbitrary: fc.constantFrom("", " ", "2020/5/6", "43957", "—") },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer({ min: -3, max: 1_000_000 }) },
  { weight: 1, arbitrary: fc.constantFrom<Json>(null, true, 0.5, [], {}) },
);

/** Paths of the leaves of a value, as key lists. */
const leaves = (
  value: Json,
  path: ReadonlyArray<string | number> = [],
): Array<ReadonlyArray<string | number>> => {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [path];
};

const setAt = (value: Json, path: ReadonlyArray<string | number>, replacement: Json): Json => {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? setAt(v, rest, replacement) : v));
  if (value !== null && typeof value === "object") {
    const obj = value as Record<string, Json>;
    return { ...obj, [head]: setAt(obj[head as string] ?? null, rest, replacement) };
  }
  return value;
};

/** Templates for the command types the scenario never sends, on the scenario's own ids. */
const extraTemplates = (scenario: ReadonlyArray<CommandJson>): CommandJson[] => {
  const first = (type: string) => {
    const found = scenario.find((c) => c.type === type);
    if (found === undefined) throw new Error(`the scenario has no ${type}`);
    return found;
  };
  const entity = first("RegisterEntity");
  const entityId = (entity.data as { entityId: string }).entityId;
  const hazard = first("RegisterHazard");
  const hazardIds = {
    hazardId: (hazard.data as { hazardId: string }).hazardId,
    entityId: (hazard.data as { entityId: string }).entityId,
  };
  const risk = first("IdentifyRisk");
  const riskIds = {
    riskId: (risk.data as { riskId: string }).riskId,
    entityId: (risk.data as { entityId: string }).entityId,
  };
  const launch = first("LaunchCampaign");
  const campaignId = (launch.data as { campaignId: string }).campaignId;
  const workstream = first("ListWorkstreamElements");
  const ws = workstream.data as { code: string; elements: string[] };
  const member = first("AppointLeadGroupMember");
  const at = "2020-12-20T10:00:00+08:00";
  const make = (type: string, like: CommandJson, data: Json): CommandJson => ({
    type,
    commandId: `law:${type}`,
    actor: like.actor,
    occurredAt: at,
    data,
  });
  const reason = "Corrected after the district's review";
  return [
    make("ChangePrincipal", entity, { entityId, principal: { name: "王五", phone: "13800000000" }, reason }),
    make("CorrectEntityDetails", entity, { entityId, name: "利州化工有限公司", creditCode: "", reason }),
    make("ReclassifyEntity", entity, { entityId, sector: "fireworks", district: "lizhou", reason }),
    make("TransferSupervision", entity, { entityId, supervisingDepartment: "GY-EMB", reason }),
    make("ChangeWorkstreamUnits", workstream, {
      code: ws.code,
      leadUnit: workstream.actor.unit,
      memberUnits: ["GY-EMB"],
      reason,
    }),
    make("DelistWorkstreamElement", workstream, { code: ws.code, element: ws.elements[0] ?? "E1", reason }),
    make("CloseWorkstream", workstream, { code: ws.code, elements: ws.elements }),
    make("ConcludeCampaign", launch, { campaignId, summary: "Concluded" }),
    make("RemoveLeadGroupMember", member, {
      campaignId,
      unit: (member.data as { unit: string }).unit,
      person: (member.data as { person: string }).person,
      reason,
    }),
    make("CorrectHazardDescription", hazard, {
      ...hazardIds,
      description: "消防通道堵塞（更正）",
      location: "",
      reason,
    }),
    make("RegradeHazard", hazard, { ...hazardIds, grade: "major", reason }),
    make("SetHazardDeadline", hazard, { ...hazardIds, deadline: "2021-02-28" }),
    make("SetRiskControls", risk, {
      ...riskIds,
      measures: ["Daily inspection"],
      responsiblePerson: { name: "李四" },
    }),
    ...(() => {
      const accident = first("ReportAccident");
      const accidentId = (accident.data as { accidentId: string }).accidentId;
      const figures = accident.data as { deaths: number; seriousInjuries: number };
      return [
        // a report with a casualty list (a fresh accident: the scenario's is reported already)
        make("ReportAccident", accident, {
          ...(accident.data as Record<string, Json>),
          accidentId: "A2020-LAW-CAS",
          deaths: Math.max(1, figures.deaths),
          seriousInjuries: Math.max(1, figures.seriousInjuries),
          casualties: [
            { name: "李四", outcome: "dead", idNumber: "11010519491231002X" },
            { name: "王五", outcome: "seriously-injured" },
            { name: "赵六", outcome: "missing" },
          ],
          occurredAt: "2020-12-20T09:30:00+08:00",
        }),
        // a revision with a new casualty list (the missing person found dead), within 30 days
        make("ReviseAccidentCasualties", accident, {
          accidentId: "A2020-LAW-CAS",
          deaths: Math.max(1, figures.deaths) + 1,
          seriousInjuries: Math.max(1, figures.seriousInjuries),
          reason: "The missing person was found dead",
          casualties: [
            { name: "李四", outcome: "dead", idNumber: "11010519491231002X" },
            { name: "王五", outcome: "seriously-injured" },
            { name: "赵六", outcome: "dead" },
          ],
        }),
        make("CorrectAccidentReport", accident, {
          accidentId,
          kind: "fire",
          description: "Corrected",
          reason,
        }),
        make("WithdrawAccidentReport", accident, {
          accidentId,
          reason: "Reported twice",
          duplicateOf: "A2019-001",
        }),
      ];
    })(),
    make("RegisterSigningKey", launch, {
      keyId: "GY-AUDIT-2020",
      algorithm: "ed25519",
      publicKey: generateSigningKeyPair("ed25519").publicKeyPem,
      ownerUnit: "GY-AUDIT",
      validFrom: "2020-01-01T00:00:00+08:00",
    }),
    make("RetireSigningKey", launch, { keyId: "GY-AUDIT-2020", reason: "Rotated" }),
    make("SealLedger", launch, {
      position: "10",
      streams: 1,
      root: sealRoot([[`campaign-${campaignId}`, 0, "1".repeat(64)]]),
      heads: [[`campaign-${campaignId}`, 0, "1".repeat(64)]],
    }),
  ];
};

const SPLIT = "2020-07-01";
let store: EventStore;
let templates: Map<string, CommandJson[]>;
let handle: ReturnType<typeof createCommandHandler>;
let counter = 0;
/** Commands that appended events, by aggregate: the law is only as good as what got through. */
const appended = new Map<string, number>();

beforeAll(async () => {
  // The ledger holds the scenario up to mid-2020; the rest of it is still to come, so commands
  // drawn from it find the state they were written for and the deciders accept many of them.
  const all = guangyuanCommands();
  const scenario = all as unknown as ReadonlyArray<CommandJson>;
  const prefix = scenario.filter((c) => c.occurredAt < SPLIT);
  const later = scenario.filter((c) => c.occurredAt >= SPLIT);
  store = createMemoryStore();
  await runGuangyuan(store, { commands: all.filter((c) => c.occurredAt < SPLIT) });
  handle = createCommandHandler(store);
  templates = new Map();
  const earlierOfMissingTypes = prefix.filter((c) => !later.some((l) => l.type === c.type));
  for (const c of [...later, ...earlierOfMissingTypes, ...extraTemplates(scenario)]) {
    const decoded = decodeCommandJson(c);
    if (E.isLeft(decoded)) throw new Error(`template ${c.type} does not decode: ${decoded.left.message}`);
    const category = decoded.right.aggregate.category;
    const list = templates.get(category) ?? [];
    // A few of each type is enough; keep the list short so every type is drawn often.
    if (list.filter((t) => t.type === c.type).length < 8) list.push(c);
    templates.set(category, list);
  }
});

/** Run one mutated command; whatever it appends must decode. */
const accepted = async (json: CommandJson): Promise<void> => {
  const decoded = decodeCommandJson(json);
  if (E.isLeft(decoded)) return;
  const { aggregate, envelope } = decoded.right as {
    aggregate: AnyAggregate;
    envelope: typeof decoded.right.envelope;
  };
  const outcome = await handle(aggregate, envelope);
  if (E.isLeft(outcome)) return;
  const { stream, events } = outcome.right;
  if (events.length === 0) return;
  appended.set(aggregate.category, (appended.get(aggregate.category) ?? 0) + 1);
  const from = (outcome.right.revision ?? 0) - events.length + 1;
  for await (const stored of store.readStream(stream, { fromRevision: from })) {
    const read = ledgerEvents.decode(stored);
    if (E.isLeft(read))
      throw new Error(`accepted ${json.type} (${JSON.stringify(json)}) is unreadable: ${read.left.message}`);
  }
};

describe("accepted means readable (decode ∘ encode ∘ decide)", () => {
  it("has a template for every command type", () => {
    const covered = new Set([...templates.values()].flat().map((c) => c.type));
    expect(commandTypes().filter((type) => !covered.has(type))).toEqual([]);
  });

  const categories = [
    "campaign",
    "workstream",
    "task",
    "resplist",
    "entity",
    "risk",
    "hazard",
    "accident",
    "ledger",
  ];
  it.each(categories)("holds for every command of the %s aggregate", async (category) => {
    const list = templates.get(category) ?? [];
    expect(list.length).toBeGreaterThan(0);
    const mutated = fc
      .tuple(
        fc.constantFrom(...list),
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), oddValue), { minLength: 0, maxLength: 3 }),
      )
      .map(([template, envelopeChoice, replacements]) => {
        const paths = leaves(template.data).map((p) => ["data", ...p] as Array<string | number>);
        paths.push(["occurredAt"]);
        let json = template as unknown as Json;
        for (const [choice, value] of replacements)
          json = setAt(json, paths[choice % paths.length] ?? [], value);
        // Now and then a valid command at an edge business time, so the deciders accept some.
        if (envelopeChoice % 4 === 0)
          json = setAt(
            json,
            ["occurredAt"],
            ["2020-02-29", "2020-12-31T23:59:59+08:00", "2021-01-01T00:00:00+14:00"][envelopeChoice % 3] ??
              null,
          );
        return json as unknown as CommandJson;
      });
    await fc.assert(
      fc.asyncProperty(mutated, async (json) => {
        counter += 1;
        await accepted({ ...json, commandId: `law-${category}-${counter}` });
      }),
      { numRuns: 300 },
    );
    expect(appended.get(category) ?? 0).toBeGreaterThan(0);
  });

  it("leaves a ledger every read model reads to the end", async () => {
    const { stamp } = await runProjections(store, ledgerEvents, [
      campaignLedgerProjection,
      supervisionProjection,
    ] as const);
    expect(stamp.events).toBeGreaterThan(500);
  });

  it("refuses the dates that used to poison the ledger, naming the field", () => {
    const base = guangyuanCommands().find((c) => c.type === "RegisterEntity") as unknown as CommandJson;
    for (const occurredAt of [
      "2020-02-30",
      "2021-02-29T10:00+08:00",
      "2020-04-31T09:00:00+08:00",
      "2020-04-30T24:00+08:00",
    ]) {
      const decoded = decodeCommandJson({ ...base, occurredAt });
      expect(E.isLeft(decoded) && decoded.left.issues[0]?.path).toBe("occurredAt");
    }
  });
});
