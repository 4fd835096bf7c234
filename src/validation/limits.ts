// How many jobs a conformance run reads, apart from the run itself so that the CLI's flag table can name them
// without loading the validators at start-up.

/** How many jobs `checkConformance` reads unless told otherwise. */
export const DEFAULT_CONFORMANCE_JOBS = 5;
/** The most jobs `checkConformance` reads. */
export const MAX_CONFORMANCE_JOBS = 1_000;
