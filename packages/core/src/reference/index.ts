export * from "./accident-thresholds";
export * from "./districts";
export * from "./hazard-grades";
export * from "./risk-bands";
export * from "./roles";
export * from "./sectors";
export * from "./statuses";
