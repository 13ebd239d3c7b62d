// The supervision context; see docs/domain.md.
export {};
