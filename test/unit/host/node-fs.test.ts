import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { cookieEncoding, decodePythonSource, NodeFileSystem } from '../../../server/src/host/node-fs';

const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

test('UTF-8, with or without a BOM, decodes cleanly', () => {
  assert.deepEqual(decodePythonSource(bytes('x = "café 🐘"\n')), { text: 'x = "café 🐘"\n' });
  assert.deepEqual(decodePythonSource(bytes([0xef, 0xbb, 0xbf], 'x = 1\n')), { text: 'x = 1\n' });
});

test('bytes that are not UTF-8 decode with replacement and report the first bad byte', () => {
  const { text, problem } = decodePythonSource(bytes('é = 1\n# ', [0xff, 0x41], '\n'));
  assert.equal(text, 'é = 1\n# \uFFFDA\n');
  assert.equal(problem?.offset, 8);
  assert.equal(problem?.byteOffset, 9);
  assert.match(problem?.message ?? '', /not valid UTF-8 \(byte 9\)/);
  const withBom = decodePythonSource(bytes([0xef, 0xbb, 0xbf], [0xc3, 0x28]));
  assert.equal(withBom.problem?.byteOffset, 3);
});

test('a PEP 263 cookie on the first two lines selects latin-1 or cp1252', () => {
  assert.equal(cookieEncoding(bytes('# -*- coding: latin-1 -*-\n')), 'latin-1');
  assert.equal(cookieEncoding(bytes('#!/usr/bin/env python\n# vim: set fileencoding=ISO-8859-1 :\n')), 'latin-1');
  assert.equal(cookieEncoding(bytes('# coding=cp1252\n')), 'cp1252');
  assert.equal(cookieEncoding(bytes('# coding: utf-8\n')), undefined);
  assert.equal(cookieEncoding(bytes('\n\n# coding: latin-1\n')), undefined, 'a third-line cookie does not count');
  // latin-1 maps 0x80 to U+0080; cp1252 maps it to the euro sign.
  assert.deepEqual(decodePythonSource(bytes('# coding: latin-1\nx = "', [0xe9, 0x80], '"\n')), { text: '# coding: latin-1\nx = "é\u0080"\n' });
  assert.deepEqual(decodePythonSource(bytes('# coding: cp1252\nx = "', [0xe9, 0x80], '"\n')), { text: '# coding: cp1252\nx = "é€"\n' });
});

test('NodeFileSystem remembers encoding problems per path and forgets them once fixed', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-nodefs-'));
  try {
    const file = path.join(dir, 'a.py');
    const nodeFs = new NodeFileSystem();
    fs.writeFileSync(file, bytes('x = 1\n', [0xff]));
    assert.equal(nodeFs.readFile(file), 'x = 1\n\uFFFD');
    assert.match(nodeFs.encodingProblem(file)?.message ?? '', /UTF-8/);
    assert.deepEqual([...nodeFs.problems].map(([p, e]) => [p, e.byteOffset]), [[file, 6]]);
    fs.writeFileSync(file, 'x = 2\n');
    assert.equal(nodeFs.readFile(file), 'x = 2\n');
    assert.equal(nodeFs.encodingProblem(file), undefined);
    assert.equal(nodeFs.readFile(path.join(dir, 'missing.py')), undefined);
    assert.equal(nodeFs.readFile(dir), undefined, 'a folder is not a file');
    fs.mkdirSync(path.join(dir, 'versions'));
    assert.deepEqual(
      nodeFs.readDir(dir).sort((a, b) => a.name.localeCompare(b.name)),
      [
        { name: 'a.py', isDirectory: false },
        { name: 'versions', isDirectory: true },
      ],
    );
    assert.deepEqual(nodeFs.readDir(path.join(dir, 'nope')), []);
    assert.equal(nodeFs.exists(file), true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
