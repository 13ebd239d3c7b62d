/** Who issues the scenario's commands: units and roles from `organisation.ts` and core's ROLES. */
import { ROLES } from "@safety-ledger/core";
import type { ActorJson } from "./command-log";
import { LEAD_GROUP, OFFICE, PEOPLE, type Unit } from "./organisation";

export const office: ActorJson = { unit: OFFICE.id, role: ROLES.office, person: PEOPLE.officeClerk };

export const leadGroup: ActorJson = {
  unit: LEAD_GROUP.id,
  role: ROLES.leadGroup,
  person: PEOPLE.deputyMayor,
};

/** A government department or unit (lead unit, co-responsible unit, supervising department). */
export const department = (unit: Unit | string, person?: string): ActorJson => {
  const id = typeof unit === "string" ? unit : unit.id;
  return { unit: id, role: ROLES.department, person: person ?? `Section chief of ${id} (illustrative)` };
};

/** A supervised enterprise acting for itself: its unit is its entity id. */
export const enterprise = (entityId: string, person: string): ActorJson => ({
  unit: entityId,
  role: ROLES.enterprise,
  person,
});

/** A qualified evaluation agency (illustrative). */
export const AGENCY_UNIT = "GY-AGENCY-SAFETECH";
export const agency: ActorJson = {
  unit: AGENCY_UNIT,
  role: ROLES.agency,
  person: "Registered safety engineer Gao (illustrative)",
};
