// `make breaking`'s default base: the latest release tag reachable from HEAD (the same one `make release` compares
// with), or nothing when there is none. Usage: tsx release/latest-tag.ts
import { releases } from './git.js';

process.stdout.write(releases(process.cwd())[0]?.tag ?? '');
