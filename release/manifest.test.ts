import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lockfileWithVersion, manifestWithVersion } from './manifest.js';

const ROOT = new URL('..', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, ROOT), 'utf8');

describe('the version bump', () => {
  it("changes package.json's version line and nothing else, in npm's layout", () => {
    const before = read('package.json');
    const version = (JSON.parse(before) as { version: string }).version;
    const after = manifestWithVersion(before, '7.8.9');
    expect(after).toBe(before.replace(`"version": "${version}"`, '"version": "7.8.9"'));
  });

  it("changes the lockfile's two version lines and nothing else", () => {
    const before = read('package-lock.json');
    const version = (JSON.parse(before) as { version: string }).version;
    const after = lockfileWithVersion(before, '7.8.9');
    expect(after.split('\n').filter((line, index) => line !== before.split('\n')[index])).toEqual(['  "version": "7.8.9",', '      "version": "7.8.9",']);
    expect(after.replaceAll('"version": "7.8.9"', `"version": "${version}"`)).toBe(before);
  });

  it('refuses a package.json that is not an object', () => {
    expect(() => manifestWithVersion('[]', '1.0.0')).toThrow('package.json is not a JSON object');
  });
});
