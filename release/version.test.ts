import { describe, expect, it } from 'vitest';
import { biggestImpact, compareVersions, formatVersion, nextVersion, parseVersion, type Impact } from './version.js';

describe('nextVersion', () => {
  // The rule: while 0.x a breaking change bumps the minor and anything else the patch; from 1.0, semver.
  it.each<[string, Impact, string]>([
    ['0.1.0', 'breaking', '0.2.0'],
    ['0.1.0', 'addition', '0.1.1'],
    ['0.1.0', 'fix', '0.1.1'],
    ['0.2.7', 'breaking', '0.3.0'],
    ['0.2.7', 'addition', '0.2.8'],
    ['0.0.3', 'breaking', '0.1.0'],
    ['0.0.3', 'fix', '0.0.4'],
    ['1.0.0', 'breaking', '2.0.0'],
    ['1.4.2', 'breaking', '2.0.0'],
    ['1.4.2', 'addition', '1.5.0'],
    ['1.4.2', 'fix', '1.4.3'],
    ['9.99.999', 'addition', '9.100.0'],
  ])('%s with a %s change is %s', (current, impact, expected) => {
    expect(formatVersion(nextVersion(parseVersion(current), impact))).toBe(expected);
  });
});

describe('biggestImpact', () => {
  it.each<[Impact[], Impact]>([
    [[], 'fix'],
    [['fix'], 'fix'],
    [['fix', 'addition'], 'addition'],
    [['addition', 'breaking', 'fix'], 'breaking'],
    [['breaking'], 'breaking'],
  ])('%j -> %s', (impacts, expected) => {
    expect(biggestImpact(impacts)).toBe(expected);
  });
});

describe('parseVersion', () => {
  it.each(['v1.2.3', '1.2.3', '0.0.0'])('reads %s', (text) => {
    expect(formatVersion(parseVersion(text))).toBe(text.replace(/^v/, ''));
  });
  it.each(['1.2', '1.2.3.4', '01.2.3', '1.2.3-beta.1', 'v', '', ' 1.2.3', '1.2.3\n', 'x1.2.3', '1.2.3+build'])('refuses %j, naming it', (text) => {
    expect(() => parseVersion(text)).toThrow(new RangeError(`${JSON.stringify(text)} is not a version X.Y.Z (whole numbers, no leading zeros, no pre-release)`));
  });
});

describe('compareVersions', () => {
  it.each<[string, string, number]>([
    ['0.2.0', '0.10.0', -1],
    ['1.0.0', '0.99.99', 1],
    ['0.2.1', '0.2.1', 0],
    ['0.2.10', '0.2.9', 1],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareVersions(parseVersion(a), parseVersion(b)))).toBe(sign);
  });
});
