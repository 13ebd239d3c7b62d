/**
 * What the CLI's commands print when they succeed (or find something), in Chinese (the default)
 * and English, from one catalogue: `audit …`'s reports and lines, the signing keys', `rebuild`'s,
 * `project`'s, `report`'s, `privacy …`'s, the broken-chain warnings and the progress bars'
 * labels. The tables' headers are in messages.ts (`headsIn`); JSON output keeps its keys.
 * result-texts.test.ts checks both languages have every entry from the same parameters.
 */
import type { AuditProblemKind } from "@safety-ledger/core";
import type { Lang } from "./messages";

/** A verification report's counts, as `audit verify` prints them. */
export interface VerifyCounts {
  readonly ok: boolean;
  readonly events: number;
  readonly streams: number;
  readonly seals?: number;
  readonly hashAlgorithm?: string;
  readonly problems: number;
}

/** What `audit export --reveal` wrote and recorded. */
export interface RevealedExportResult {
  readonly events: number;
  readonly file: string;
  readonly subjects: number;
  readonly erased: number;
  readonly stream: string;
  readonly sha256: string;
}

/** A revealed export's record, as `audit check-export` found it. */
export interface CheckedExport {
  readonly file: string;
  readonly stream: string;
  readonly sha256: string;
  readonly by: string;
  readonly on: string;
  readonly recordedAt: string;
  readonly legalBasis: string;
  readonly events: number;
  /** The subjects in clear: their count, and their ids listed (or `noSubjects`). */
  readonly subjects: number;
  readonly subjectList: string;
  readonly erased: number;
  readonly erasedList: string;
}

/** What a finding of `audit verify` is (its kind stays the code in --json): core's kinds, every one. */
export type FindingKind = AuditProblemKind;

export type ProgressLabel =
  | "verifying"
  | "sealing"
  | "exporting"
  | "replaying"
  | "rebuilding"
  | "checking"
  | "importing"
  | "loadingDemo";

export type ReadModelName =
  | "campaigns"
  | "workstreams"
  | "tasks"
  | "responsibilityLists"
  | "entities"
  | "risks"
  | "hazards"
  | "accidents";

const zhCN = {
  progress: {
    verifying: "校验中",
    sealing: "封印中",
    exporting: "导出中",
    replaying: "重放中",
    rebuilding: "重建读表中",
    checking: "检查中",
    importing: "导入中",
    loadingDemo: "载入广元场景中",
  } satisfies Record<ProgressLabel, string>,
  audit: {
    revealedExport: (r: RevealedExportResult) =>
      `已导出 ${r.events} 个事件至 ${r.file}，其中 ${r.subjects} 个数据主体的个人信息字段为明文（${r.erased} 个已依法删除）；已记录 RevealedExportRecorded → ${r.stream}（SHA-256 ${r.sha256}）。该文件含个人信息，不受账本密钥保护，请妥善保管。`,
    exportRecorded: (c: CheckedExport) =>
      `${c.file} 是账本记录的明文导出（${c.stream}，SHA-256 ${c.sha256} 相符）。\n导出人：${c.by}；日期：${c.on}（记录于 ${c.recordedAt}）\n法律依据：${c.legalBasis}\n事件 ${c.events} 个；明文数据主体 ${c.subjects} 个：${c.subjectList}\n已依法删除的数据主体 ${c.erased} 个：${c.erasedList}`,
    noSubjects: "无",
    exportPlain: (file: string) => `${file} 是普通导出（不含明文），账本中无须记录；以下仅为其哈希链校验。`,
    verified: (c: VerifyCounts) =>
      `${c.ok ? "通过" : "发现问题"}：已检查 ${c.streams} 个流中的 ${c.events} 个事件${c.seals === undefined ? "" : `、${c.seals} 个封印`}${c.hashAlgorithm === undefined ? "" : `（${c.hashAlgorithm}）`}，问题 ${c.problems} 个。`,
    unknownOwner: "（未知）",
    signatureValid: "有效",
    signatureInvalid: "无效",
    kinds: {
      changed: "内容被改",
      missing: "版本缺失",
      reordered: "顺序颠倒",
      inserted: "版本重复",
      "broken-link": "链接断裂",
      "wrong-stream": "流不符",
      "wrong-algorithm": "算法不符",
      "seal-chain": "封印链",
      "seal-key": "封印密钥",
      "seal-mismatch": "封印不符",
      "seal-signature": "封印签名",
      undecodable: "无法解码",
      "undecodable-seal": "封印无法解码",
      "stream-missing": "流已消失",
      truncated: "流被截短",
      "inserted-before-seal": "封印前被插入",
      "seal-unsigned": "封印未签名",
    } satisfies Record<FindingKind, string>,
    sealed: (
      streams: number,
      position: string,
      signedWith: { algorithm: string; keyId: string } | undefined,
      hashAlgorithm: string,
      root: string,
    ) =>
      `已封印 ${streams} 个流，位置 ${position}${signedWith === undefined ? "" : `，以 ${signedWith.algorithm} 密钥 ${signedWith.keyId} 签名`}。\nMerkle 根（${hashAlgorithm}）：${root}\n请把此根保存在数据库管理员无法更改的地方（见 docs/audit.md）。`,
    exported: (events: number, file: string) => `已导出 ${events} 个事件到 ${file}`,
    proofVerifies: (root: string) => `证明可由封印根 ${root} 验证`,
    proofFails: (problems: string) => `证明未通过验证：${problems}`,
    proven: (root: string) => `通过：该事件在根为 ${root} 的封印中`,
    notProven: (problems: string) => `未证明：${problems}`,
    lateEntries: (entries: number, days: number, afterWindow: number) =>
      `发生后超过 ${days} 天才录入、或在法定时限届满后录入的事件共 ${entries} 个（时限届满后 ${afterWindow} 个）。`,
  },
  keys: {
    generated: (algorithm: string, privateFile: string, publicFile: string) =>
      `已写入 ${algorithm} 密钥对：${privateFile}（私钥：不要放在账本所在的机器上）和 ${publicFile}（用 audit key register 登记）。`,
    registered: (algorithm: string, keyId: string, owner: string, from: string, until: string | undefined) =>
      `已登记 ${owner} 的 ${algorithm} 密钥 ${keyId}，自 ${from} 起有效${until === undefined ? "" : `，至 ${until} 止`}。`,
    retired: (keyId: string) => `已停用密钥 ${keyId}：此后以它签名的封印将被拒绝；此前的仍可验证。`,
  },
  rebuild: {
    replayed: (events: number, projected: number, ms: number) =>
      `已重放 ${events} 个事件（其中 ${projected} 个进入读模型），用时 ${ms} 毫秒。`,
    rebuilt: (events: number, projected: number, ms: number) =>
      `已从 ${events} 个事件重建读表（其中 ${projected} 个进入读模型），用时 ${ms} 毫秒。`,
    models: {
      campaigns: "专项整治行动",
      workstreams: "专项",
      tasks: "任务要素",
      responsibilityLists: "责任清单",
      entities: "企业",
      risks: "风险点",
      hazards: "隐患",
      accidents: "事故",
    } satisfies Record<ReadModelName, string>,
    stamp: (position: string | undefined, head: string | undefined) =>
      `读模型反映截至位置 ${position ?? "（空）"} 的账本，链头 ${head ?? "（无）"}。`,
  },
  project: {
    caughtUp: (position: string | undefined, events: number, versions: number) =>
      `读表位于位置 ${position ?? "（空）"}：应用 ${events} 个事件，写入 ${versions} 个版本。`,
  },
  report: {
    wrote: (file: string, kb: number, asOf: string, events: number) =>
      `已写入 ${file}（${kb} KB）：截至 ${asOf} 的账本，${events} 个事件`,
  },
  history: {
    afterWindow: (lastDay: string) => `在 ${lastDay} 时限届满后录入`,
  },
  privacy: {
    masterKey: (algorithm: string, id: string, file: string) =>
      `已将 ${algorithm} 主密钥 ${id} 写入 ${file}（仅所有者可读）。请与账本及其备份分开保管：同时持有二者即可读取所有个人信息字段。`,
    live: "有效",
    everyHolder: "该记录中此角色的每一任",
    destroyed: "已销毁",
    checked: (events: number) => `通过：${events} 个事件的每个加密字段均可在原位解密。`,
    failed: (n: number) => `未通过：${n} 个加密字段无法在原位解密：`,
    noKey: "没有该数据主体的密钥",
    notAuthentic: "无法验证：已被篡改，或从其他事件或字段移来",
    erased: (subject: string, stream: string, before: boolean) =>
      `已依法删除 ${subject} 的个人信息：其密钥已销毁；PersonalDataErased → ${stream}${before ? "（此前已记录）" : ""}。`,
    rotated: (id: string, rewrapped: number, destroyed: number, file: string) =>
      `已用主密钥 ${id} 重新封装 ${rewrapped} 个数据密钥（${destroyed} 个已销毁的密钥仍为已销毁）。此后请用 ${file} 打开账本；请销毁旧主密钥文件及其副本：凭旧主密钥仍可打开此前的备份。`,
    rotationRecorded: (stream: string, fingerprint: string) =>
      `已记录 MasterKeyRotated → ${stream}（新主密钥指纹 SHA-256 ${fingerprint}，不含密钥）。`,
  },
  chain: {
    broken: (stream: string, revision: number, kind: string, message: string) =>
      `警告：${stream}@${revision} 处哈希链断裂（${kind}）：${message}`,
    more: (n: number) => `警告：……另有 ${n} 处`,
    mayBeWrong:
      "警告：账本在账本之外被修改；本命令打印的内容可能有误。完整报告请运行 `safety-ledger audit verify`。",
  },
};

export type ResultTexts = typeof zhCN;

const en: ResultTexts = {
  progress: {
    verifying: "verifying",
    sealing: "sealing",
    exporting: "exporting",
    replaying: "replaying",
    rebuilding: "rebuilding read tables",
    checking: "checking",
    importing: "importing",
    loadingDemo: "loading the Guangyuan scenario",
  },
  audit: {
    revealedExport: (r) =>
      `Exported ${r.events} events to ${r.file} with the personal fields of ${r.subjects} data subjects in clear (${r.erased} erased); recorded as RevealedExportRecorded → ${r.stream} (SHA-256 ${r.sha256}). Keep the file as personal information: it is not protected by the ledger's keys.`,
    exportRecorded: (c) =>
      `${c.file} is a revealed export the ledger recorded (${c.stream}, SHA-256 ${c.sha256} matches).\nExported by: ${c.by}; on ${c.on} (recorded at ${c.recordedAt})\nLegal basis: ${c.legalBasis}\n${c.events} events; ${c.subjects} data subjects in clear: ${c.subjectList}\n${c.erased} data subjects erased: ${c.erasedList}`,
    noSubjects: "none",
    exportPlain: (file) =>
      `${file} is a plain export (no clear values): the ledger records none; only its chain is checked below.`,
    verified: (c) =>
      `${c.ok ? "OK" : "PROBLEMS FOUND"}: ${c.events} events in ${c.streams} streams${c.seals === undefined ? "" : `, ${c.seals} seals`} checked${c.hashAlgorithm === undefined ? "" : ` (${c.hashAlgorithm})`}, ${c.problems} problems.`,
    unknownOwner: "(unknown)",
    signatureValid: "valid",
    signatureInvalid: "INVALID",
    kinds: {
      changed: "changed",
      missing: "missing",
      reordered: "reordered",
      inserted: "inserted",
      "broken-link": "broken-link",
      "wrong-stream": "wrong-stream",
      "wrong-algorithm": "wrong-algorithm",
      "seal-chain": "seal-chain",
      "seal-key": "seal-key",
      "seal-mismatch": "seal-mismatch",
      "seal-signature": "seal-signature",
      undecodable: "undecodable",
      "undecodable-seal": "undecodable-seal",
      "stream-missing": "stream-missing",
      truncated: "truncated",
      "inserted-before-seal": "inserted-before-seal",
      "seal-unsigned": "seal-unsigned",
    },
    sealed: (streams, position, signedWith, hashAlgorithm, root) =>
      `Sealed ${streams} streams at position ${position}${signedWith === undefined ? "" : `, signed with ${signedWith.algorithm} key ${signedWith.keyId}`}.\nMerkle root (${hashAlgorithm}): ${root}\nKeep this root somewhere the database administrator cannot change (see docs/audit.md).`,
    exported: (events, file) => `exported ${events} events to ${file}`,
    proofVerifies: (root) => `proof verifies against seal root ${root}`,
    proofFails: (problems) => `proof does NOT verify: ${problems}`,
    proven: (root) => `OK: the event is in the seal with root ${root}`,
    notProven: (problems) => `NOT PROVEN: ${problems}`,
    lateEntries: (entries, days, afterWindow) =>
      `${entries} events recorded more than ${days} days after they occurred, or after their legal window had closed (${afterWindow}).`,
  },
  keys: {
    generated: (algorithm, privateFile, publicFile) =>
      `Wrote an ${algorithm} key pair: ${privateFile} (private: keep it off the ledger's machine) and ${publicFile} (register it with audit key register).`,
    registered: (algorithm, keyId, owner, from, until) =>
      `Registered ${algorithm} key ${keyId} of ${owner}, valid from ${from}${until === undefined ? "" : ` until ${until}`}.`,
    retired: (keyId) =>
      `Retired key ${keyId}: seals signed with it from now on are refused; earlier ones still verify.`,
  },
  rebuild: {
    replayed: (events, projected, ms) =>
      `Replayed ${events} events (${projected} into read models) in ${ms} ms.`,
    rebuilt: (events, projected, ms) =>
      `Rebuilt the read tables from ${events} events (${projected} into read models) in ${ms} ms.`,
    models: {
      campaigns: "campaigns",
      workstreams: "workstreams",
      tasks: "task elements",
      responsibilityLists: "responsibility lists",
      entities: "entities",
      risks: "risks",
      hazards: "hazards",
      accidents: "accidents",
    },
    stamp: (position, head) =>
      `Read models reflect the ledger up to position ${position ?? "(empty)"}, chain head ${head ?? "(none)"}.`,
  },
  project: {
    caughtUp: (position, events, versions) =>
      `Read tables at position ${position ?? "(empty)"}: ${events} events applied, ${versions} versions written.`,
  },
  report: {
    wrote: (file, kb, asOf, events) => `wrote ${file} (${kb} KB): the ledger as of ${asOf}, ${events} events`,
  },
  history: {
    afterWindow: (lastDay) => `recorded after its window closed on ${lastDay}`,
  },
  privacy: {
    masterKey: (algorithm, id, file) =>
      `Wrote the ${algorithm} master key ${id} to ${file} (readable by its owner only). Keep it apart from the ledger and its backups: whoever holds both reads every personal field.`,
    live: "live",
    everyHolder: "every holder of the role in the record",
    destroyed: "destroyed",
    checked: (events) => `OK: every encrypted field of ${events} events decrypts where it stands.`,
    failed: (n) => `FAILED: ${n} encrypted fields do not decrypt where they stand:`,
    noKey: "no key for this subject",
    notAuthentic: "does not authenticate: altered, or moved from another event or field",
    erased: (subject, stream, before) =>
      `Erased the personal data of ${subject}: its key is destroyed; PersonalDataErased → ${stream}${before ? " (recorded before)" : ""}.`,
    rotated: (id, rewrapped, destroyed, file) =>
      `Rewrapped ${rewrapped} data keys under master key ${id} (${destroyed} destroyed keys stay destroyed). From now on open the ledger with ${file}; destroy the old master key file and its copies: with it, backups made before now still open.`,
    rotationRecorded: (stream, fingerprint) =>
      `Recorded MasterKeyRotated → ${stream} (the new master key's fingerprint, SHA-256 ${fingerprint}; no key material).`,
  },
  chain: {
    broken: (stream, revision, kind, message) =>
      `warning: broken hash chain at ${stream}@${revision} (${kind}): ${message}`,
    more: (n) => `warning: … and ${n} more`,
    mayBeWrong:
      "warning: the ledger was changed outside the ledger; what this command printed may be wrong. Run `safety-ledger audit verify` for the full report.",
  },
};

export const RESULT_TEXTS: Readonly<Record<Lang, ResultTexts>> = { "zh-CN": zhCN, en };

/** A finding's kind in a language (a kind the catalogue does not name stays its code). */
export const findingKindIn = (lang: Lang, kind: string): string =>
  (RESULT_TEXTS[lang].audit.kinds as Readonly<Record<string, string>>)[kind] ?? kind;
