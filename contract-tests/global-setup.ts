// Starts the two mocks the contract tests talk to, Prism and Steady, hands their URLs to the tests, and stops them
// afterwards. Two independent readings of the spec: what the client sends must satisfy both.
import type { TestProject } from 'vitest/node';
import { startPrism } from '../test-support/prism.js';
import { startSteady } from '../test-support/steady.js';

declare module 'vitest' {
  export interface ProvidedContext {
    prismUrl: string;
    steadyUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // In parallel: Prism takes seconds to start, Steady a tenth of one.
  const [prism, steady] = await Promise.allSettled([startPrism(), startSteady()]);
  const started = [prism, steady].flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stopAll = async () => {
    await Promise.all(started.map((server) => server.stop()));
  };
  // One that failed to start must not leave the other running: vitest never calls the teardown of a failed setup.
  if (prism.status === 'rejected' || steady.status === 'rejected') {
    await stopAll();
    throw new Error([prism, steady].flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : [])).join('\n'));
  }
  project.provide('prismUrl', prism.value.url);
  project.provide('steadyUrl', steady.value.url);
  return stopAll;
}
