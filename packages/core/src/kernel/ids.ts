import { v7 as uuidv7 } from "uuid";

/** A new time-ordered event id (UUID v7). */
export const newEventId = (): string => uuidv7();

/** A new id for a command, correlation or anything else that needs one. */
export const newId = (): string => uuidv7();
