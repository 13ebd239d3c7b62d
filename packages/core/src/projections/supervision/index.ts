// Read models of the supervision context.
export {};
