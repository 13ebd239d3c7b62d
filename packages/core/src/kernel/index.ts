export * from "./aggregate";
export {
  businessTimeProblem,
  businessTimeReason,
  calendarDateProblem,
  calendarDateReason,
  dateTimeReason,
  daysInMonth,
  isCalendarDate,
  isDateTime,
  isLeapYear,
  type ParsedDateTime,
  parseDateTime,
} from "./calendar";
export * from "./chain-problem-texts";
export * from "./codec-docs";
export * from "./codec-registry";
export * from "./command-handler";
export * from "./create-ledger";
export * from "./decider";
export * from "./envelope";
export * from "./error-texts";
export * from "./errors";
export * from "./event-store";
export * from "./exact";
export * from "./expected-version";
export * from "./field-protection";
export * from "./free-text-warnings";
export * from "./hash-chain";
export * from "./ids";
export * from "./input-issue-texts";
export { systemIsoClock } from "./instant";
export * from "./io";
export * from "./ledger-settings";
export * from "./limits";
export * from "./markdown";
export * from "./memory-store";
export * from "./permission-texts";
export * from "./permissions";
export * from "./projection";
export * from "./subscription";
