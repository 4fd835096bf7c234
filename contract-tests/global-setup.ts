// Starts the one Prism mock the contract tests talk to, hands its URL to the tests, and stops it afterwards.
import type { TestProject } from 'vitest/node';
import { startPrism } from '../test-support/prism.js';

declare module 'vitest' {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const prism = await startPrism();
  project.provide('prismUrl', prism.url);
  return () => prism.stop();
}
