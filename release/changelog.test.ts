import { describe, expect, it } from 'vitest';
import { releaseChangelog, unreleasedNotes } from './changelog.js';

const CHANGELOG = `# Changelog

Intro.

## Unreleased

### Breaking
- Removed \`Job.inference_config_path\`.

## 0.1.0

- First.
`;

describe('releaseChangelog', () => {
  it('moves the Unreleased notes under the version and date, leaving an empty Unreleased above', () => {
    expect(releaseChangelog(CHANGELOG, '0.2.0', '2026-12-03')).toBe(`# Changelog

Intro.

## Unreleased

## 0.2.0 (2026-12-03)

### Breaking
- Removed \`Job.inference_config_path\`.

## 0.1.0

- First.
`);
  });

  it('works when Unreleased is the only section', () => {
    expect(releaseChangelog('# Changelog\n\n## Unreleased\n- A fix.\n', '0.1.1', '2027-01-02')).toBe('# Changelog\n\n## Unreleased\n\n## 0.1.1 (2027-01-02)\n\n- A fix.\n');
  });

  it('refuses an empty Unreleased section, saying what to do', () => {
    const released = releaseChangelog(CHANGELOG, '0.2.0', '2026-12-03');
    expect(unreleasedNotes(released)).toBe('');
    expect(() => releaseChangelog(released, '0.2.1', '2026-12-04')).toThrow('the "Unreleased" section of CHANGELOG.md is empty: say what users will notice in this release first');
  });

  it('refuses a version that has a section already', () => {
    expect(() => releaseChangelog(CHANGELOG, '0.1.0', '2026-12-03')).toThrow('CHANGELOG.md already has a section for 0.1.0');
  });

  it('refuses a changelog without an Unreleased heading', () => {
    expect(() => unreleasedNotes('# Changelog\n\n## 0.1.0\n- First.\n')).toThrow('CHANGELOG.md has no "## Unreleased" heading');
  });
});
