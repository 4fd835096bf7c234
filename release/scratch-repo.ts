// For the release tests: a scratch git repository holding this working tree as the next commit would (tracked and
// new files, not ignored ones), made as released at 0.1.0 (package.json and the lockfile say 0.1.0, CHANGELOG.md
// has a 0.1.0 section and notes under Unreleased), so that the tests do not depend on where the project stands.
// Real git and make, with this checkout's packages: its node_modules is a folder of links to them with an install
// stamp of its own, touched before each make, so that no make there runs npm ci (which would empty the links'
// targets if node_modules itself were one link).
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { git as gitIn } from './git.js';
import { lockfileWithVersion, manifestWithVersion } from './manifest.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What a command did. */
export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

const ENV = {
  ...process.env,
  // The machine's git configuration (signing, hooks, identity) is not the test's.
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Release Test',
  GIT_AUTHOR_EMAIL: 'release@example.invalid',
  GIT_COMMITTER_NAME: 'Release Test',
  GIT_COMMITTER_EMAIL: 'release@example.invalid',
  REDOCLY_TELEMETRY: 'off',
  MAKEFLAGS: '',
};

/** The changelog of the scratch repository: released at 0.1.0, with something to say in the next release. */
export const CHANGELOG = '# Changelog\n\n## Unreleased\n\n### Fixed\n- A fix users notice.\n\n## 0.1.0\n\n- The first version.\n';

/** A scratch repository: its folder, commands run in it, and its removal. */
export interface ScratchRepo {
  readonly dir: string;
  run(command: string, args: readonly string[]): Promise<Ran>;
  make(...args: string[]): Promise<Ran>;
  git(...args: string[]): Promise<string>;
  commitAll(message: string): Promise<void>;
  read(path: string): string;
  /** Replaces the first `from` in the file; throws when it is not there (the spec moved on: update the test). */
  edit(path: string, from: string, to: string): void;
  remove(): void;
}

/** Makes the repository with one commit, "released at 0.1.0" (not tagged: the tests tag it or not). */
export async function scratchRepo(): Promise<ScratchRepo> {
  const dir = mkdtempSync(join(tmpdir(), 'atai-release-'));
  const run = (command: string, args: readonly string[]) =>
    new Promise<Ran>((resolve, reject) => {
      const child = spawn(command, args, { cwd: dir, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  const git = async (...args: string[]) => {
    const ran = await run('git', args);
    if (ran.status !== 0) throw new Error(`git ${args.join(' ')}: ${ran.stderr}`);
    return ran.stdout.trim();
  };
  const read = (path: string) => readFileSync(join(dir, path), 'utf8');
  const repo: ScratchRepo = {
    dir,
    run,
    git,
    read,
    make(...args) {
      // Newer than package.json, which the tests and the release edit: make takes the packages as installed.
      const now = new Date();
      utimesSync(join(dir, 'node_modules/.install-stamp'), now, now);
      return run('make', ['--no-print-directory', ...args]);
    },
    async commitAll(message) {
      await git('add', '-A');
      await git('commit', '-q', '-m', message);
    },
    edit(path, from, to) {
      const text = read(path);
      if (!text.includes(from)) throw new Error(`${path} does not contain ${JSON.stringify(from)}: the test's fixture must follow the spec`);
      writeFileSync(join(dir, path), text.replace(from, to));
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const path of gitIn(ROOT, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']).split('\0').filter(Boolean)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    try {
      cpSync(join(ROOT, path), join(dir, path));
    } catch {
      // Deleted in the working tree, not yet in the index.
    }
  }
  writeFileSync(join(dir, 'CHANGELOG.md'), CHANGELOG);
  writeFileSync(join(dir, 'package.json'), manifestWithVersion(read('package.json'), '0.1.0'));
  writeFileSync(join(dir, 'package-lock.json'), lockfileWithVersion(read('package-lock.json'), '0.1.0'));
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name !== '.install-stamp' && name !== '.vite') symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name));
  }
  writeFileSync(join(dir, 'node_modules/.install-stamp'), '');
  await git('init', '-q', '-b', 'main');
  await repo.commitAll('the project, released at 0.1.0');
  return repo;
}

/** The spec's path in the repository. */
export const SPEC = 'openapi/fine-tune.yaml';
/** MetricPoint's optional `wall_time_sec`: a response field, so removing it breaks readers. */
export const WALL_TIME = '        wall_time_sec:\n          type: number\n          description: Seconds since training started.\n          example: 1575.2\n';
/** Where Job's properties end (its last one), to add one before. */
export const JOB_INFERENCE = '        inference_config_path:\n';
/** A new optional field of Job's answers: an addition. */
export const NOTES = '        notes:\n          type: string\n          description: Free-form notes on the job.\n';
