/**
 * The registry of personal information (PIPL) in event data: for each event type and schema
 * version, the data paths that hold a natural person's information and whose person they are,
 * and the paths that look personal but are not (with the reason). The classification test
 * (`personal-fields.test.ts`) fails when an event codec gains a field that looks personal and
 * is not classified here, or when an entry names a path the codec does not have.
 */

/** Whose information a personal field holds. */
export const DATA_SUBJECT_KINDS = {
  principal: "the entity's principal person (主要负责人)",
  "safety-manager": "the entity's safety manager (安全管理人员)",
  "control-responsible": "the person responsible for a risk's controls (管控责任人)",
  evaluator: "the expert or agency staff who evaluated a hazard's treatment (评估人员)",
  casualty: "a person killed or injured in an accident (伤亡人员)",
} as const;
export type DataSubjectKind = keyof typeof DATA_SUBJECT_KINDS;

/** The personal fields of one event type at one schema version, and its look-alikes that are not. */
export interface EventPersonalFields {
  readonly type: string;
  readonly schemaVersion: number;
  /** Data path (`principal.phone`, `casualties[].name`) → whose information it is. */
  readonly personal: Readonly<Record<string, DataSubjectKind>>;
  /** Data path → why a field that looks personal is not personal information to protect. */
  readonly notPersonal?: Readonly<Record<string, string>>;
  /**
   * The persons (the object holding their fields, `from`) who are the record's current holder of
   * their kind, named again: their fields go under that person's data subject. Every other
   * person in the event is one the ledger meets there and gets a subject of their own.
   */
  readonly current?: ReadonlyArray<string>;
}

/** A field classified as personal information. */
export interface PersonalField {
  readonly path: string;
  readonly subject: DataSubjectKind;
}

const ENTERPRISE_NAME = "the enterprise's registered name, not a natural person's";
const ENTERPRISE_ADDRESS = "the enterprise's registered business address";

/**
 * Paths that hold an official's or a unit's clerk's name as the one who acted: accountability
 * records kept under a statutory duty, like the actor in every event's metadata. They stay in
 * clear in every event type.
 */
export const ACTOR_PATHS: Readonly<Record<string, string>> = {
  "by.person": "the person who acted for a unit: an accountability record",
  "assignedBy.person": "the official who assigned the task: an accountability record",
  "verifiedBy.person": "the official who verified the completion: an accountability record",
  "rejectedBy.person": "the official who rejected the completion: an accountability record",
  "approvedBy.person": "the official who approved the cancellation: an accountability record",
  "recordedBy.person": "the person who recorded the duty performed: an accountability record",
};

export const PERSONAL_FIELDS: ReadonlyArray<EventPersonalFields> = [
  {
    type: "CampaignLaunched",
    schemaVersion: 1,
    personal: {},
    notPersonal: { name: "the campaign's title", "stages[].name": "a stage's title" },
  },
  {
    type: "LeadGroupMemberAppointed",
    schemaVersion: 1,
    personal: {},
    notPersonal: { person: "an official named to a public post of the lead group" },
  },
  {
    type: "LeadGroupMemberRemoved",
    schemaVersion: 1,
    personal: {},
    notPersonal: { person: "an official removed from a public post of the lead group" },
  },
  {
    type: "WorkstreamDefined",
    schemaVersion: 1,
    personal: {},
    notPersonal: { name: "the workstream's title" },
  },
  {
    type: "EntityRegistered",
    schemaVersion: 1,
    personal: {
      "principal.name": "principal",
      "principal.phone": "principal",
      "safetyManager.name": "safety-manager",
      "safetyManager.phone": "safety-manager",
    },
    notPersonal: { name: ENTERPRISE_NAME, address: ENTERPRISE_ADDRESS },
  },
  {
    type: "SafetyManagerChanged",
    schemaVersion: 1,
    current: ["from"],
    personal: {
      "from.name": "safety-manager",
      "from.phone": "safety-manager",
      "to.name": "safety-manager",
      "to.phone": "safety-manager",
    },
  },
  {
    type: "PrincipalChanged",
    schemaVersion: 1,
    current: ["from"],
    personal: {
      "from.name": "principal",
      "from.phone": "principal",
      "to.name": "principal",
      "to.phone": "principal",
    },
  },
  {
    type: "EntityDetailsCorrected",
    schemaVersion: 1,
    personal: {},
    notPersonal: {
      "from.name": ENTERPRISE_NAME,
      "to.name": ENTERPRISE_NAME,
      "from.address": ENTERPRISE_ADDRESS,
      "to.address": ENTERPRISE_ADDRESS,
    },
  },
  {
    type: "RiskIdentified",
    schemaVersion: 1,
    personal: {},
    notPersonal: { name: "the risk's title" },
  },
  {
    type: "RiskControlsSet",
    schemaVersion: 1,
    personal: {
      "responsiblePerson.name": "control-responsible",
      "responsiblePerson.phone": "control-responsible",
    },
  },
  {
    type: "TreatmentPlanSubmitted",
    schemaVersion: 1,
    personal: {},
    notPersonal: {
      "plan.organisationAndPeople": "free text of the plan, screened for phone and ID numbers",
    },
  },
  {
    type: "AccidentReported",
    schemaVersion: 1,
    personal: { "casualties[].name": "casualty", "casualties[].idNumber": "casualty" },
    notPersonal: {
      "casualties[].outcome":
        "dead, seriously injured, injured or missing: with the name and ID number encrypted (and once erased) it is of no identifiable person, and it is what the public casualty figures count",
    },
  },
  {
    type: "AccidentCasualtiesRevised",
    schemaVersion: 1,
    personal: { "casualties[].name": "casualty", "casualties[].idNumber": "casualty" },
    notPersonal: {
      "casualties[].outcome":
        "dead, seriously injured, injured or missing: with the name and ID number encrypted (and once erased) it is of no identifiable person, and it is what the public casualty figures count",
    },
  },
  {
    type: "HazardTreatmentEvaluated",
    schemaVersion: 1,
    personal: { evaluatorName: "evaluator" },
    notPersonal: { evaluator: "the kind of evaluator (own experts or an agency), not a name" },
  },
];

const byTypeAndVersion = new Map(PERSONAL_FIELDS.map((e) => [`${e.type}@${e.schemaVersion}`, e]));

/** The personal fields of an event type at a schema version (none when it is not registered). */
export const personalFieldsOf = (type: string, schemaVersion: number): ReadonlyArray<PersonalField> =>
  Object.entries(byTypeAndVersion.get(`${type}@${schemaVersion}`)?.personal ?? {}).map(([path, subject]) => ({
    path,
    subject,
  }));

/** The persons of an event type that are the record's current holder of their kind (`from`). */
export const currentPersonsOf = (type: string, schemaVersion: number): ReadonlyArray<string> =>
  byTypeAndVersion.get(`${type}@${schemaVersion}`)?.current ?? [];

/** Why a path of an event type that looks personal is not, if the registry says so. */
export const notPersonalReason = (type: string, schemaVersion: number, path: string): string | undefined =>
  byTypeAndVersion.get(`${type}@${schemaVersion}`)?.notPersonal?.[path] ?? ACTOR_PATHS[path];
