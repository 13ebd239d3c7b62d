import { describe, expect, it } from "vitest";
import type { StoredEvent } from "../kernel/envelope";
import type { EventDecodeError } from "../kernel/errors";
import { storedFormOf } from "../kernel/field-protection";
import { keylessPrivacy } from "./protect";
import { holdsSealedValue, revealSealedValues, sealedEvent, withEncryptedFields } from "./sealed-tables";
import { encryptedLedgerWithE1 } from "./testing";

const PHONE = "13912345678";

/** The stored (encrypted) registration of E1, whose principal's phone is PHONE. */
const setup = async () => {
  const { raw, privacy, keys } = await encryptedLedgerWithE1();
  const stored: StoredEvent[] = [];
  for await (const e of raw.readStream("entity-E1")) stored.push(e);
  return { stored: stored[0]!, privacy, keys };
};

describe("sealed values for the read tables of an encrypted ledger", () => {
  it("fold no clear value, remember the stored form, and reveal as a read of the event does", async () => {
    const { stored, privacy } = await setup();
    const sealed = sealedEvent(stored);
    const text = JSON.stringify(sealed.data);
    expect(text).not.toContain("Wang Wei");
    expect(text).not.toContain(PHONE);
    expect(holdsSealedValue(text)).toBe(true);
    expect(typeof (sealed.data as { principal: { name: unknown } }).principal.name).toBe("string");
    expect(storedFormOf(sealed)).toBe(stored);
    // a state built from it (here: the event's data, nested in a record) reveals on the way out
    const state = {
      entity: sealed.data,
      history: [{ principal: (sealed.data as { principal: unknown }).principal }],
    };
    expect(await revealSealedValues(state, privacy)).toEqual({
      entity: (await privacy.reveal(stored)).data,
      history: [{ principal: { name: "Wang Wei", phone: PHONE } }],
    });
    expect(await revealSealedValues(state, keylessPrivacy("aes-256-gcm"))).toMatchObject({
      history: [{ principal: { name: "[encrypted]", phone: "[encrypted]" } }],
    });
  });

  it("reveal the erased text once the subject's key is destroyed; a value with no personal field is itself", async () => {
    const { stored, privacy, keys } = await setup();
    const sealed = sealedEvent(stored);
    const [principal] = await keys.subjects("entity-E1/principal/");
    await privacy.destroy(principal!.subject, "2051-01-01");
    expect(await revealSealedValues(sealed.data, privacy)).toMatchObject({
      principal: { name: "erased", phone: "erased" },
      safetyManager: { name: "Li Na" },
    });
    const plain = { name: "Guangyuan", n: 3, list: ["a"] };
    expect(await revealSealedValues(plain, privacy)).toBe(plain);
  });

  it("name each encrypted or erased personal field of an event that did not decode as stored", () => {
    const reported: StoredEvent = {
      stream: "accident-A1",
      revision: 0,
      position: 7n,
      id: "00000000-0000-4000-8000-000000000007",
      type: "AccidentReported",
      schemaVersion: 1,
      data: {
        casualties: [
          { name: { erased: 1, keyId: "accident-A1/casualty/0" }, idNumber: "x", outcome: "injured" },
          {
            name: "Li Si",
            idNumber: { encrypted: 1, alg: "aes-256-gcm", keyId: "k", iv: "", ct: "", tag: "" },
          },
        ],
      },
      metadata: {} as StoredEvent["metadata"],
    };
    const error: EventDecodeError = {
      _tag: "EventDecodeError",
      code: "UNDECODABLE_EVENT",
      message: "cannot be read",
      stream: reported.stream,
      revision: 0,
      eventType: reported.type,
      issues: [],
    };
    const named = withEncryptedFields(reported, error);
    expect(named.issues.map((i) => [i.path, i.code])).toEqual([
      ["data.casualties[0].name", "INPUT_FIELD_ENCRYPTED"],
      ["data.casualties[1].idNumber", "INPUT_FIELD_ENCRYPTED"],
    ]);
    expect(named.message).toContain("data.casualties[1].idNumber: is stored encrypted");
    expect(named.message).toContain("sealedReadTables(sealedEvent)");
    // clear values only (or no personal field): the error as it was
    const clear = {
      ...reported,
      data: { casualties: [{ name: "Zhang San", idNumber: "x", outcome: "dead" }] },
    };
    expect(withEncryptedFields(clear, error)).toBe(error);
    expect(withEncryptedFields({ ...reported, type: "HazardRegistered" }, error)).toBe(error);
  });
});
