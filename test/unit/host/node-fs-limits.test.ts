// NodeFileSystem reads only regular files, and at most the size limit plus one byte: links to devices, FIFOs,
// dangling links and loops come back as problems, at once, without reading anything.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { MAX_ANALYSED_LENGTH, MIGRATION_HEAD_LENGTH } from '../../../server/src/core/limits';
import { NodeFileSystem, readRegularFile } from '../../../server/src/host/node-fs';
import { makeHostileProject, revision, type HostileProject } from '../../helpers/hostile-files';
import { HANG_GUARD_MS } from '../../helpers/hang-guard';

let project: HostileProject;

before(() => {
  project = makeHostileProject();
});

after(() => fs.rmSync(project.base, { recursive: true, force: true }));

const at = (name: string): string => path.join(project.versions, name);

// (/dev/stdin is whatever the test runner gave the process, a regular file included: the core's link check covers it.)
test('a link to /dev/zero or /dev/urandom and a FIFO are not read: "not a regular file"', { timeout: HANG_GUARD_MS }, () => {
  const disk = new NodeFileSystem();
  for (const name of ['zero.py', 'urandom.py', 'fifo.py']) {
    assert.equal(disk.readFile(at(name)), undefined, name);
    const problem = disk.readProblem(at(name));
    assert.equal(problem?.kind, 'unreadable', name);
    assert.match(problem?.message ?? '', /^Not a regular file \((a FIFO|a device)\)/, name);
  }
  assert.match(disk.readProblem(at('fifo.py'))?.message ?? '', /a FIFO/);
  assert.match(disk.readProblem(at('zero.py'))?.message ?? '', /a device/);
});

test('a dangling link and a link loop are problems; a file deleted since the listing is none', () => {
  const disk = new NodeFileSystem();
  assert.equal(disk.readFile(at('dangling.py')), undefined);
  assert.match(disk.readProblem(at('dangling.py'))?.message ?? '', /^A symbolic link to gone\.py, which does not exist/);
  assert.equal(disk.readFile(at('loop_a.py')), undefined);
  assert.match(disk.readProblem(at('loop_a.py'))?.message ?? '', /symbolic link loop/);
  assert.equal(disk.readFile(at('never_there.py')), undefined);
  assert.equal(disk.readProblem(at('never_there.py')), undefined);
});

test('a file over the limit: only its head is returned (whole lines), with a too-large problem', () => {
  const big = at('0003_big.py');
  fs.writeFileSync(big, revision('0003', '0002') + '# padding to push the file over the limit\n'.repeat(Math.ceil(MAX_ANALYSED_LENGTH / 40)));
  const disk = new NodeFileSystem();
  const text = disk.readFile(big);
  assert.ok(text !== undefined && text.length <= MIGRATION_HEAD_LENGTH, `head of ${text?.length} characters`);
  assert.ok(text.startsWith(revision('0003', '0002')) && text.endsWith('\n'));
  assert.equal(disk.readProblem(big)?.kind, 'too-large');
  assert.match(disk.readProblem(big)?.message ?? '', /^File too large to analyse \(2\.\d MB\): only the revision identifiers at its top were read$/);
  // Once it shrinks, it is read whole again and the problem is forgotten.
  fs.writeFileSync(big, revision('0003', '0002'));
  assert.equal(disk.readFile(big), revision('0003', '0002'));
  assert.equal(disk.readProblem(big), undefined);
  fs.rmSync(big);
});

test('readRegularFile reads at most the limit plus one byte, whatever the file holds', () => {
  const file = at('0004_sized.py');
  fs.writeFileSync(file, 'x'.repeat(10_000));
  const read = readRegularFile(file, 100);
  assert.ok('bytes' in read);
  assert.equal(read.bytes.length, 101);
  assert.equal(read.size, 10_000);
  fs.rmSync(file);
});

test('realPath resolves links; the core decides whether to follow them', () => {
  const disk = new NodeFileSystem();
  assert.equal(disk.realPath(at('outside.py')), project.outsideFile);
  assert.equal(disk.realPath(at('0001_a.py')), at('0001_a.py'));
  assert.equal(disk.realPath(at('dangling.py')), undefined);
});
