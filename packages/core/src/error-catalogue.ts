/**
 * The error catalogue: every code the library fails with, in English and Chinese, gathered from
 * the modules' own texts. `errorText(error, lang)` renders a failure in the reader's language;
 * `code` and the English `message` stay as they are for programs.
 */
import { ACCIDENT_ERROR_TEXTS } from "./accidents/accident-error-texts";
import { AUDIT_ERROR_TEXTS } from "./audit/audit-error-texts";
import { CAMPAIGN_ERROR_TEXTS } from "./campaign/campaign/campaign-error-texts";
import { RESPLIST_ERROR_TEXTS } from "./campaign/resplist/resplist-error-texts";
import { TASK_ERROR_TEXTS } from "./campaign/task/task-error-texts";
import { WORKSTREAM_ERROR_TEXTS } from "./campaign/workstream/workstream-error-texts";
import { type ErrorLang, type ErrorTexts, errorTextIn } from "./kernel/error-texts";
import type { InputIssue, LedgerError } from "./kernel/errors";
import { INPUT_ISSUE_TEXTS } from "./kernel/input-issue-texts";
import { issueText } from "./kernel/io";
import { KERNEL_ERROR_TEXTS } from "./kernel/kernel-error-texts";
import { PRIVACY_ERROR_TEXTS } from "./privacy/privacy-error-texts";
import { SUPERVISION_ERROR_TEXTS } from "./supervision/supervision-error-texts";

/** Each module's texts, by module: a code belongs to one of them. */
export const ERROR_TEXTS_BY_MODULE: Readonly<Record<string, ErrorTexts>> = {
  kernel: KERNEL_ERROR_TEXTS,
  inputIssues: INPUT_ISSUE_TEXTS,
  audit: AUDIT_ERROR_TEXTS,
  supervision: SUPERVISION_ERROR_TEXTS,
  accidents: ACCIDENT_ERROR_TEXTS,
  responsibilityLists: RESPLIST_ERROR_TEXTS,
  workstreams: WORKSTREAM_ERROR_TEXTS,
  taskElements: TASK_ERROR_TEXTS,
  campaign: CAMPAIGN_ERROR_TEXTS,
  privacy: PRIVACY_ERROR_TEXTS,
};

/** Every catalogued code. */
export const ERROR_TEXTS: ErrorTexts = Object.assign({}, ...Object.values(ERROR_TEXTS_BY_MODULE));

const revisionText = (actual: number | undefined, lang: ErrorLang): string =>
  actual === undefined
    ? lang === "en"
      ? "no stream"
      : "无此流"
    : lang === "en"
      ? `revision ${actual}`
      : `第 ${actual} 版`;

/** Each issue of a decode error, `path: reason`, the reasons from their codes. */
const issuesText = (issues: ReadonlyArray<InputIssue>, lang: ErrorLang): string =>
  issues.map((i) => `${i.path || "(root)"}：${issueText(i, lang)}`).join("；");

/**
 * A failure in a language: from the catalogue (every code core fails with is there, see
 * error-catalogue.test.ts), a decode error from its issues' codes; the English `message` for an
 * error built without its parameters (another library's).
 */
export const errorText = (
  error:
    | LedgerError
    | {
        readonly code: string;
        readonly message: string;
        readonly params?: Readonly<Record<string, string | number>>;
      },
  lang: ErrorLang,
): string => {
  if (lang === "en" || !("_tag" in error)) return errorTextIn(ERROR_TEXTS, error, lang);
  switch (error._tag) {
    case "WrongExpectedVersion": {
      const expected =
        typeof error.expected === "string" ? error.expected : `第 ${error.expected.revision} 版`;
      return errorTextIn(
        ERROR_TEXTS,
        { ...error, params: { stream: error.stream, expected, actual: revisionText(error.actual, lang) } },
        lang,
      );
    }
    case "StreamDeleted":
      return errorTextIn(ERROR_TEXTS, { ...error, params: { stream: error.stream } }, lang);
    case "ValidationError":
      return errorTextIn(ERROR_TEXTS, { ...error, params: { issues: issuesText(error.issues, lang) } }, lang);
    case "EventDecodeError": {
      const { stream, revision, eventType } = error;
      const params = { stream, revision, eventType, issues: issuesText(error.issues, lang) };
      return errorTextIn(ERROR_TEXTS, { ...error, params }, lang);
    }
    default:
      return errorTextIn(ERROR_TEXTS, error, lang);
  }
};
