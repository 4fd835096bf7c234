// Walking every job over limit/offset pages. The API has no cursor, so pages can shift while they are read:
// a job that leaves the filter moves the later ones back, a new one can push them forward. Each page after the
// first re-reads a few of the previous page's places and ids already yielded are dropped, so no job is repeated,
// and none is skipped unless more than `overlap` earlier jobs vanish between two page reads.
import { ValidationError } from './errors/index.js';
import type { Job, ListJobsParams } from './types.js';

/** Settings of `client.jobs.iterate()`. */
export interface IterateParams extends Omit<ListJobsParams, 'limit' | 'offset'> {
  /** Jobs per request (default 100). */
  pageSize?: number;
  /** Places of the previous page read again on the next one (default: a tenth of the page, at least 1). */
  overlap?: number;
}

/**
 * Yields each job matching `params` once, reading pages of `pageSize` with `list`.
 * @throws {ValidationError} for a page size below 1 or an overlap not smaller than it; errors of `list` as they come.
 */
export async function* iterateJobs(
  list: (params: ListJobsParams) => Promise<Job[]>,
  params: IterateParams = {},
): AsyncGenerator<Job, void, undefined> {
  const pageSize = params.pageSize ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new ValidationError('pageSize', `pageSize must be an integer >= 1, got ${String(pageSize)}.`);
  const overlap = params.overlap ?? Math.max(1, Math.floor(pageSize / 10));
  if (!Number.isInteger(overlap) || overlap < 0 || overlap >= pageSize) {
    throw new ValidationError('overlap', `overlap must be an integer from 0 to pageSize - 1 (${pageSize - 1}), got ${String(overlap)}.`);
  }
  const seen = new Set<string>();
  let offset = 0;
  for (;;) {
    const page = await list({ statuses: params.statuses, limit: pageSize, offset });
    let fresh = 0;
    for (const job of page) {
      if (seen.has(job.id)) continue;
      seen.add(job.id);
      fresh++;
      yield job;
    }
    // A short page is the last; a full page of nothing new means the server is not paging: stop, not loop.
    if (page.length < pageSize || fresh === 0) return;
    offset += pageSize - overlap;
  }
}
