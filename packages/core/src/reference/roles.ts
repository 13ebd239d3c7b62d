/**
 * The roles an actor can act in. A role says what kind of body acts; the actor's `unit` says
 * which one (a unit id such as `GY-EMB`, or an entity id for an enterprise).
 */
export const ROLES = {
  /** The lead group (领导小组): the mayor and deputies. */
  leadGroup: "lead-group",
  /** The lead group's office (市安办), in the Emergency Management Bureau. */
  office: "office",
  /** A government department or unit: lead unit, co-responsible unit, supervising department. */
  department: "department",
  /** A supervised enterprise acting for itself. */
  enterprise: "enterprise",
  /** A qualified evaluation agency or expert panel. */
  agency: "agency",
} as const;

export type Role = (typeof ROLES)[keyof typeof ROLES];
