export * from "./free-text";
export * from "./looks-personal";
export * from "./personal-fields";
export * from "./privacy-error-texts";
export * from "./protect";
export * from "./resident-id";
export * from "./subject-keys";
export * from "./unclassified";
