// The embedded development database (PGlite on a loopback port): at most one per window, for one workspace
// folder. While it runs it is the connection of every project in that folder, replacing what they configure.
import type { ResolvedConnection } from '../database/resolve-connection';
import { embeddedConnection } from './embedded-connection';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../../server/src/host/embedded/embedded-db';

export class EmbeddedService {
  private running: { db: EmbeddedDatabase; workspaceDir: string } | undefined;
  private starting: Promise<EmbeddedDatabase> | undefined;

  constructor(
    private readonly log: (line: string) => void,
    /** The database process went away without being stopped: the views must stop showing it as connected. */
    private readonly onUnexpectedExit: () => void,
  ) {}

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  get workspaceDir(): string | undefined {
    return this.running?.workspaceDir;
  }

  async start(workspaceDir: string): Promise<EmbeddedDatabase> {
    if (this.running) {
      if (this.running.workspaceDir === workspaceDir) return this.running.db;
      await this.stop();
    }
    this.starting ??= startEmbeddedDatabase({ workspaceDir, log: this.log }).finally(() => {
      this.starting = undefined;
    });
    const db = await this.starting;
    this.running = { db, workspaceDir };
    void db.exited.then(() => {
      if (this.running?.db !== db) return;
      this.running = undefined;
      this.log('The embedded database process exited unexpectedly; start it again with "Alembic: Start Embedded Database".');
      this.onUnexpectedExit();
    });
    return db;
  }

  async stop(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    await running?.db.stop();
  }

  /** The embedded database as a resolved connection, for projects in its workspace folder. */
  connectionFor(workspaceDir: string | undefined): ResolvedConnection | undefined {
    if (!this.running || workspaceDir !== this.running.workspaceDir) return undefined;
    const resolved = embeddedConnection(this.running.db);
    // The URL is ours and well-formed: a problem here is a bug, reported like any other connection problem.
    return 'problem' in resolved ? undefined : resolved;
  }
}
