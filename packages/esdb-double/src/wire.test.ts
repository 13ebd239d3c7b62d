/**
 * Checks at the wire level, with the generated gRPC client instead of EventStoreDBClient: the
 * structured UUID form, the metadata map, resolve_links, and the ServerFeatures answer.
 */
import { credentials, type ServiceError, status } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EsdbDouble, startEsdbDouble } from "./index";
import {
  loadProtocol,
  type ServerFeaturesPb,
  type StreamsPb,
  serverFeaturesGrpc,
  sharedPb,
  streamsGrpc,
  streamsPb,
} from "./proto";
import { streamIdentifier } from "./records";
import { uuidMessage, uuidToString } from "./uuid";

function readStream(
  double: EsdbDouble,
  stream: string,
  uuid: "string" | "structured",
  resolveLinks: boolean,
): Promise<StreamsPb.ReadResp[]> {
  const client = new streamsGrpc.StreamsClient(`127.0.0.1:${double.port}`, credentials.createInsecure());
  const streamOptions = new streamsPb.ReadReq.Options.StreamOptions();
  streamOptions.setStreamIdentifier(streamIdentifier(stream));
  streamOptions.setStart(new sharedPb.Empty());
  const uuidOption = new streamsPb.ReadReq.Options.UUIDOption();
  if (uuid === "structured") uuidOption.setStructured(new sharedPb.Empty());
  else uuidOption.setString(new sharedPb.Empty());
  const options = new streamsPb.ReadReq.Options();
  options.setStream(streamOptions);
  options.setCount("100");
  options.setReadDirection(streamsPb.ReadReq.Options.ReadDirection.FORWARDS);
  options.setResolveLinks(resolveLinks);
  options.setUuidOption(uuidOption);
  options.setNoFilter(new sharedPb.Empty());
  const call = client.read(new streamsPb.ReadReq().setOptions(options));
  const replies: StreamsPb.ReadResp[] = [];
  return new Promise((resolve, reject) => {
    call.on("data", (reply: StreamsPb.ReadResp) => replies.push(reply));
    call.on("error", reject);
    call.on("end", () => {
      client.close();
      resolve(replies);
    });
  });
}

function supportedMethods(double: EsdbDouble): Promise<ServerFeaturesPb.SupportedMethods> {
  const client = new serverFeaturesGrpc.ServerFeaturesClient(
    `127.0.0.1:${double.port}`,
    credentials.createInsecure(),
  );
  return new Promise((resolve, reject) => {
    client.getSupportedMethods(new sharedPb.Empty(), (error, reply) => {
      client.close();
      if (error) reject(error);
      else resolve(reply);
    });
  });
}

describe("uuid forms", () => {
  it("round-trips a UUID through the structured form", () => {
    loadProtocol("@eventstore/db-client");
    for (const id of [
      "00000000-0000-0000-0000-000000000000",
      "ffffffff-ffff-ffff-ffff-ffffffffffff",
      "7d444840-9dc0-11d1-b245-5ffdce74fad2",
      crypto.randomUUID(),
    ]) {
      const structured = uuidMessage(id, "structured");
      expect(structured.hasStructured()).toBe(true);
      expect(uuidToString(structured)).toBe(id);
      expect(uuidToString(uuidMessage(id, "string"))).toBe(id);
    }
  });
});

describe("Streams/Read on the wire", () => {
  let double: EsdbDouble;
  beforeAll(async () => {
    double = await startEsdbDouble();
  });
  afterAll(async () => {
    await double.stop();
  });

  it("answers in the uuid form asked for, with type, content-type and created in the metadata", async () => {
    const seeded = double.records()[0]!;
    for (const form of ["string", "structured"] as const) {
      const replies = await readStream(double, seeded.streamId, form, false);
      expect(replies).toHaveLength(1);
      const recorded = replies[0]!.getEvent()!.getEvent()!;
      expect(recorded.getId()!.hasStructured()).toBe(form === "structured");
      expect(uuidToString(recorded.getId())).toBe(seeded.id);
      const metadata = recorded.getMetadataMap();
      expect(metadata.get("type")).toBe(seeded.type);
      expect(metadata.get("content-type")).toBe(seeded.contentType);
      expect(metadata.get("created")).toBe(seeded.created.toString(10));
      expect(metadata.get("created")).toMatch(/^\d+$/);
      expect(recorded.getCommitPosition()).toBe(recorded.getPreparePosition());
      expect(recorded.getData_asU8()).toEqual(seeded.data);
    }
  });

  it("ignores resolve_links: a $> link event comes back as itself", async () => {
    const link = double.records().find((each) => each.type === "$>")!;
    const replies = await readStream(double, link.streamId, "string", true);
    const readEvent = replies[0]!.getEvent()!;
    expect(readEvent.hasLink()).toBe(false);
    expect(readEvent.getEvent()!.getMetadataMap().get("type")).toBe("$>");
  });

  it("replies stream_not_found in-band for a missing stream", async () => {
    const replies = await readStream(double, "nowhere-1", "string", false);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.hasStreamNotFound()).toBe(true);
  });
});

describe("ServerFeatures/GetSupportedMethods", () => {
  it("advertises BatchAppend when it is on", async () => {
    const double = await startEsdbDouble();
    try {
      const reply = await supportedMethods(double);
      const paths = reply.getMethodsList().map((each) => `/${each.getServiceName()}/${each.getMethodName()}`);
      expect(paths).toContain(streamsGrpc.StreamsService.batchAppend.path.toLowerCase());
      expect(paths).toContain(streamsGrpc.StreamsService.read.path.toLowerCase());
    } finally {
      await double.stop();
    }
  });

  it("answers UNIMPLEMENTED when BatchAppend is off", async () => {
    const double = await startEsdbDouble({ batchAppend: false });
    try {
      const error = await supportedMethods(double).then(
        () => undefined,
        (caught: ServiceError) => caught,
      );
      expect(error?.code).toBe(status.UNIMPLEMENTED);
    } finally {
      await double.stop();
    }
  });
});
