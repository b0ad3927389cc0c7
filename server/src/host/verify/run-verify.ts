// The steps of `alembic-lint verify` against a throwaway database, one revision at a time in graph order:
// upgrade and read the catalogs; downgrade to the parent(s) and compare with the catalogs before the upgrade;
// upgrade again; re-run (the parents stamped, the upgrade run over the upgraded schema, then the revision stamped).
// A failed step does not stop the run: the database is rebuilt to the state the next step needs and the run goes on.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Client } from 'pg';
import { compareWithModel } from '../../../../common/schema-diff';
import type { SchemaJson } from '../../../../common/schema-json';
import type { VerifyProblemJson, VerifyProgressJson, VerifyRevisionJson, VerifyStep } from '../../../../common/verify-json';
import { quoteIdent } from '../../../../common/quote-ident';
import type { MigrationAction } from '../../../../common/alembic-command';
import { ancestorsOf } from '../../core/graph/ancestry';
import type { RevisionGraph } from '../../core/graph/types';
import type { MigrationFile } from '../../core/types';
import { downgradeProblems } from '../../core/verify/problems';
import { downgradeTarget, graphOrder, headsOf, type VerifyPlan } from '../../core/verify/plan';
import { readFailure } from '../../core/verify/traceback';
import { dumpCatalogSchema } from '../catalog-schema';
import { parseDatabaseUrl } from '../connection/database-url';
import { postgresVariables } from '../connection/resolve-connection';
import type { AlembicProcesses, ProcessOutcome } from './alembic-process';
import { CannotRunError } from './errors';
import { redact, withPgClient, type ScratchDatabase } from './scratch';

export interface VerifyRunOptions {
  graph: RevisionGraph;
  plan: VerifyPlan;
  processes: AlembicProcesses;
  database: ScratchDatabase;
  /** The environment of the project's CLI without any database variables (the scratch database's are added). */
  baseEnv: NodeJS.ProcessEnv;
  /** The static model's schema after a revision (`alembic-lint schema --revision`), or undefined. */
  modelAt(revision: string): SchemaJson | undefined;
  /** How paths are printed (relative to the working directory). */
  displayPath(file: string): string;
  progress(event: VerifyProgressJson): void;
  /** Where Alembic records the revisions (env.py's version_table, version_table_schema): verify stamps by writing it. */
  versionTable: { name: string; schema: string };
}

/** Thrown when the database cannot be brought back to a state the next revision needs: the run cannot go on. */
export class RebuildError extends CannotRunError {}

export async function runVerify(o: VerifyRunOptions): Promise<VerifyRevisionJson[]> {
  return new VerifyRun(o).run();
}

class VerifyRun {
  /** Every revision applied (or recorded as applied) in the database: what a rebuild brings back. */
  private readonly applied = new Set<string>();
  /** Revisions whose upgrade failed but that are recorded as applied, so the ones after them can still run. */
  private readonly stampedOnly = new Set<string>();
  private readonly files: Map<string, MigrationFile>;

  constructor(private readonly o: VerifyRunOptions) {
    this.files = new Map(o.graph.files.map((file) => [file.path, file]));
  }

  async run(): Promise<VerifyRevisionJson[]> {
    const { plan } = this.o;
    await this.apply(plan.prepare, 'prepare');
    const results: VerifyRevisionJson[] = [];
    for (const [i, id] of plan.verify.entries()) results.push(await this.verifyRevision(id, i + 1, plan.verify.length));
    return results;
  }

  private async verifyRevision(id: string, index: number, total: number): Promise<VerifyRevisionJson> {
    const node = this.o.graph.nodes.get(id)!;
    const file = this.files.get(node.file);
    const problems: VerifyProblemJson[] = [];
    const step = (name: VerifyStep): void => this.o.progress({ type: 'progress', index, total, revision: id, step: name });
    const failed = (name: VerifyStep, outcome: ProcessOutcome): void => {
      const report = readFailure(redact(outcome.output, this.o.database.secrets), (frame) => sameFile(path.resolve(this.o.processes.cwd, frame), node.file));
      problems.push({ step: name, kind: 'failed', object: null, message: report.message, line: report.line });
    };
    const result = (status: VerifyRevisionJson['status'], disagreements?: string[]): VerifyRevisionJson => ({
      revision: id,
      file: this.o.displayPath(node.file),
      status: problems.length > 0 ? 'failed' : status,
      problems,
      ...(disagreements && disagreements.length > 0 ? { modelDisagreements: disagreements } : {}),
    });

    step('upgrade');
    const before = await this.snapshot();
    const up = await this.alembic({ kind: 'upgrade', target: id });
    if (!up.ok) {
      failed('upgrade', up);
      // Recorded as applied without its effects, so the revisions after it are still verified.
      this.applied.add(id);
      this.stampedOnly.add(id);
      await this.rebuild();
      return result('failed');
    }
    this.applied.add(id);
    const after = await this.snapshot();
    const disagreements = this.disagreements(id, after);

    // A downgrade written only to raise says the revision is irreversible on purpose: nothing to undo or redo.
    const irreversible = file?.downgrade?.bodyKind === 'raises';
    if (!irreversible) {
      step('downgrade');
      const down = await this.alembic({ kind: 'downgrade', target: downgradeTarget(this.o.graph, id) });
      if (!down.ok) {
        failed('downgrade', down);
        await this.rebuild();
      } else {
        problems.push(...downgradeProblems(before, await this.snapshot(), file));
        step('reupgrade');
        const again = await this.alembic({ kind: 'upgrade', target: id });
        if (!again.ok) {
          failed('reupgrade', again);
          await this.rebuild();
        }
      }
    }

    step('rerun');
    const others = new Set(this.applied);
    others.delete(id);
    await this.stamp(headsOf(this.o.graph, others));
    const rerun = await this.alembic({ kind: 'upgrade', target: id });
    if (!rerun.ok) failed('rerun', rerun);
    // A failed re-run rolled back, the version table with it: record the revision again either way.
    await this.stamp(headsOf(this.o.graph, this.applied));
    return result(irreversible ? 'irreversible' : 'ok', disagreements);
  }

  /**
   * Where the static model and the catalogs disagree at `id`. Only when the database holds exactly `id`'s history:
   * another branch applied beside it would show objects the model of `id` rightly does not have.
   */
  private disagreements(id: string, catalog: SchemaJson): string[] | undefined {
    const history = ancestorsOf(this.o.graph, [id], true);
    if (history.size !== this.applied.size || [...this.applied].some((x) => !history.has(x) || this.stampedOnly.has(x))) return undefined;
    const model = this.o.modelAt(id);
    if (!model) return undefined;
    return compareWithModel({ ...catalog, revision: null }, { ...model, revision: null });
  }

  /** Applies `ids` (oldest first) without verifying them; a failure here means verify cannot go on. */
  private async apply(ids: readonly string[], why: 'prepare' | 'rebuild'): Promise<void> {
    const reached = new Set<string>();
    const flush = async (): Promise<void> => {
      for (const head of headsOf(this.o.graph, reached)) {
        const outcome = await this.alembic({ kind: 'upgrade', target: head });
        if (!outcome.ok) {
          const report = readFailure(redact(outcome.output, this.o.database.secrets), () => false);
          throw new RebuildError(`${why === 'prepare' ? 'applying' : 'rebuilding the database up to'} ${head} (not verified) failed: ${report.message}`);
        }
      }
    };
    for (const id of ids) {
      if (this.stampedOnly.has(id)) {
        await flush();
        reached.add(id);
        await this.stamp(headsOf(this.o.graph, reached));
      } else {
        reached.add(id);
      }
    }
    await flush();
    for (const id of ids) this.applied.add(id);
  }

  /** A fresh database brought to what `applied` says, after a failed step left the state unknown. */
  private async rebuild(): Promise<void> {
    await this.o.database.reset();
    const ids = graphOrder(this.o.graph).filter((id) => this.applied.has(id));
    this.applied.clear();
    await this.apply(ids, 'rebuild');
  }

  private alembic(action: MigrationAction): Promise<ProcessOutcome> {
    const { database } = this.o;
    return this.o.processes.run(action, { ...this.o.baseEnv, ...databaseEnv(database.url()), ...database.clientEnv() });
  }

  private withClient<T>(body: (client: Client) => Promise<T>): Promise<T> {
    return withPgClient(this.o.database.pg(), body);
  }

  private snapshot(): Promise<SchemaJson> {
    const { name, schema } = this.o.versionTable;
    return this.withClient((client) => dumpCatalogSchema(client, { readRevision: false, versionTable: name, versionTableSchema: schema }));
  }

  /**
   * Records `heads` as the revisions applied, as `alembic stamp --purge` would. Written to the version table
   * directly: a project's migrate.py may stamp one revision only, and Alembic's own `stamp a b` fails from a merge.
   */
  private stamp(heads: readonly string[]): Promise<void> {
    return this.withClient(async (client) => {
      const { name, schema } = this.o.versionTable;
      const table = `${quoteIdent(schema)}.${quoteIdent(name)}`;
      await client.query('BEGIN');
      // As Alembic creates it (its primary key is named <table>_pkc).
      await client.query(`CREATE TABLE IF NOT EXISTS ${table} (version_num VARCHAR(32) NOT NULL, CONSTRAINT ${quoteIdent(`${name}_pkc`)} PRIMARY KEY (version_num))`);
      await client.query(`DELETE FROM ${table}`);
      for (const head of heads) await client.query(`INSERT INTO ${table} (version_num) VALUES ($1)`, [head]);
      await client.query('COMMIT');
    });
  }
}

/**
 * The project's env.py reads DATABASE_URL, or POSTGRES_* (examples/backend does): both, for the scratch database.
 * The password travels in the environment only, never in a command line.
 */
export function databaseEnv(url: string): Record<string, string> {
  const parsed = parseDatabaseUrl(url);
  if ('problem' in parsed) throw new Error(`the throwaway database's URL: ${parsed.problem}`);
  const { user = '', host = '', port = 5432, database = '', password } = parsed;
  return { DATABASE_URL: url, ...postgresVariables({ user, host, port, database }, password) };
}

function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return false;
  }
}
