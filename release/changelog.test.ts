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

  it('refuses an Unreleased section of empty sub-headings and comments: they say nothing to users', () => {
    const empty = CHANGELOG.replace('### Breaking\n- Removed `Job.inference_config_path`.\n', '### Added\n\n### Fixed\n<!-- say what changed -->\n');
    expect(() => releaseChangelog(empty, '0.2.0', '2026-12-03')).toThrow('the "Unreleased" section of CHANGELOG.md is empty');
  });

  it("reads Keep a Changelog's [Unreleased], keeps CRLF line endings, and ignores ## lines inside a code block", () => {
    const keep = '# Changelog\r\n\r\n## [Unreleased]\r\n- Fix.\r\n```md\r\n## 0.2.0\r\n```\r\n\r\n## [0.1.0]\r\n- First.\r\n';
    expect(releaseChangelog(keep, '0.2.0', '2026-12-03')).toBe(
      '# Changelog\r\n\r\n## [Unreleased]\r\n\r\n## 0.2.0 (2026-12-03)\r\n\r\n- Fix.\r\n```md\r\n## 0.2.0\r\n```\r\n\r\n## [0.1.0]\r\n- First.\r\n',
    );
    expect(() => releaseChangelog(keep, '0.1.0', '2026-12-03')).toThrow('CHANGELOG.md already has a section for 0.1.0');
  });

  it('tells a version from its pre-releases', () => {
    expect(releaseChangelog(CHANGELOG.replace('## 0.1.0', '## 0.2.0-rc.1'), '0.2.0', '2026-12-03')).toContain('## 0.2.0 (2026-12-03)');
  });

  it('refuses a version that has a section already', () => {
    expect(() => releaseChangelog(CHANGELOG, '0.1.0', '2026-12-03')).toThrow('CHANGELOG.md already has a section for 0.1.0');
  });

  it('refuses a changelog without an Unreleased heading', () => {
    expect(() => unreleasedNotes('# Changelog\n\n## 0.1.0\n- First.\n')).toThrow('CHANGELOG.md has no "## Unreleased" heading');
  });
});
