/**
 * The words of an error, in English and Chinese, keyed by its code: a module lists the codes it
 * can fail with as `ErrorTexts` (the type wants both languages for every code), and builds its
 * errors with `errorsOf(texts)`. Such an error carries its `code` and its `params`; its
 * `message` is the English text (what programs already read); the edge (the CLI) renders it in
 * the reader's language with `errorTextIn`.
 */
import * as E from "fp-ts/lib/Either.js";
import type { DomainError, ErrorParams } from "./errors";

export type ErrorLang = "en" | "zh-CN";
export const ERROR_LANGS: ReadonlyArray<ErrorLang> = ["en", "zh-CN"];

/** One code's sentence in both languages, from the same parameters. */
export type ErrorText<P extends ErrorParams = ErrorParams> = Readonly<
  Record<ErrorLang, (params: P) => string>
>;

/** The sentences of one module's codes. */
export type ErrorTexts = Readonly<Record<string, ErrorText<never>>>;

/** `text<{ hazardId: string }>(en, zh)`: both languages from the same parameters. */
export const text = <P extends ErrorParams>(
  en: (params: P) => string,
  zh: (params: P) => string,
): ErrorText<P> => ({ en, "zh-CN": zh });

type ParamsOf<T> = T extends ErrorText<infer P> ? P : never;

/** The error constructors of one module's codes: the code must be one of them, with its parameters. */
export const errorsOf = <T extends ErrorTexts>(texts: T) => {
  const error = <C extends keyof T & string>(
    code: C,
    params: ParamsOf<T[C]>,
    field?: string,
  ): DomainError => {
    const message = (texts[code] as ErrorText<ParamsOf<T[C]>>).en(params);
    return field === undefined
      ? { _tag: "DomainError", code, message, params }
      : { _tag: "DomainError", code, message, params, field };
  };
  const reject = <C extends keyof T & string>(
    code: C,
    params: ParamsOf<T[C]>,
    field?: string,
  ): E.Either<DomainError, never> => E.left(error(code, params, field));
  return { error, reject };
};

/**
 * An error's words in a language: from the catalogue when its code is there and it carries its
 * parameters, else its (English) message.
 */
export const errorTextIn = (
  texts: ErrorTexts,
  error: { readonly code: string; readonly message: string; readonly params?: ErrorParams },
  lang: ErrorLang,
): string => {
  const entry = texts[error.code] as ErrorText | undefined;
  if (lang === "en" || entry === undefined || error.params === undefined) return error.message;
  return entry[lang](error.params);
};
