// The version printed by --version and written into SARIF: the package.json the running file belongs to
// (dist/cli.js when bundled or installed, out/... when run from compiled tests).
import * as fs from 'node:fs';
import * as path from 'node:path';

const PACKAGE_NAME = 'alembic-migrations';

export function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === PACKAGE_NAME && pkg.version) return pkg.version;
    } catch {
      // No package.json here: keep walking up.
    }
    if (path.dirname(dir) === dir) return '0.0.0';
  }
}
