/**
 * Field names that suggest a natural person's information: a name, a phone, an ID number, a
 * contact, a person. A heuristic on purpose: it only decides which fields must be classified
 * in the registry (`personal-fields.ts`), never what is encrypted.
 */
const PERSONAL_LOOKING =
  /name|phone|mobile|idnumber|idcard|identity|contact|person|people|principal|manager|evaluator|casualt|victim|injured|witness|birth|address|姓名|电话|手机|身份证|联系/i;

/**
 * Whether a data path looks personal: any of its segments does (`principal.post` through
 * `principal`, `evidence[].contactPhone` through `contactPhone`).
 */
export const looksPersonal = (path: string): boolean =>
  path.split(".").some((segment) => PERSONAL_LOOKING.test(segment.replace(/\[\]$/, "")));
