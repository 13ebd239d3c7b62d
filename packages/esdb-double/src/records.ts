/** Conversions between wire messages and log records. */
import type { LoggedEvent, ProposedEvent } from "./log";
import { type SharedPb, type StreamsPb, sharedPb, streamsPb } from "./proto";
import { type UuidForm, uuidMessage, uuidToString } from "./uuid";

const decoder = new TextDecoder();

export function streamName(identifier: SharedPb.StreamIdentifier | undefined): string {
  if (!identifier) return "";
  return decoder.decode(identifier.getStreamName_asU8());
}

export function streamIdentifier(name: string): SharedPb.StreamIdentifier {
  return new sharedPb.StreamIdentifier().setStreamName(new TextEncoder().encode(name));
}

/** AppendReq.ProposedMessage and BatchAppendReq.ProposedMessage have the same shape. */
type WireProposed = StreamsPb.AppendReq.ProposedMessage | StreamsPb.BatchAppendReq.ProposedMessage;

export function proposedFromWire(message: WireProposed): ProposedEvent {
  const metadata = message.getMetadataMap();
  return {
    id: uuidToString(message.getId()),
    type: metadata.get("type") ?? "",
    contentType: metadata.get("content-type") ?? "application/octet-stream",
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

/** A `ReadResp` carrying one event, with `created` as .NET ticks since the Unix epoch. */
export function readRespEvent(event: LoggedEvent, form: UuidForm): StreamsPb.ReadResp {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(uuidMessage(event.id, form));
  recorded.setStreamIdentifier(streamIdentifier(event.streamId));
  recorded.setStreamRevision(event.revision.toString(10));
  recorded.setCommitPosition(event.position.toString(10));
  recorded.setPreparePosition(event.position.toString(10));
  const metadata = recorded.getMetadataMap();
  metadata.set("type", event.type);
  metadata.set("content-type", event.contentType);
  metadata.set("created", event.created.toString(10));
  recorded.setData(event.data);
  recorded.setCustomMetadata(event.metadata);
  const readEvent = new streamsPb.ReadResp.ReadEvent();
  readEvent.setEvent(recorded);
  readEvent.setCommitPosition(event.position.toString(10));
  return new streamsPb.ReadResp().setEvent(readEvent);
}
