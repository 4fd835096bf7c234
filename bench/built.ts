// The package as users run it: the build in dist/ (`make bench` builds it first), typed as its sources. Measuring the
// sources through tsx instead would time tsx's additions too (a `__name` call for every closure made per call).
type Index = typeof import('../src/index.js');
type Validation = typeof import('../src/validation/index.js');

const dist = new URL('../dist/src/', import.meta.url);

/** The built `atai-finetune` entry point. @throws when dist/ is missing (run `make build`). */
export const built = (await import(new URL('index.js', dist).href)) as Index;
/** The built `atai-finetune/validation` entry point. @throws when dist/ is missing (run `make build`). */
export const builtValidation = (await import(new URL('validation/index.js', dist).href)) as Validation;
