// What the last verify of each revision file found, until the file changes: the Migrations view's badge reads it,
// the diagnostics are kept beside it (verify-service.ts). Keyed by file, so a duplicated revision id keeps two
// results. Pure.
import type { VerifyStatus } from '../../../common/verify-json';

export interface VerifyResult {
  revision: string;
  status: VerifyStatus;
  /** How many problems, by severity. */
  errors: number;
  warnings: number;
}

export class VerifyResults {
  private readonly byFile = new Map<string, VerifyResult>();

  /** A new verify of these files replaces what an earlier one said about them; the others keep theirs. */
  record(results: ReadonlyMap<string, VerifyResult>): void {
    for (const [file, result] of results) this.byFile.set(file, result);
  }

  /** The file changed: what was verified is not what it holds now. True when there was a result to drop. */
  forget(file: string): boolean {
    return this.byFile.delete(file);
  }

  get(file: string): VerifyResult | undefined {
    return this.byFile.get(file);
  }

  has(file: string): boolean {
    return this.byFile.has(file);
  }
}
