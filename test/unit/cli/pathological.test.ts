// The CLI over inputs that once broke it: deep SQL beside a syntax error, huge cycles and many heads.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, test } from 'node:test';
import { deepSqlFiles, writeProject } from '../../helpers/pathological';
import { checkJson } from './run-cli';

const roots: string[] = [];
after(() => {
  for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
});

test('35 deep statements beside `SELEC 1`: every run reports the syntax error and each deep statement as not checked', async () => {
  const root = writeProject('alembic-deep-sql-', deepSqlFiles(35));
  roots.push(root);
  // The defect showed in 3 runs of 4 (and hung in the other): run it several times.
  for (let run = 0; run < 4; run++) {
    const { result, diagnostics } = await checkJson([root]);
    assert.equal(result.code, 1, `run ${run}: the syntax error fails the check\n${result.stderr}`);
    assert.equal(result.stderr, '');
    const syntax = diagnostics.filter((d) => d.rule === 'sql-syntax');
    assert.equal(syntax.length, 1, `run ${run}`);
    assert.match(syntax[0]!.message, /"SELEC"/);
    assert.ok(syntax[0]!.file.endsWith('0002_typo.py'));
    const notChecked = diagnostics.filter((d) => d.rule === 'sql-too-complex');
    assert.equal(notChecked.length, 35, `run ${run}`);
    assert.ok(notChecked.every((d) => d.severity === 'info'));
  }
});
