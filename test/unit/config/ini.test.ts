import assert from 'node:assert/strict';
import { test } from 'node:test';
import { iniGet, iniSections, parseIni } from '../../../server/src/core/ini';

test('sections, both delimiters, the first delimiter wins, keys are case-insensitive', () => {
  const ini = parseIni('[alembic]\nScript_Location = migrations\nsqlalchemy.url = driver://user:pass@host/db\nfile_template: %%(rev)s_x\n[other]\nkey=v');
  assert.deepEqual(iniSections(ini), ['alembic', 'other']);
  assert.equal(iniGet(ini, 'alembic', 'script_location'), 'migrations');
  assert.equal(iniGet(ini, 'alembic', 'SCRIPT_LOCATION'), 'migrations');
  assert.equal(iniGet(ini, 'alembic', 'sqlalchemy.url'), 'driver://user:pass@host/db');
  assert.equal(iniGet(ini, 'alembic', 'file_template'), '%(rev)s_x');
  assert.equal(iniGet(ini, 'other', 'key'), 'v');
  assert.equal(iniGet(ini, 'other', 'script_location'), undefined);
});

test('comment lines are skipped, inline # is part of the value', () => {
  const ini = parseIni('# top\n[a]\n; semi\n  # indented comment\nx = 1 # not a comment\n');
  assert.equal(iniGet(ini, 'a', 'x'), '1 # not a comment');
});

test('continuation lines join with newlines; blank lines inside are kept, trailing ones dropped', () => {
  const ini = parseIni('[alembic]\nversion_locations =\n    %(here)s/a\n\n    %(here)s/b\n\n\nnext = 2\n', { here: '/p' });
  assert.equal(iniGet(ini, 'alembic', 'version_locations'), '\n/p/a\n\n/p/b');
  assert.equal(iniGet(ini, 'alembic', 'next'), '2');
});

test('interpolation from the section, [DEFAULT] and the given defaults; %% is a percent sign', () => {
  const ini = parseIni('[DEFAULT]\nbase = %(here)s/db\n[alembic]\nscript_location = %(base)s/migrations\nname = %(missing)s\npct = 100%%\nchain = %(script_location)s/versions\n', {
    here: '/repo',
  });
  assert.equal(iniGet(ini, 'alembic', 'script_location'), '/repo/db/migrations');
  assert.equal(iniGet(ini, 'alembic', 'chain'), '/repo/db/migrations/versions');
  assert.equal(iniGet(ini, 'alembic', 'name'), '%(missing)s');
  assert.equal(iniGet(ini, 'alembic', 'pct'), '100%');
  assert.equal(iniGet(ini, 'alembic', 'here'), '/repo');
});

test('self-referencing interpolation stops instead of looping', () => {
  const ini = parseIni('[a]\nx = %(x)s!\n');
  assert.match(iniGet(ini, 'a', 'x') ?? '', /^(!)*%\(x\)s!+$/);
});

test('CRLF, a BOM, options before any section and lines without a delimiter', () => {
  const ini = parseIni('\uFEFForphan = 1\r\n[alembic]\r\nscript_location = m\r\nnot an option\r\nafter = 2\r\n');
  assert.deepEqual(iniSections(ini), ['alembic']);
  assert.equal(iniGet(ini, 'alembic', 'script_location'), 'm');
  assert.equal(iniGet(ini, 'alembic', 'after'), '2');
  assert.equal(iniGet(ini, 'alembic', 'orphan'), undefined);
});

test('an indented line under a section header with no option yet starts an option', () => {
  const ini = parseIni('[a]\n  x = 1\n    continued\n');
  assert.equal(iniGet(ini, 'a', 'x'), '1\ncontinued');
});
