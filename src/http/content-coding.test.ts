// planDecoding decides, as fetch (undici) decides, which content-codings the Node transport undoes: a table.
import { describe, expect, it } from 'vitest';
import { MAX_CONTENT_CODINGS, planDecoding, tooManyCodingsMessage } from './content-coding.js';

describe('planDecoding', () => {
  it.each<[string | null, boolean, ReturnType<typeof planDecoding>]>([
    [null, false, { undo: [] }],
    ['', false, { undo: [] }],
    ['gzip', false, { undo: ['gzip'] }],
    ['x-gzip', false, { undo: ['gzip'] }],
    ['GZIP', false, { undo: ['gzip'] }],
    ['  br  ', false, { undo: ['br'] }],
    // Last applied, first undone.
    ['deflate, gzip', false, { undo: ['gzip', 'deflate'] }],
    ['gzip, br', false, { undo: ['br', 'gzip'] }],
    // A coding it does not know, identity included, leaves the whole body as sent.
    ['identity', false, { undo: [] }],
    ['compress', false, { undo: [] }],
    ['foo, gzip', false, { undo: [] }],
    ['gzip, identity', false, { undo: [] }],
    ['gzip,', false, { undo: [] }],
    // zstd only where node:zlib has it.
    ['zstd', false, { undo: [] }],
    ['zstd', true, { undo: ['zstd'] }],
    ['gzip, zstd', true, { undo: ['zstd', 'gzip'] }],
    // Every listed coding counts, empty ones too: more than five is refused before anything is built.
    [Array<string>(MAX_CONTENT_CODINGS).fill('gzip').join(', '), false, { undo: Array<'gzip'>(MAX_CONTENT_CODINGS).fill('gzip') }],
    [Array<string>(MAX_CONTENT_CODINGS + 1).fill('gzip').join(', '), false, { tooMany: MAX_CONTENT_CODINGS + 1 }],
    [',,,,,', false, { tooMany: 6 }],
    [Array<string>(2_500).fill('gzip').join(','), false, { tooMany: 2_500 }],
  ])('%j (zstd %s): %j', (header, zstd, plan) => {
    expect(planDecoding(header, zstd)).toEqual(plan);
  });

  it('words the refusal as fetch does', () => {
    expect(tooManyCodingsMessage(6)).toBe('too many content-encodings in response: 6, maximum allowed is 5');
  });
});
