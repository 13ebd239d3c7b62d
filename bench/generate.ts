/**
 * A synthetic city-scale history with the proportions of the Guangyuan scenario: one campaign
 * with its four stages, fifteen workstreams whose key-task elements run their lifecycle
 * (listed, assigned, started, progress reports, extensions, completion, rejection, verification),
 * a real-name list of supervised entities, their risks (identified, assessed, controls set), their
 * hidden hazards through the closed loop (general: registered, rectified, accepted; major:
 * reported, plan, five implementations, suspension, remediation, evaluation, written
 * application, acceptance) and accidents (reported, investigated).
 *
 * Every event is what the deciders decide: each command is decoded with the aggregate's command
 * codec, decided on the folded state of its stream (and the related streams' states, as the
 * command handler passes them), evolved, encoded, hash-chained and appended. The only shortcut
 * against the command handler is that the generator keeps the folded states itself and hands
 * the store batches of many streams at once (`appendBatch`), instead of one read-decide-append
 * round trip per command.
 *
 *   tsx bench/generate.ts [events=1000000] [--sqlite path | --memory]
 */
import {
  type Actor,
  type AnyAggregate,
  accidentAggregate,
  appendBatch,
  type BatchAppend,
  campaignAggregate,
  chainEvents,
  decodeCommand,
  type EventStore,
  type EventToAppend,
  entityAggregate,
  expectedFromCurrent,
  GENESIS_HASH,
  hazardAggregate,
  ledgerEvents,
  newEventId,
  newId,
  REFERENCE_CAMPAIGN_SPAN,
  REFERENCE_STAGE_DATES,
  RULES_VERSION,
  riskAggregate,
  taskElementAggregate,
  workstreamAggregate,
} from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";

/** A small, fast, seeded PRNG (mulberry32), so a history is reproducible but for its ids. */
const seeded = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const DAY = 86_400_000;
const START = Date.parse("2020-04-01T09:00:00+08:00");
const END = Date.parse("2022-12-20T17:00:00+08:00");

/** Guangyuan time (UTC+8) of an instant, as ISO 8601 with offset, and its date. */
const gyTime = (ms: number): string => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
const gyDate = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

const DEPARTMENTS = [
  "GY-EMB",
  "GY-FIRE",
  "GY-TRANS",
  "GY-HOUSING",
  "GY-ECON",
  "GY-ECOENV",
  "GY-MARKET",
  "GY-AGRI",
  "GY-TRAFFIC",
] as const;
const SECTORS = [
  "coal-mine",
  "non-coal-mine",
  "hazardous-chemicals",
  "fireworks",
  "metallurgy",
  "building-materials",
  "machinery",
  "light-industry",
  "commerce-trade",
  "road-transport",
  "construction",
  "special-equipment",
] as const;
const DISTRICTS = ["lizhou", "zhaohua", "chaotian", "wangcang", "qingchuan", "jiange", "cangxi"] as const;
const WORKSTREAMS = [
  ["ZT1", "topic", "安全发展理念", 0],
  ["ZT2", "topic", "企业主体责任", 0],
  ["HC", "project", "危险化学品", 0],
  ["MINE", "project", "煤矿", 0],
  ["NCM", "project", "非煤矿山", 0],
  ["FIRE", "project", "消防", 1],
  ["ROAD", "project", "道路运输", 2],
  ["TRAF", "project", "交通运输", 2],
  ["CITY", "project", "城市建设", 3],
  ["IND", "project", "工业园区", 4],
  ["HAZW", "project", "危险废物", 5],
  ["SPEQ", "project", "特种设备", 6],
  ["AGRI", "project", "农业机械", 7],
  ["TRFC", "project", "道路交通", 8],
  ["FIREW", "project", "烟花爆竹", 0],
] as const;

const OFFICE: Actor = { unit: "GY-SAFETY-OFFICE", role: "office", person: "Office clerk Li" };
const LEAD_GROUP: Actor = { unit: "GY-LEAD-GROUP", role: "lead-group", person: "Deputy Mayor" };
const AGENCY: Actor = { unit: "AG-SC-01", role: "agency", person: "Expert Hu" };
const dept = (unit: string): Actor => ({ unit, role: "department", person: `${unit} officer` });
const enterprise = (entityId: string, who = "manager"): Actor => ({
  unit: entityId,
  role: "enterprise",
  person: `${entityId} ${who}`,
});

/** One command of a lifecycle: what to send, who sends it. */
interface Step {
  readonly aggregate: AnyAggregate;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly actor: Actor;
}
/** A lifecycle yields its steps one at a time; the scheduler interleaves many of them. */
type Lifecycle = Generator<Step | undefined, void, void>;

export interface GenerateOptions {
  /** How many events to write (default 1,000,000). */
  readonly events?: number;
  readonly seed?: number;
  /** Events handed to the store per `appendBatch` call (default 5,000). */
  readonly batchEvents?: number;
  /** Lifecycles in flight at once (default 2,000). */
  readonly concurrent?: number;
  readonly onProgress?: (written: number) => void;
}

export interface GenerateReport {
  readonly events: number;
  readonly commands: number;
  readonly streams: number;
  readonly byCategory: Readonly<Record<string, number>>;
  readonly seconds: number;
  /** Of which in `appendBatch` (the store's share). */
  readonly appendSeconds: number;
}

interface Folded {
  state: unknown;
  revision: number | undefined;
  lastHash: string;
}

export const generateHistory = async (
  store: EventStore,
  options: GenerateOptions = {},
): Promise<GenerateReport> => {
  const target = options.events ?? 1_000_000;
  const batchEvents = options.batchEvents ?? 5_000;
  const concurrent = options.concurrent ?? Math.max(20, Math.min(2_000, Math.floor(target / 200)));
  const random = seeded(options.seed ?? 20200401);
  const pick = <T>(xs: ReadonlyArray<T>): T => xs[Math.floor(random() * xs.length)]!;
  const started = process.hrtime.bigint();
  let appendNs = 0n;

  const folded = new Map<string, Folded>();
  const pending = new Map<string, { expected: number | undefined; events: EventToAppend[] }>();
  let pendingEvents = 0;
  let written = 0;
  let commands = 0;
  const byCategory: Record<string, number> = {};

  /** Business time follows the share of the history written: three years for the whole target. */
  const now = (): number => START + Math.floor(((END - START) * written) / target);

  const flush = async () => {
    if (pendingEvents === 0) return;
    const batch: BatchAppend[] = [];
    for (const [stream, { expected, events }] of pending)
      batch.push({ stream, events, expected: expectedFromCurrent(expected) });
    pending.clear();
    pendingEvents = 0;
    const t0 = process.hrtime.bigint();
    const result = await appendBatch(store, batch);
    appendNs += process.hrtime.bigint() - t0;
    if (E.isLeft(result)) throw new Error(`append failed: ${result.left.message}`);
  };

  /** A field of a stream's folded state (the generator reads who supervises an entity). */
  const field = (stream: string, name: string): unknown =>
    (folded.get(stream)?.state as Record<string, unknown> | undefined)?.[name];

  const stateOf = (aggregate: AnyAggregate, stream: string): unknown =>
    folded.get(stream)?.state ?? aggregate.decider.initialState;

  /** Decode, decide, evolve, encode, chain and queue one command, as the command handler would. */
  const submit = (step: Step, at: number): void => {
    const command = decodeCommand(step.aggregate, step.type, step.data);
    if (E.isLeft(command)) throw new Error(`${step.type}: ${command.left.message}`);
    const aggregate = step.aggregate;
    const stream = aggregate.streamOf(command.right);
    const current = folded.get(stream) ?? {
      state: aggregate.decider.initialState,
      revision: undefined,
      lastHash: GENESIS_HASH,
    };
    const related: Record<string, unknown> = {};
    for (const r of aggregate.related?.(command.right) ?? []) related[r.key] = stateOf(r.aggregate, r.stream);
    const commandId = newId();
    const occurredAt = gyTime(at);
    const decided = aggregate.decider.decide(command.right, current.state, {
      actor: step.actor,
      occurredAt,
      commandId,
      ...(aggregate.related === undefined ? {} : { related }),
    });
    if (E.isLeft(decided))
      throw new Error(`${step.type} on ${stream} was rejected: ${decided.left.code} ${decided.left.message}`);
    commands += 1;
    const events = decided.right;
    if (events.length === 0) return;
    // A few entries reach the ledger late (paper forms): recorded 8 to 40 days after the fact.
    const lag =
      random() < 0.015 ? (8 + Math.floor(random() * 32)) * DAY : 60_000 + Math.floor(random() * 3_600_000);
    const recordedAt = new Date(at + lag).toISOString();
    const first = current.revision === undefined ? 0 : current.revision + 1;
    const chained = chainEvents(
      stream,
      first,
      current.lastHash,
      events.map((event) => ({
        id: newEventId(),
        ...aggregate.events.encode(event),
        metadata: {
          actor: step.actor,
          commandId,
          commandType: step.type,
          correlationId: commandId,
          causationId: commandId,
          occurredAt,
          recordedAt,
          rulesVersion: RULES_VERSION,
        },
      })),
    );
    let state = current.state;
    for (const event of events) state = aggregate.decider.evolve(state, event);
    folded.set(stream, {
      state,
      revision: first + events.length - 1,
      lastHash: chained[chained.length - 1]!.metadata.hash,
    });
    let queued = pending.get(stream);
    if (queued === undefined) {
      queued = { expected: current.revision, events: [] };
      pending.set(stream, queued);
    }
    for (const e of chained) queued.events.push(e);
    pendingEvents += chained.length;
    written += chained.length;
    const category = stream.slice(0, stream.indexOf("-"));
    byCategory[category] = (byCategory[category] ?? 0) + chained.length;
    // Every 997th event is decoded back through the catalogue, as any reader of the ledger will.
    if (written % 997 < chained.length)
      for (const e of chained) {
        const back = ledgerEvents.decodeData(e.type, e.schemaVersion, e.data);
        if (E.isLeft(back)) throw new Error(`${e.type} does not decode: ${JSON.stringify(back.left)}`);
      }
  };

  // ---- the lifecycles --------------------------------------------------------------------

  const entities: string[] = [];
  let entityCount = 0;
  let riskCount = 0;
  let hazardCount = 0;
  let accidentCount = 0;
  let elementCount = 0;
  /** Workstream codes with elements listed but not yet assigned. */
  const listed: Array<{ code: string; ws: (typeof WORKSTREAMS)[number] }> = [];

  const wsLead = (ws: (typeof WORKSTREAMS)[number]) => DEPARTMENTS[ws[3]];
  const wsMembers = (ws: (typeof WORKSTREAMS)[number]) => DEPARTMENTS.filter((d) => d !== wsLead(ws));

  function* entityLife(): Lifecycle {
    const entityId = `E${String(++entityCount).padStart(6, "0")}`;
    const department = pick(DEPARTMENTS);
    yield {
      aggregate: entityAggregate,
      type: "RegisterEntity",
      data: {
        entityId,
        name: `Guangyuan enterprise ${entityId} (synthetic)`,
        sector: pick(SECTORS),
        district: pick(DISTRICTS),
        supervisingDepartment: department,
        principal: { name: `${entityId} principal` },
        safetyManager: { name: `${entityId} safety manager` },
        creditCode: `91510800${entityId}`,
      },
      actor: dept(department),
    };
    yield { aggregate: entityAggregate, type: "ActivateEntity", data: { entityId }, actor: dept(department) };
    entities.push(entityId);
    if (random() < 0.2)
      yield {
        aggregate: entityAggregate,
        type: "ChangeSafetyManager",
        data: { entityId, safetyManager: { name: `${entityId} new safety manager` }, reason: "staff change" },
        actor: enterprise(entityId),
      };
  }

  function* riskLife(): Lifecycle {
    const entityId = pick(entities);
    const riskId = `R${String(++riskCount).padStart(7, "0")}`;
    const ids = { riskId, entityId };
    yield {
      aggregate: riskAggregate,
      type: "IdentifyRisk",
      data: { ...ids, name: `Risk point ${riskId}`, location: "workshop 2" },
      actor: enterprise(entityId),
    };
    const controls = {
      measures: ["interlock", "daily patrol"],
      responsiblePerson: { name: `${entityId} safety manager` },
    };
    yield {
      aggregate: riskAggregate,
      type: "AssessRisk",
      data: {
        ...ids,
        stage: "initial",
        lec: { l: pick([0.5, 1, 3, 6]), e: pick([1, 2, 3, 6]), c: pick([1, 3, 7, 15, 40]) },
        controls,
      },
      actor: enterprise(entityId),
    };
    if (random() < 0.4)
      yield {
        aggregate: riskAggregate,
        type: "AssessRisk",
        data: { ...ids, stage: "residual", lec: { l: 1, e: pick([1, 2, 3]), c: pick([1, 3, 7]) }, controls },
        actor: enterprise(entityId),
      };
  }

  function* hazardLife(): Lifecycle {
    const entityId = pick(entities);
    const hazardId = `H${String(++hazardCount).padStart(7, "0")}`;
    const ids = { hazardId, entityId };
    const owner = enterprise(entityId);
    const supervising = String(field(`entity-${entityId}`, "supervisingDepartment"));
    const h = (type: string, data: Record<string, unknown>, actor: Actor): Step => ({
      aggregate: hazardAggregate,
      type,
      data: { ...ids, ...data },
      actor,
    });
    const today = gyDate(now());
    if (random() < 0.9) {
      const government = random() < 0.3;
      yield h(
        "RegisterHazard",
        {
          source: government ? "government-inspection" : "self-inspection",
          grade: "general",
          description: pick([
            "blocked fire exit",
            "missing guard rail",
            "expired extinguisher",
            "loose wiring",
          ]),
          discoveredOn: today,
          deadline: gyDate(now() + 30 * DAY),
          location: "plant area",
        },
        government ? dept(supervising) : owner,
      );
      yield h("RecordRectification", { measures: "rectified on site" }, owner);
      if (random() < 0.08) {
        yield h("RejectHazardAcceptance", { reason: "not fully rectified" }, dept(supervising));
        yield h("RecordRectification", { measures: "rectified again" }, owner);
      }
      yield h("AcceptHazard", { note: "checked on site" }, dept(supervising));
      return;
    }
    yield h(
      "RegisterHazard",
      {
        source: "self-inspection",
        grade: "major",
        description: "corroded pressure pipeline",
        discoveredOn: today,
        deadline: gyDate(now() + 120 * DAY),
      },
      owner,
    );
    yield h("ReportMajorHazard", {}, owner);
    if (random() < 0.3) yield h("ListHazardForSupervision", { documentRef: `GY-AB-${hazardId}` }, OFFICE);
    yield h(
      "SubmitTreatmentPlan",
      {
        plan: {
          objectives: "eliminate the hazard",
          methods: "replace the pipeline section",
          fundsAndMaterials: "¥300,000",
          organisationAndPeople: "maintenance team",
          timeLimit: gyDate(now() + 90 * DAY),
          safetyAndEmergency: "isolation; emergency plan",
        },
      },
      owner,
    );
    for (const element of ["measures", "responsibility", "funds", "time-limit", "contingency-plan"])
      yield h("ConfirmImplementation", { element, detail: `${element} in place` }, owner);
    yield h("SuspendProductionForHazard", { scope: "partial", workersWithdrawn: true }, owner);
    yield h("StartRemediation", {}, owner);
    yield h("RecordRectification", { measures: "pipeline replaced" }, owner);
    yield h(
      "EvaluateHazardTreatment",
      {
        evaluator: "agency",
        evaluatorName: "Sichuan Safety Assessment Co.",
        conclusion: "effective",
        reportRef: `EV-${hazardId}`,
      },
      AGENCY,
    );
    yield h("ApplyForHazardAcceptance", { applicationRef: `APP-${hazardId}` }, owner);
    const listedBy = field(`hazard-${hazardId}`, "listedBy");
    yield h("AcceptHazard", {}, listedBy ? OFFICE : dept(supervising));
  }

  function* accidentLife(): Lifecycle {
    const entityId = pick(entities);
    const accidentId = `A${String(++accidentCount).padStart(6, "0")}`;
    const happened = now() - 3 * 3_600_000;
    yield {
      aggregate: accidentAggregate,
      type: "ReportAccident",
      data: {
        accidentId,
        entityId,
        occurredAt: gyTime(happened),
        reportedAt: gyTime(happened + 3_600_000),
        deaths: random() < 0.3 ? 1 : 0,
        seriousInjuries: Math.floor(random() * 3),
        directLossFen: Math.floor(random() * 50_000_00),
        description: "fall from height (synthetic)",
      },
      actor: enterprise(entityId),
    };
    const supervising = String(field(`entity-${entityId}`, "supervisingDepartment"));
    yield {
      aggregate: accidentAggregate,
      type: "ConcludeAccidentInvestigation",
      data: { accidentId, reportRef: `INV-${accidentId}`, cause: "unsafe act", liability: random() < 0.6 },
      actor: dept(supervising),
    };
  }

  /** A tranche of elements listed on a workstream by its lead unit. */
  function* listingLife(): Lifecycle {
    const ws = pick(WORKSTREAMS);
    const codes: string[] = [];
    for (let i = 0; i < 20; i++) codes.push(`${ws[0]}-${String(++elementCount).padStart(6, "0")}`);
    yield {
      aggregate: workstreamAggregate,
      type: "ListWorkstreamElements",
      data: { code: ws[0], elements: codes },
      actor: dept(wsLead(ws)),
    };
    for (const code of codes) listed.push({ code, ws });
  }

  const currentStage = (): string => {
    const date = gyDate(now());
    let stage = REFERENCE_STAGE_DATES[0]!.key;
    for (const s of REFERENCE_STAGE_DATES) if (s.start <= date) stage = s.key;
    return stage;
  };

  function* taskLife(): Lifecycle {
    const { code, ws } = listed.pop()!;
    const members = wsMembers(ws);
    const lead = pick(members);
    const co = pick(members.filter((m) => m !== lead));
    const leadActor = dept(lead);
    const t = (type: string, data: Record<string, unknown>, actor: Actor): Step => ({
      aggregate: taskElementAggregate,
      type,
      data: { code, ...data },
      actor,
    });
    const deadline = Math.min(now() + (120 + Math.floor(random() * 240)) * DAY, END);
    yield t(
      "AssignTaskElement",
      {
        campaignId: "GY",
        workstream: ws[0],
        task: `${ws[2]}专项整治`,
        element: `要素 ${code}`,
        leadUnit: lead,
        coUnits: [co],
        deadline: gyDate(deadline),
        stage: currentStage(),
        deliverable: "排查整治台账",
      },
      OFFICE,
    );
    yield t("StartTaskElement", {}, leadActor);
    const reports = 1 + Math.floor(random() * 5);
    for (let i = 1; i <= reports; i++)
      yield t(
        "ReportTaskProgress",
        { note: `progress report ${i}`, percent: Math.min(95, i * 20) },
        leadActor,
      );
    if (random() < 0.1 && deadline + 60 * DAY < END) {
      yield t(
        "RequestDeadlineExtension",
        { newDeadline: gyDate(deadline + 60 * DAY), reason: "the survey took longer" },
        leadActor,
      );
      yield t("GrantDeadlineExtension", {}, OFFICE);
    }
    const complete = () =>
      t(
        "ReportTaskCompletion",
        { summary: "element completed", evidence: [{ description: "台账", reference: `D-${code}` }] },
        leadActor,
      );
    yield complete();
    if (random() < 0.12) {
      yield t("RejectTaskCompletion", { workstream: ws[0], reason: "evidence incomplete" }, dept(wsLead(ws)));
      yield complete();
    }
    yield t("VerifyTaskCompletion", { workstream: ws[0], note: "checked" }, dept(wsLead(ws)));
  }

  // ---- the scheduler ---------------------------------------------------------------------

  /** Target shares of the history's events by kind (Guangyuan proportions, scaled up). */
  const shares = { entity: 0.05, risk: 0.14, hazard: 0.48, accident: 0.006, task: 0.31, listing: 0.014 };
  const spawned: Record<keyof typeof shares, number> = {
    entity: 0,
    risk: 0,
    hazard: 0,
    accident: 0,
    task: 0,
    listing: 0,
  };
  /** Mean events of each lifecycle, to turn shares of events into counts of lifecycles. */
  const meanEvents = { entity: 2.2, risk: 2.4, hazard: 4.3, accident: 2, task: 6.6, listing: 1 };
  const spawn = (): Lifecycle | undefined => {
    const minEntities = Math.min(50, Math.ceil(target / 2000));
    if (entities.length + (entityCount - entities.length) < minEntities) {
      spawned.entity += 1;
      return entityLife();
    }
    let best: keyof typeof shares | undefined;
    let bestLag = Number.POSITIVE_INFINITY;
    for (const kind of Object.keys(shares) as Array<keyof typeof shares>) {
      if (kind !== "entity" && kind !== "listing" && kind !== "task" && entities.length === 0) continue;
      if (kind === "task" && listed.length === 0) continue;
      const lag = (spawned[kind] * meanEvents[kind]) / shares[kind];
      if (lag < bestLag) {
        bestLag = lag;
        best = kind;
      }
    }
    if (best === undefined) return undefined;
    spawned[best] += 1;
    switch (best) {
      case "entity":
        return entityLife();
      case "risk":
        return riskLife();
      case "hazard":
        return hazardLife();
      case "accident":
        return accidentLife();
      case "task":
        return taskLife();
      case "listing":
        return listingLife();
    }
  };

  // The campaign, its workstreams and its stages are set up first and advanced on their dates.
  submit(
    {
      aggregate: campaignAggregate,
      type: "LaunchCampaign",
      data: {
        campaignId: "GY",
        name: "广元市安全生产专项整治三年行动",
        start: REFERENCE_CAMPAIGN_SPAN.start,
        end: REFERENCE_CAMPAIGN_SPAN.end,
        stages: REFERENCE_STAGE_DATES.map((s) => ({ ...s })),
      },
      actor: LEAD_GROUP,
    },
    START,
  );
  for (const ws of WORKSTREAMS)
    submit(
      {
        aggregate: workstreamAggregate,
        type: "DefineWorkstream",
        data: {
          code: ws[0],
          campaignId: "GY",
          kind: ws[1],
          name: ws[2],
          leadUnit: wsLead(ws),
          memberUnits: wsMembers(ws),
        },
        actor: OFFICE,
      },
      START,
    );
  let stage = 0;

  const active: Lifecycle[] = [];
  while (written < target) {
    const at = now();
    const date = gyDate(at);
    while (stage + 1 < REFERENCE_STAGE_DATES.length && REFERENCE_STAGE_DATES[stage + 1]!.start <= date) {
      stage += 1;
      submit(
        {
          aggregate: campaignAggregate,
          type: "AdvanceStage",
          data: { campaignId: "GY", stage: REFERENCE_STAGE_DATES[stage]!.key },
          actor: OFFICE,
        },
        at,
      );
    }
    while (active.length < concurrent) {
      const life = spawn();
      if (life === undefined) break;
      active.push(life);
    }
    const i = Math.floor(random() * active.length);
    const life = active[i]!;
    const next = life.next();
    if (next.done === true || next.value === undefined) {
      active[i] = active[active.length - 1]!;
      active.pop();
      continue;
    }
    submit(next.value, at);
    if (pendingEvents >= batchEvents) {
      await flush();
      options.onProgress?.(written);
    }
  }
  await flush();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    events: written,
    commands,
    streams: folded.size,
    byCategory,
    seconds,
    appendSeconds: Number(appendNs) / 1e9,
  };
};

// ---- command line ------------------------------------------------------------------------

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/.*\//, ""));
if (isMain) {
  const args = process.argv.slice(2);
  const events = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
  const sqliteAt = args.indexOf("--sqlite");
  let store: EventStore;
  if (sqliteAt >= 0) {
    const { createSqliteStore } = await import("@safety-ledger/sqlite");
    store = createSqliteStore({ path: args[sqliteAt + 1] ?? "bench-history.db" });
  } else {
    const { createMemoryStore } = await import("@safety-ledger/core");
    store = createMemoryStore();
  }
  const report = await generateHistory(store, {
    events,
    onProgress: (n) => {
      if (n % 100_000 < 5_000) process.stderr.write(`\r${n.toLocaleString("en")} events`);
    },
  });
  process.stderr.write("\n");
  await store.close();
  console.log(
    JSON.stringify({ ...report, eventsPerSec: Math.round(report.events / report.seconds) }, null, 2),
  );
}
