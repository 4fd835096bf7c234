// 3. Size: what a browser app bundles (esbuild, platform browser, ESM, minified, tree-shaken) and gzipped, for the
// app make test holds to bench/size-budget.json (contract-tests/size.test.ts), against openapi-fetch alone bundled
// the same way. Browser, not node: on node a bundler follows the dynamic import of the Node exchange into undici.
import { bundleForBrowser, readSizeBudget, stopCancelApp, type BrowserBundle, type SizeBudget } from '../test-support/browser-bundle.js';

/** The bundles measured, and the budget of the stop/cancel app. */
export interface SizeResult {
  openapiFetch: BrowserBundle;
  stopCancel: BrowserBundle;
  /** The same app with `validateResponses: specValidation('throw')`. */
  stopCancelValidating: BrowserBundle;
  budget: SizeBudget;
}

/**
 * Bundles openapi-fetch alone, the stop/cancel app, and that app validating answers, and reads the app's budget.
 * @throws rejects when a bundle does not build or bench/size-budget.json has no budget for the app.
 */
export async function benchSize(): Promise<SizeResult> {
  return {
    openapiFetch: await bundleForBrowser('openapi-fetch alone', `import createClient from 'openapi-fetch'; export const c = createClient({ baseUrl: 'x' });`),
    stopCancel: await bundleForBrowser('stop/cancel app', stopCancelApp()),
    stopCancelValidating: await bundleForBrowser('stop/cancel app, validating answers', stopCancelApp(true)),
    budget: readSizeBudget('stopCancelApp'),
  };
}
