// atai-finetune/mock: a stateful fine-tune API to test apps against, without the service or a key. Jobs move through
// their statuses on a clock the test can own, and faults can be injected per request.
/**
 * A stateful fine-tune API to test apps against: `startStatefulMock`, `ManualClock`, injected faults.
 * @module atai-finetune/mock
 */
export { startStatefulMock } from './http.js';
export { MAX_LOGGED_REQUESTS, type SeenRequest, type SentAnswer, type StatefulMock, type StatefulMockOptions } from './stateful-mock.js';
export { ManualClock } from './manual-clock.js';
export { PendingFaultsError } from './faults.js';
export type { Fault, FaultScope, PendingFault } from './faults.js';
export type { ApiMethod } from './scope-reach.js';
export type { PhaseDurations } from './phases.js';
