// Walking every job over limit/offset pages. The API has no cursor, so pages can shift while they are read: a job
// that leaves the filter moves the later ones back, a new one pushes them forward. Each page after the first
// re-reads `overlap` places of the previous one and drops ids already yielded; the walk ends only at a short or
// empty page, never because one page brought nothing new (jobs created at the head can push a whole page back).
import { AtaiError, ValidationError } from '../errors/index.js';
import { isRecord } from '../operations/shapes.js';
import type { Job, ListJobsParams } from '../types.js';

/** Settings of `client.jobs.iterate()`. */
export interface IterateParams extends Omit<ListJobsParams, 'limit' | 'offset'> {
  /** Jobs per request (default 100). */
  pageSize?: number;
  /** Places of the previous page read again on the next one (default: a tenth of the page, at least 1 when the page has room). */
  overlap?: number;
}

/** Full pages in a row that bring nothing new before the walk is given up as a server that does not page. */
export const MAX_STALE_PAGES = 10;

/**
 * Yields each job matching `params` once, reading pages of `pageSize` with `list`, until a page comes back short or
 * empty. Guarantees: no job is yielded twice; a job that matches for the whole walk is yielded unless more than
 * `overlap` jobs ahead of it leave the list between two page reads; jobs created or changed during the walk may
 * or may not be yielded.
 * @throws {ValidationError} for a page size below 1 or an overlap not smaller than it.
 * @throws {AtaiError} after {@link MAX_STALE_PAGES} full pages in a row with nothing new (the server ignores
 * `offset`); errors of `list` as they come.
 */
export async function* iterateJobs(list: (params: ListJobsParams) => Promise<Job[]>, params: IterateParams = {}): AsyncGenerator<Job, void, undefined> {
  const given: unknown = params;
  if (!isRecord(given)) throw new ValidationError('params', 'iterate takes an object such as { statuses, pageSize, overlap }, or nothing.');
  // The walk sets limit and offset itself: one given would be overridden without a word.
  for (const key of ['limit', 'offset'] as const) {
    if (given[key] !== undefined) throw new ValidationError(key, `iterate reads the pages itself: leave ${key} out (pageSize sets how many jobs each request asks for).`);
  }
  const pageSize = params.pageSize ?? 100;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new ValidationError('pageSize', `pageSize must be an integer >= 1, got ${String(pageSize)}.`);
  const overlap = params.overlap ?? Math.min(pageSize - 1, Math.max(1, Math.floor(pageSize / 10)));
  if (!Number.isInteger(overlap) || overlap < 0 || overlap >= pageSize) {
    throw new ValidationError('overlap', `overlap must be an integer from 0 to pageSize - 1 (${pageSize - 1}), got ${String(overlap)}.`);
  }
  // Every other parameter is a filter of the list, sent as it is: one the spec adds reaches the server too.
  const filters = Object.fromEntries(Object.entries(params).filter(([key]) => key !== 'pageSize' && key !== 'overlap')) as Omit<ListJobsParams, 'limit' | 'offset'>;
  const seen = new Set<string>();
  let offset = 0;
  let stale = 0;
  for (;;) {
    const page = await list({ ...filters, limit: pageSize, offset });
    let fresh = 0;
    for (const job of page) {
      if (seen.has(job.id)) continue;
      seen.add(job.id);
      fresh++;
      yield job;
    }
    // Short: the last page. Longer than asked: the server ignores `limit` and sent everything at once.
    if (page.length !== pageSize) return;
    stale = fresh === 0 ? stale + 1 : 0;
    if (stale >= MAX_STALE_PAGES) {
      throw new AtaiError(`${MAX_STALE_PAGES} full pages in a row up to offset ${offset} brought no job not seen before: the server does not seem to honour offset.`);
    }
    offset += pageSize - overlap;
  }
}
