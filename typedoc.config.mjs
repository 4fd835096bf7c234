// The SDK reference (make docs -> build/docs/sdk): every entry point of the package, from its TSDoc.
import { OptionDefaults } from 'typedoc';

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'atai-finetune SDK reference',
  entryPoints: ['src/index.ts', 'src/validation/index.ts', 'mock/index.ts'],
  tsconfig: 'tsconfig.json',
  out: 'build/docs/sdk',
  readme: 'none',
  // The getting-started guide: a page of the reference, its {@link}s checked like the TSDoc's (contract-tests/guide.test.ts
  // runs its snippets).
  projectDocuments: ['docs/guide/getting-started.md'],
  excludePrivate: true,
  hideGenerator: true,
  // Source links would point at a git remote this checkout may not have.
  disableSources: true,
  // openapi-typescript writes `@description` on the generated types (re-exported as paths, components, operations).
  blockTags: [...OptionDefaults.blockTags, '@description'],
  treatWarningsAsErrors: true,
};
