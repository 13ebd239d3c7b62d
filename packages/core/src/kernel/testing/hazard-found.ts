/** A test event type with two schema changes and golden files of every version (test/golden/kernel). */
import { join } from "node:path";
import * as t from "io-ts";
import { defineEvent } from "../codec-registry";
import type { Json } from "../envelope";

// A type that went through two schema changes: v1 `text` → v2 `description`; v2 `major` → v3 `grade`.
export const HazardFound = defineEvent(
  "HazardFound",
  t.type({ id: t.string, description: t.string, grade: t.keyof({ general: null, major: null }) }),
  {
    schemaVersion: 3,
    upcasters: [
      {
        from: 1,
        up: (d) => {
          const { text, ...rest } = d as { text: Json };
          return { ...rest, description: text };
        },
      },
      {
        from: 2,
        up: (d) => {
          const { major, ...rest } = d as { major: boolean };
          return { ...rest, grade: major ? "major" : "general" };
        },
      },
    ],
  },
);

/** The folder of the golden files: `HazardFound.v1.json` … `HazardFound.v3.json`. */
export const KERNEL_GOLDEN = join(__dirname, "../../../test/golden/kernel");
