// SQL the tests and the benchmark share.

/** A typical five-statement migration string (create, index, alter, drop, update) about table `name`. */
export function fiveStatements(name: string): string {
  return `CREATE TABLE IF NOT EXISTS ${name} (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users (id), status text NOT NULL DEFAULT 'new');
CREATE INDEX IF NOT EXISTS idx_${name}_user ON ${name} (user_id);
ALTER TABLE ${name} ADD COLUMN IF NOT EXISTS note text, DROP COLUMN IF EXISTS legacy;
DROP INDEX IF EXISTS idx_old_${name};
UPDATE ${name} SET status = 'old' WHERE id < 10;`;
}
