/**
 * The workstream decider. A workstream keeps its Key Task List (the element codes listed in
 * it); an element can be assigned only once listed, and the workstream closes only when every
 * listed element is Verified or Cancelled, which it learns by reading the elements' streams.
 */

import * as E from "fp-ts/lib/Either.js";
import type { CommandContext, Decider, Rejection } from "../../kernel/decider";
import { errorsOf } from "../../kernel/error-texts";
import { because } from "../../kernel/permission-texts";
import { CAMPAIGN_ERROR_TEXTS } from "../campaign/campaign-error-texts";
import { initialCampaignState } from "../campaign/state";
import { deny, mayIssue } from "../permissions";
import { relatedState, taskKey } from "../related";
import { checkUnits, firstDuplicate } from "../rules";
import { initialTaskState, type TaskState } from "../task/state";
import { businessDate } from "../values";
import type { WorkstreamCommand } from "./commands";
import type { WorkstreamEvent } from "./events";
import { evolveWorkstream, initialWorkstreamState, type WorkstreamState } from "./state";
import { WORKSTREAM_ERROR_TEXTS } from "./workstream-error-texts";

const { reject: workstreamReject } = errorsOf(WORKSTREAM_ERROR_TEXTS);
const { reject: campaignReject } = errorsOf(CAMPAIGN_ERROR_TEXTS);

type Decision = E.Either<Rejection, ReadonlyArray<WorkstreamEvent>>;

const requireOpen = (state: WorkstreamState, code: string): Decision | undefined => {
  if (state.status === "Undefined") return workstreamReject("WORKSTREAM_NOT_DEFINED", { code }, "code");
  if (state.status === "Closed")
    return workstreamReject("WORKSTREAM_CLOSED", { code, closedOn: state.closedOn }, "code");
  return undefined;
};

const requireLeadOrLeadership = (
  command: string,
  state: WorkstreamState,
  context: CommandContext,
): Decision | undefined =>
  context.actor.role === "department" && context.actor.unit !== state.leadUnit
    ? deny(
        command,
        context,
        because("WORKSTREAM_LEAD_OR_OFFICE", { workstream: state.code, leadUnit: state.leadUnit }),
      )
    : undefined;

const decideWorkstream = (
  command: WorkstreamCommand,
  state: WorkstreamState,
  context: CommandContext,
): Decision => {
  const role = mayIssue(command.type, context);
  if (E.isLeft(role)) return role;
  const on = businessDate(context.occurredAt);
  switch (command.type) {
    case "DefineWorkstream": {
      const { code, campaignId, kind, name, leadUnit, memberUnits, workingClass } = command.data;
      if (state.status !== "Undefined")
        return workstreamReject("WORKSTREAM_ALREADY_DEFINED", { code }, "code");
      const campaign = relatedState(context, "campaign", initialCampaignState);
      if (campaign.status === "NotLaunched")
        return campaignReject("CAMPAIGN_NOT_LAUNCHED", { campaignId }, "campaignId");
      if (campaign.status === "Concluded")
        return campaignReject("CAMPAIGN_CONCLUDED", { campaignId, blocks: "workstream" }, "campaignId");
      const units = checkUnits(leadUnit, memberUnits, "memberUnits");
      if (units) return E.left(units);
      return E.right([
        {
          type: "WorkstreamDefined",
          data: {
            code,
            campaignId,
            kind,
            name,
            workingClass: workingClass ?? name,
            leadUnit,
            memberUnits,
            on,
          },
        },
      ]);
    }
    case "ChangeWorkstreamUnits": {
      const { code, leadUnit, memberUnits, reason } = command.data;
      const open = requireOpen(state, code);
      if (open) return open;
      const units = checkUnits(leadUnit, memberUnits, "memberUnits");
      if (units) return E.left(units);
      if (leadUnit === state.leadUnit && memberUnits.join("\n") === state.memberUnits.join("\n"))
        return E.right([]);
      return E.right([
        {
          type: "WorkstreamUnitsChanged",
          data: { code, leadUnit, memberUnits, previousLeadUnit: state.leadUnit, reason, on },
        },
      ]);
    }
    case "ListWorkstreamElements": {
      const { code, elements } = command.data;
      const open = requireOpen(state, code);
      if (open) return open;
      const who = requireLeadOrLeadership(command.type, state, context);
      if (who) return who;
      const duplicate = firstDuplicate(elements);
      if (duplicate !== undefined) return workstreamReject("DUPLICATE_ELEMENT", { duplicate }, "elements");
      const listed = elements.filter((e) => state.elements.includes(e));
      if (listed.length > 0)
        return workstreamReject("ELEMENT_ALREADY_LISTED", { code, listed: listed.join(", ") }, "elements");
      return E.right([{ type: "WorkstreamElementsListed", data: { code, elements, on } }]);
    }
    case "DelistWorkstreamElement": {
      const { code, element, reason } = command.data;
      const open = requireOpen(state, code);
      if (open) return open;
      const who = requireLeadOrLeadership(command.type, state, context);
      if (who) return who;
      if (!state.elements.includes(element))
        return workstreamReject("ELEMENT_NOT_LISTED", { element, code }, "element");
      const task = relatedState<TaskState>(context, taskKey(element), initialTaskState);
      if (task.status !== "Unassigned" && task.workstream === code)
        return workstreamReject("ELEMENT_ALREADY_ASSIGNED", { element }, "element");
      return E.right([{ type: "WorkstreamElementDelisted", data: { code, element, reason, on } }]);
    }
    case "CloseWorkstream": {
      const { code, elements } = command.data;
      const open = requireOpen(state, code);
      if (open) return open;
      const missing = state.elements.filter((e) => !elements.includes(e));
      const extra = elements.filter((e) => !state.elements.includes(e));
      if (missing.length > 0 || extra.length > 0)
        return workstreamReject(
          "ELEMENT_LIST_MISMATCH",
          { code, missing: missing.join(", "), extra: extra.join(", ") },
          "elements",
        );
      const final: Array<{ code: string; status: "Verified" | "Cancelled" }> = [];
      const open_: string[] = [];
      for (const element of state.elements) {
        const task = relatedState<TaskState>(context, taskKey(element), initialTaskState);
        if (
          task.status !== "Unassigned" &&
          task.workstream === code &&
          (task.status === "Verified" || task.status === "Cancelled")
        )
          final.push({ code: element, status: task.status });
        else
          open_.push(
            `${element} (${task.status === "Unassigned" ? "not assigned" : task.workstream !== code ? `in workstream ${task.workstream}` : task.status})`,
          );
      }
      if (open_.length > 0)
        return workstreamReject("ELEMENTS_OPEN", { code, open: open_.join(", ") }, "elements");
      return E.right([{ type: "WorkstreamClosed", data: { code, elements: final, on } }]);
    }
  }
};

export const workstreamDecider: Decider<WorkstreamCommand, WorkstreamState, WorkstreamEvent> = {
  initialState: initialWorkstreamState,
  decide: decideWorkstream,
  evolve: evolveWorkstream,
};
