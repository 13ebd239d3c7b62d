// The accidents context; see docs/domain.md.
export {};
