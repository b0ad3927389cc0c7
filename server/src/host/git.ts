// Git, for the base revision a project is compared with: which commit it is, and what the migration files held there.
// Runs the `git` executable with argument arrays (never a shell), a timeout and the project's folder as working
// directory, and a fixed number of processes per project however many files it has. Never throws: whatever git
// cannot answer (no git, not a repository, a ref that does not exist, a shallow clone) becomes a problem to show.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { looksLikeGitRef } from '../core/config';
import { MAX_ANALYSED_LENGTH } from '../core/limits';
import type { BaseTexts } from '../core/types';
import { decodePythonSource } from './node-fs';

/** Why git gave no answer, in a few words for the user. */
export interface GitProblem {
  problem: string;
}

export interface GitBase {
  /** The repository's top folder, as git reports it (links resolved). */
  root: string;
  /** The merge base of the ref and HEAD: the commit the branch started from. */
  commit: string;
  /** The ref as users name it: the one given, or the one found (`origin/main`). */
  ref: string;
}

const TIMEOUT_MS = 30_000;
/** Enough for thousands of migrations: each blob read is at most MAX_ANALYSED_LENGTH. */
const MAX_OUTPUT = 256 * 1024 * 1024;
/**
 * Paths as bytes, unquoted (`-z` outputs do not quote either); pathspecs taken literally (a file named `a*.py`);
 * no file-system monitor hook started by a repository's own configuration.
 */
const GLOBAL_ARGS = ['-c', 'core.quotepath=off', '-c', 'core.fsmonitor=false', '--literal-pathspecs'];

function git(cwd: string, args: readonly string[], input?: string): { stdout: Buffer } | GitProblem {
  try {
    const stdout = execFileSync('git', [...GLOBAL_ARGS, ...args], {
      cwd,
      input,
      timeout: TIMEOUT_MS,
      maxBuffer: MAX_OUTPUT,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
      // No prompt can hang a CI run; reading takes no lock that a concurrent `git commit` would trip over.
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
    });
    return { stdout };
  } catch (error) {
    return { problem: describeFailure(error) };
  }
}

function describeFailure(error: unknown): string {
  const e = error as NodeJS.ErrnoException & { stderr?: Buffer | string; signal?: string };
  if (e.code === 'ENOENT') return 'git is not installed (no git on PATH)';
  if (e.code === 'ETIMEDOUT' || e.signal === 'SIGTERM') return `git did not answer within ${TIMEOUT_MS / 1000} s`;
  if (e.code === 'ENOBUFS') return 'git printed more than expected';
  const stderr = String(e.stderr ?? '').trim();
  const line = stderr.split('\n').find((l) => /^(fatal|error):/.test(l)) ?? stderr.split('\n')[0] ?? '';
  return line.replace(/^(fatal|error):\s*/, '') || (e.message ?? String(error));
}

function isProblem<T extends object>(value: T | GitProblem): value is GitProblem {
  return 'problem' in value;
}

function text(result: { stdout: Buffer }): string {
  return result.stdout.toString('utf8').trim();
}

/** The top folder of the repository `folder` is in. */
export function repositoryRoot(folder: string): string | GitProblem {
  const result = git(folder, ['rev-parse', '--show-toplevel']);
  if (isProblem(result)) return result;
  return path.resolve(text(result));
}

/** The commit a ref names, or undefined when it names none. */
function commitOf(root: string, ref: string): string | undefined {
  const result = git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  return isProblem(result) ? undefined : text(result);
}

/**
 * What to compare with when no ref is given: the current branch's upstream, else the remote's default branch
 * (`origin/HEAD`), else a local `main` or `master`.
 */
function defaultRef(root: string): string | GitProblem {
  const upstream = git(root, ['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}']);
  if (!isProblem(upstream) && text(upstream) !== '') return text(upstream);
  const remoteHead = git(root, ['rev-parse', '--abbrev-ref', 'origin/HEAD']);
  if (!isProblem(remoteHead) && text(remoteHead) !== '' && text(remoteHead) !== 'origin/HEAD') return text(remoteHead);
  for (const branch of ['main', 'master']) if (commitOf(root, `refs/heads/${branch}`) !== undefined) return branch;
  return { problem: 'no base found: the branch has no upstream, and there is no origin/HEAD, main or master (name one with --base)' };
}

/**
 * The base of the repository `folder` is in: the merge base of `ref` (or of the default ref) and HEAD, so what was
 * merged into the ref since the branch started does not count as the branch's change.
 */
export function resolveBase(folder: string, ref?: string): GitBase | GitProblem {
  const root = repositoryRoot(folder);
  if (typeof root !== 'string') return root;
  if (ref !== undefined && !looksLikeGitRef(ref)) return { problem: `"${ref}" is not a git ref` };
  const name = ref ?? defaultRef(root);
  if (typeof name !== 'string') return name;
  const target = commitOf(root, name);
  if (target === undefined) return { problem: `"${name}" is not a commit in this repository (not fetched?)` };
  const mergeBase = git(root, ['merge-base', target, 'HEAD']);
  if (isProblem(mergeBase) || text(mergeBase) === '') {
    const shallow = git(root, ['rev-parse', '--is-shallow-repository']);
    const why = !isProblem(shallow) && text(shallow) === 'true' ? ' in this shallow clone (fetch the whole history: fetch-depth: 0)' : '';
    return { problem: `no common ancestor of ${name} and HEAD${why}` };
  }
  return { root, commit: text(mergeBase), ref: name };
}

/** A file's path in the repository (forward slashes), or undefined for a file outside it. */
function pathInRepository(root: string, file: string, realDirs: Map<string, string>): string | undefined {
  const dir = path.dirname(file);
  let real = realDirs.get(dir);
  if (real === undefined) {
    try {
      real = fs.realpathSync(dir);
    } catch {
      real = dir;
    }
    realDirs.set(dir, real);
  }
  const relative = path.relative(root, path.join(real, path.basename(file)));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

interface TreeEntry {
  mode: string;
  type: string;
  object: string;
  size: number;
}

/** `git ls-tree -r -z -l` output: `<mode> <type> <object> <size>\t<path>\0` per entry. */
function parseTree(output: Buffer): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>();
  for (const record of output.toString('utf8').split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, object, size] = record.slice(0, tab).split(/ +/);
    if (mode && type && object) entries.set(record.slice(tab + 1), { mode, type, object, size: Number(size) });
  }
  return entries;
}

/** `git cat-file --batch` output: `<object> <type> <size>\n<bytes>\n` per object (`<object> missing\n` for none). */
function parseBatch(output: Buffer): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  let at = 0;
  while (at < output.length) {
    const lineEnd = output.indexOf(0x0a, at);
    if (lineEnd < 0) break;
    const [object, type, size] = output.toString('utf8', at, lineEnd).split(' ');
    at = lineEnd + 1;
    if (type === 'missing' || size === undefined || object === undefined) continue;
    const length = Number(size);
    blobs.set(object, output.subarray(at, at + length));
    at += length + 1;
  }
  return blobs;
}

/**
 * The files' texts in the base commit, read with two git processes for all of them: `ls-tree` says which exist
 * (and how large they are), `cat-file --batch` gives their bytes. Decoded as the files on disk are. A file the
 * base does not have is null; one that cannot be compared (a symbolic link or a submodule there, too large to
 * analyse, outside the repository) is left out of the map: unknown, never reported.
 */
export function readBaseTexts(base: GitBase, files: readonly string[]): Map<string, string | null> | GitProblem {
  const realDirs = new Map<string, string>();
  const inRepository = new Map<string, string>();
  for (const file of files) {
    const relative = pathInRepository(base.root, file, realDirs);
    if (relative !== undefined) inRepository.set(file, relative);
  }
  const texts = new Map<string, string | null>();
  if (inRepository.size === 0) return texts;
  // The folders, not every file: fewer arguments, and the listing also holds the files' sizes.
  const folders = [...new Set([...inRepository.values()].map((p) => path.posix.dirname(p)))];
  const tree = git(base.root, ['ls-tree', '-r', '-z', '-l', '--full-tree', base.commit, '--', ...folders]);
  if (isProblem(tree)) return tree;
  const entries = parseTree(tree.stdout);
  const wanted = new Set<string>();
  for (const [file, relative] of inRepository) {
    const entry = entries.get(relative);
    if (!entry) texts.set(file, null);
    else if (entry.type === 'blob' && entry.mode !== '120000' && entry.size <= MAX_ANALYSED_LENGTH) wanted.add(entry.object);
  }
  if (wanted.size === 0) return texts;
  const batch = git(base.root, ['cat-file', '--batch'], [...wanted].map((object) => `${object}\n`).join(''));
  if (isProblem(batch)) return batch;
  const blobs = parseBatch(batch.stdout);
  for (const [file, relative] of inRepository) {
    const blob = blobs.get(entries.get(relative)?.object ?? '');
    if (blob) texts.set(file, decodePythonSource(blob).text);
  }
  return texts;
}

/**
 * The base texts of a project's files, for its workspace, and what to tell the user: which base was used, or why
 * there is none. `ref` undefined: the default ref (the upstream, origin/HEAD, main or master).
 */
export function readProjectBase(folder: string, files: readonly string[], ref: string | undefined): { base: BaseTexts; description: string } | GitProblem {
  const resolved = resolveBase(folder, ref);
  if (isProblem(resolved)) return resolved;
  const texts = readBaseTexts(resolved, files);
  if (isProblem(texts)) return texts;
  return { base: { ref: resolved.ref, texts }, description: `${resolved.ref} (merge base ${resolved.commit.slice(0, 12)} with HEAD)` };
}

/** The files' texts in the last commit (HEAD): what the editor compares an applied revision's file with. */
export function readHeadTexts(folder: string, files: readonly string[]): BaseTexts | GitProblem {
  const root = repositoryRoot(folder);
  if (typeof root !== 'string') return root;
  const commit = commitOf(root, 'HEAD');
  if (commit === undefined) return { problem: 'the repository has no commit yet' };
  const texts = readBaseTexts({ root, commit, ref: 'HEAD' }, files);
  return isProblem(texts) ? texts : { ref: 'HEAD', texts };
}
