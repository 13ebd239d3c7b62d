/** The state machines of the campaign context, as data (for docs and tests). */
import { markdownTable, mermaidStateDiagram, type Transition, transitionTable } from "../kernel/markdown";
import { campaignPermissions } from "./permissions";
import { CAMPAIGN_STAGES } from "./stages";

const LEADERSHIP = "lead-group, office";

/** A running campaign is in one of its stages; it advances one stage at a time and concludes from the last. */
export const campaignTransitions: ReadonlyArray<Transition> = [
  { from: "(none)", command: "LaunchCampaign", to: CAMPAIGN_STAGES[0]!.key, by: LEADERSHIP },
  ...CAMPAIGN_STAGES.slice(1).map((stage, i) => ({
    from: CAMPAIGN_STAGES[i]!.key,
    command: "AdvanceStage",
    to: stage.key,
    by: LEADERSHIP,
  })),
  {
    from: CAMPAIGN_STAGES[CAMPAIGN_STAGES.length - 1]!.key,
    command: "ConcludeCampaign",
    to: "Concluded",
    by: LEADERSHIP,
  },
];

export const workstreamTransitions: ReadonlyArray<Transition> = [
  { from: "(none)", command: "DefineWorkstream", to: "Open", by: LEADERSHIP },
  { from: "Open", command: "ChangeWorkstreamUnits", to: "Open", by: LEADERSHIP },
  {
    from: "Open",
    command: "ListWorkstreamElements",
    to: "Open",
    by: `${LEADERSHIP}, the workstream's lead unit`,
  },
  {
    from: "Open",
    command: "DelistWorkstreamElement",
    to: "Open",
    by: `${LEADERSHIP}, the workstream's lead unit`,
  },
  {
    from: "Open",
    command: "CloseWorkstream",
    to: "Closed",
    by: `${LEADERSHIP}; every element Verified or Cancelled`,
  },
];

const RESPONSIBLE = "the element's lead unit (department)";
const VERIFIER = "office, or the workstream's lead unit; never the element's lead unit";

export const taskElementTransitions: ReadonlyArray<Transition> = [
  {
    from: "(none)",
    command: "AssignTaskElement",
    to: "Assigned",
    by: `${LEADERSHIP}, the workstream's lead unit`,
  },
  { from: "Assigned", command: "StartTaskElement", to: "InProgress", by: RESPONSIBLE },
  { from: "InProgress", command: "ReportTaskProgress", to: "InProgress", by: RESPONSIBLE },
  {
    from: "InProgress",
    command: "ReportTaskCompletion",
    to: "CompletionReported",
    by: `${RESPONSIBLE}; the last open period`,
  },
  {
    from: "InProgress",
    command: "ReportTaskCompletion",
    to: "InProgress",
    by: `${RESPONSIBLE}; a recurring element with other periods open`,
  },
  {
    from: "InProgress",
    command: "VerifyTaskCompletion",
    to: "InProgress",
    by: `${VERIFIER}; a recurring element's period`,
  },
  {
    from: "CompletionReported",
    command: "VerifyTaskCompletion",
    to: "Verified",
    by: `${VERIFIER}; the last period`,
  },
  {
    from: "CompletionReported",
    command: "VerifyTaskCompletion",
    to: "CompletionReported",
    by: `${VERIFIER}; a recurring element with other periods awaiting verification`,
  },
  {
    from: "CompletionReported",
    command: "RejectTaskCompletion",
    to: "InProgress",
    by: `${VERIFIER}; with a reason`,
  },
  {
    from: "Assigned",
    command: "CancelTaskElement",
    to: "Cancelled",
    by: `${LEADERSHIP}; reason and approver`,
  },
  {
    from: "InProgress",
    command: "CancelTaskElement",
    to: "Cancelled",
    by: `${LEADERSHIP}; reason and approver`,
  },
  {
    from: "CompletionReported",
    command: "CancelTaskElement",
    to: "Cancelled",
    by: `${LEADERSHIP}; reason and approver`,
  },
];

export const responsibilityListTransitions: ReadonlyArray<Transition> = [
  { from: "(none)", command: "PublishResponsibilityList", to: "Published", by: LEADERSHIP },
  {
    from: "Published",
    command: "ReviseResponsibilityList",
    to: "Published",
    by: `${LEADERSHIP}; a new version`,
  },
  { from: "Published", command: "RecordDutyPerformance", to: "Published", by: "the duty's subject unit" },
];

/** The permission table, as the docs print it. */
export const permissionTable = (): string =>
  markdownTable(
    ["command", "roles", "condition"],
    campaignPermissions.map((r) => [r.command, r.roles.join(", "), r.condition ?? ""]),
  );

/** The generated blocks of docs/domain/campaign.md, by name; a test checks the doc contains each. */
export const campaignDocBlocks = (): ReadonlyArray<{ readonly name: string; readonly text: string }> => [
  { name: "campaign diagram", text: mermaidStateDiagram(campaignTransitions) },
  { name: "campaign transitions", text: transitionTable(campaignTransitions) },
  { name: "workstream diagram", text: mermaidStateDiagram(workstreamTransitions) },
  { name: "workstream transitions", text: transitionTable(workstreamTransitions) },
  { name: "task element diagram", text: mermaidStateDiagram(taskElementTransitions) },
  { name: "task element transitions", text: transitionTable(taskElementTransitions) },
  { name: "responsibility list diagram", text: mermaidStateDiagram(responsibilityListTransitions) },
  { name: "responsibility list transitions", text: transitionTable(responsibilityListTransitions) },
  { name: "permissions", text: permissionTable() },
];
