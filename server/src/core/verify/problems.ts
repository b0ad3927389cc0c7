// What a downgrade did wrong, from the catalogs before the upgrade and after the downgrade: each difference
// becomes a problem that names the object, says what is left over, missing or changed, and points at the statement
// the static model says created, dropped or altered it (null when the model cannot tell, e.g. an f-string).
import type { SchemaDifference, DiffStep } from '../../../../common/schema-diff';
import { schemaDifferences } from '../../../../common/schema-diff';
import type { SchemaJson } from '../../../../common/schema-json';
import type { VerifyProblemJson } from '../../../../common/verify-json';
import { factSites } from '../migration/fact-sites';
import { offsetToPosition } from '../text';
import type { FactAction, MigrationFile, ObjectKind } from '../types';

/** The catalogs before the revision's upgrade (`before`) against those after its downgrade (`after`). */
export function downgradeProblems(before: SchemaJson, after: SchemaJson, file: MigrationFile | undefined): VerifyProblemJson[] {
  return schemaDifferences({ ...before, revision: null }, { ...after, revision: null }).map((difference) => problemOf(difference, file));
}

function problemOf(d: SchemaDifference, file: MigrationFile | undefined): VerifyProblemJson {
  const target = objectOf(d.steps);
  const object = target?.display ?? null;
  const base = { step: 'downgrade' as const, object };
  switch (d.kind) {
    case 'only-a':
      return { ...base, kind: 'missing', message: `the downgrade did not restore ${object ?? 'an object'} that was there before the upgrade`, line: lineOf(file, target, 'missing') };
    case 'only-b':
      return { ...base, kind: 'leftover', message: `the downgrade left ${object ?? 'an object'} behind`, line: lineOf(file, target, 'leftover') };
    case 'field':
      return { ...base, kind: 'changed', message: `${object ?? 'the schema'}: ${fieldName(d.field)} was ${d.a} before the upgrade, ${d.b} after the downgrade`, line: lineOf(file, target, 'changed') };
    case 'order':
      return { ...base, kind: 'changed', message: `${object ?? 'the table'}: columns were in the order [${d.a.join(', ')}] before the upgrade, [${d.b.join(', ')}] after the downgrade`, line: lineOf(file, target, 'changed') };
  }
}

function fieldName(field: string): string {
  return field === 'ownedBy' ? 'owner' : field;
}

interface Target {
  /** "column users.email": how the JSON's `object` names it. */
  display: string;
  kinds: ObjectKind[];
  /** As the catalogs print it: qualified except in public. */
  name: string;
  table?: string;
}

/** The innermost item of a path, named as `alembic-lint schema` names objects: "table orders", "column users.email". */
export function objectOf(steps: readonly DiffStep[]): Target | undefined {
  const last = steps[steps.length - 1];
  if (!last) return undefined;
  const table = steps.length > 1 ? steps[0]!.key : undefined;
  switch (last.list) {
    case 'tables':
      return { display: `table ${last.key}`, kinds: ['table'], name: last.key };
    case 'columns':
      return { display: `column ${table}.${last.key}`, kinds: ['column'], name: last.key, ...(table ? { table } : {}) };
    case 'indexes':
      return { display: `index ${last.key}`, kinds: ['index', 'constraint'], name: last.key, ...(table ? { table } : {}) };
    case 'constraints':
      return { display: `constraint ${last.key} on ${table}`, kinds: ['constraint', 'index'], name: last.key, ...(table ? { table } : {}) };
    case 'enums':
      return { display: `type ${last.key}`, kinds: ['type'], name: last.key };
    case 'sequences':
      return { display: `sequence ${last.key}`, kinds: ['sequence'], name: last.key };
    case 'views':
      return { display: `view ${last.key}`, kinds: ['view', 'materialized view'], name: last.key };
    case 'functions':
      return { display: `function ${last.key}`, kinds: ['function', 'procedure'], name: last.key.replace(/\(.*$/, '') };
    case 'triggers': {
      const [name, on] = last.key.split(' on ');
      return { display: `trigger ${last.key}`, kinds: ['trigger'], name: name ?? last.key, ...(on ? { table: on } : {}) };
    }
    case 'extensions':
      return { display: `extension ${last.key}`, kinds: ['extension'], name: last.key };
    case 'schemas':
      return { display: `schema ${last.key}`, kinds: ['schema'], name: last.key };
  }
}

/**
 * The statement to point at. Left over: what the upgrade created (the downgrade forgot it). Missing: what the
 * downgrade or the upgrade dropped. Changed: what the downgrade did to it, else what the upgrade did.
 */
function lineOf(file: MigrationFile | undefined, target: Target | undefined, kind: 'leftover' | 'missing' | 'changed'): number | null {
  if (!file || !target) return null;
  const search: [MigrationFile['upgrade'], FactAction[] | undefined][] =
    kind === 'leftover'
      ? [[file.upgrade, ['create', 'rename']]]
      : kind === 'missing'
        ? [[file.downgrade, ['drop', 'rename']], [file.upgrade, ['drop', 'rename']]]
        : [[file.downgrade, undefined], [file.upgrade, undefined]];
  for (const [fn, actions] of search) {
    for (const { fact } of factSites(fn)) {
      if (actions && !actions.includes(fact.action)) continue;
      if (!matches(fact.object, fact.newName, target, fact.action === 'rename' && kind === 'leftover')) continue;
      return offsetToPosition(file.lineStarts, fact.range.start).line + 1;
    }
  }
  return null;
}

function matches(object: { kind: ObjectKind; name: string; schema?: string; table?: string } | undefined, newName: string | undefined, target: Target, renamedTo: boolean): boolean {
  if (!object || !target.kinds.includes(object.kind)) return false;
  const name = renamedTo ? (newName ?? object.name) : object.name;
  const qualified = object.schema && object.schema !== 'public' ? `${object.schema}.${name}` : name;
  if (qualified !== target.name && name !== target.name) return false;
  if (target.table === undefined || object.table === undefined) return true;
  return object.table === target.table || target.table.endsWith(`.${object.table}`);
}
