// Paths every script agrees on, from the repository root rather than the caller's working directory.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cacheDir = path.join(repoRoot, '.cache');
export const exampleProject = path.join(repoRoot, 'examples', 'backend');
