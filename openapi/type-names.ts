// The one rule naming a generated params type, shared by the generators that write it (generate-schemas.ts, for
// query parameters) and use it (generate-surface.ts, in the facade's methods).

/** `listJobs` -> `ListJobsParams`. Never throws. */
export const paramsTypeName = (operationId: string): string => `${operationId.charAt(0).toUpperCase()}${operationId.slice(1)}Params`;
