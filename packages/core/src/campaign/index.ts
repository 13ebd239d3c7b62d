// The campaign context; see docs/domain.md.
export {};
