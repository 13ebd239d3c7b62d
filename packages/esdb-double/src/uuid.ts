/** `event_store.client.UUID` in its two forms: a string, or two signed int64 halves. */
import { type SharedPb, sharedPb } from "./proto";

export type UuidForm = "string" | "structured";

export function uuidToString(uuid: SharedPb.UUID | undefined): string {
  if (!uuid) return "";
  if (uuid.hasStructured()) {
    const structured = uuid.getStructured()!;
    const msb = BigInt.asUintN(64, BigInt(structured.getMostSignificantBits()));
    const lsb = BigInt.asUintN(64, BigInt(structured.getLeastSignificantBits()));
    const hex = msb.toString(16).padStart(16, "0") + lsb.toString(16).padStart(16, "0");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return uuid.getString();
}

export function uuidMessage(id: string, form: UuidForm): SharedPb.UUID {
  const uuid = new sharedPb.UUID();
  if (form === "string") return uuid.setString(id);
  const hex = id.replace(/-/g, "").padStart(32, "0");
  const structured = new sharedPb.UUID.Structured();
  structured.setMostSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)).toString(10));
  structured.setLeastSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(16)}`)).toString(10));
  return uuid.setStructured(structured);
}
