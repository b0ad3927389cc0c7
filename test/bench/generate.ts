// Generates realistic migration workspaces for the benchmark (and the server's load tests).
import * as fs from 'node:fs';
import * as path from 'node:path';

function pad(n: number): string {
  return String(n).padStart(4, '0');
}

export function migrationText(id: string, parents: string[], index: number): string {
  const down = parents.length === 0 ? 'None' : parents.length === 1 ? `"${parents[0]}"` : `(${parents.map((p) => `"${p}"`).join(', ')})`;
  const t = `table_${index}`;
  const header = [
    `"""create ${t}`,
    '',
    `Revision ID: ${id}`,
    `Revises: ${parents.join(', ')}`,
    'Create Date: 2026-01-01 00:00:00',
    '',
    '"""',
    'from alembic import op',
    'import sqlalchemy as sa',
    '',
    `revision = "${id}"`,
    `down_revision = ${down}`,
    'branch_labels = None',
    'depends_on = None',
    '',
    '',
  ];
  if (parents.length > 1) {
    return [...header, 'def upgrade() -> None:', '    pass', '', '', 'def downgrade() -> None:', '    pass', ''].join('\n');
  }
  const body =
    index % 3 === 0
      ? [
          'def upgrade() -> None:',
          `    op.create_table("${t}", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("name", sa.Text()))`,
          `    op.create_index("ix_${t}_name", "${t}", ["name"])`,
          '',
          '',
          'def downgrade() -> None:',
          `    op.drop_index("ix_${t}_name", table_name="${t}")`,
          `    op.drop_table("${t}")`,
        ]
      : [
          'def upgrade() -> None:',
          '    op.execute("""',
          `        CREATE TABLE IF NOT EXISTS ${t} (`,
          '            id SERIAL PRIMARY KEY,',
          '            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,',
          '            data JSONB NOT NULL,',
          '            created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW()',
          '        )',
          '    """)',
          `    op.execute("CREATE INDEX IF NOT EXISTS idx_${t}_user_id ON ${t}(user_id)")`,
          `    op.execute("ALTER TABLE ${t} ADD COLUMN IF NOT EXISTS status TEXT DEFAULT 'active'")`,
          '',
          '',
          'def downgrade() -> None:',
          `    op.execute("ALTER TABLE ${t} DROP COLUMN IF EXISTS status")`,
          `    op.execute("DROP INDEX IF EXISTS idx_${t}_user_id")`,
          `    op.execute("DROP TABLE IF EXISTS ${t}")`,
        ];
  return [...header, ...body, ''].join('\n');
}

/** A 300-line migration: many statements of every common kind, in the SOP's op.execute style. */
export function largeMigration(parent?: string): string {
  const up: string[] = [];
  const down: string[] = [];
  for (let i = 0; up.length < 120; i++) {
    const t = `big_${i}`;
    up.push('    op.execute("""', `        CREATE TABLE IF NOT EXISTS ${t} (`, '            id SERIAL PRIMARY KEY,', '            name TEXT NOT NULL', '        )', '    """)');
    up.push(`    op.execute("CREATE INDEX IF NOT EXISTS idx_${t}_name ON ${t}(name)")`);
    up.push(`    op.execute("ALTER TABLE ${t} ADD COLUMN IF NOT EXISTS note TEXT")`);
    down.unshift(`    op.execute("DROP TABLE IF EXISTS ${t}")`);
    down.unshift(`    op.execute("DROP INDEX IF EXISTS idx_${t}_name")`);
    down.unshift(`    op.execute("ALTER TABLE ${t} DROP COLUMN IF EXISTS note")`);
  }
  const text = [
    `"""big migration\n\nRevision ID: big\nRevises: ${parent ?? ''}\n"""`,
    'from alembic import op',
    '',
    'revision = "big"',
    `down_revision = ${parent ? `"${parent}"` : 'None'}`,
    '',
    '',
    'def upgrade() -> None:',
    ...up,
    '',
    '',
    'def downgrade() -> None:',
    ...down,
  ];
  while (text.length < 300) text.push('    # keep the file at 300 lines');
  return text.join('\n') + '\n';
}

/** The large migration as typing leaves it: an `x` typed into its first CREATE INDEX (even keystrokes), deleted again (odd). */
export function typedMigration(text: string, keystroke: number): string {
  const at = text.indexOf('CREATE INDEX IF NOT EXISTS') + 20;
  return keystroke % 2 === 0 ? text.slice(0, at) + 'x' + text.slice(at) : text;
}

/**
 * Writes a project with `count` migrations: a linear history with a branch and merge every 500 revisions.
 * Returns the project folder and the versions folder.
 */
export function writeProject(root: string, count: number): { project: string; versions: string } {
  const project = path.join(root, 'backend');
  const versions = path.join(project, 'database_migrations', 'versions');
  fs.mkdirSync(versions, { recursive: true });
  fs.writeFileSync(path.join(project, 'alembic.ini'), '[alembic]\nscript_location = %(here)s/database_migrations\n');
  let head = '';
  for (let i = 1; i <= count; i++) {
    const id = pad(i);
    let parents = head ? [head] : [];
    if (i % 500 === 0 && i > 2) parents = [pad(i - 1), pad(i - 2)];
    else if (i % 500 === 499) parents = [pad(i - 2)]; // a branch: i-1 and i both descend from i-2
    fs.writeFileSync(path.join(versions, `${id}_create_table_${i}.py`), migrationText(id, parents, i));
    head = id;
  }
  return { project, versions };
}
