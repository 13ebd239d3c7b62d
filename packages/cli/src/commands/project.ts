/**
 * `project`: bring the read tables up to date with the ledger; with `--follow`, keep them so,
 * catching up whenever events are appended (by any process), until interrupted. Other readers
 * of the ledger's database (BI tools on the views, reads in other processes) then find them current.
 */
import type { EventStore } from "@safety-ledger/core";
import { noteBrokenLinks } from "../broken-links";
import { usage } from "../cli-error-texts";
import type { Lang } from "../messages";
import type { Io } from "../output";
import { readTablesOf } from "../read-tables";
import { RESULT_TEXTS } from "../result-texts";

export const project = async (store: EventStore, io: Io, follow: boolean, lang: Lang): Promise<number> => {
  const path = readTablesOf(store);
  if (path === undefined || path.knownAt !== undefined) throw usage("PROJECT_NEEDS_READ_TABLES", {});
  const caughtUp = async () => {
    const report = await path.tables.catchUp();
    noteBrokenLinks(store, report.brokenLinks);
    if (report.events > 0 || !follow)
      io.out(
        RESULT_TEXTS[lang].project.caughtUp(report.position?.toString(), report.events, report.versions),
      );
    return report.position;
  };
  const position = await caughtUp();
  if (!follow) return 0;
  const subscription = store.subscribeToAll(position === undefined ? {} : { after: position });
  const stop = () => void subscription.close();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    // each appended event wakes the loop; one catch-up applies all there are by then
    for await (const _ of subscription) await caughtUp();
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
  return 0;
};
