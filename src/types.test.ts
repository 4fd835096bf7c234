import { describe, expect, it } from 'vitest';
import { isTerminalStatus, JOB_STATUSES, TERMINAL_STATUSES } from './types.js';

describe('statuses', () => {
  it('JOB_STATUSES lists the ten documented statuses', () => {
    expect(JOB_STATUSES).toEqual(['UNKNOWN', 'REGISTERED', 'STARTING', 'RUNNING', 'COMPLETED', 'FINALIZING', 'STOPPING', 'STOPPED', 'CANCELLED', 'FAILED']);
  });

  it('the terminal ones are exactly COMPLETED, STOPPED, CANCELLED and FAILED', () => {
    expect([...TERMINAL_STATUSES]).toEqual(['COMPLETED', 'STOPPED', 'CANCELLED', 'FAILED']);
    expect(JOB_STATUSES.filter(isTerminalStatus)).toEqual(['COMPLETED', 'STOPPED', 'CANCELLED', 'FAILED']);
  });
});
