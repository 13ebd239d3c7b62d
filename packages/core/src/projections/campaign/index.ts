// Read models of the campaign context.
export {};
