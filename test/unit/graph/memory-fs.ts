// An in-memory FileSystem for tests: folders are implied by the files written under them.
import * as path from 'node:path';
import type { FileSystem } from '../../../server/src/core/fs';

export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, string>();
  /** Folder -> child name -> whether the child is a folder. */
  private readonly dirs = new Map<string, Map<string, boolean>>();
  /** readFile calls so far, to check that scans do not read more than they need. */
  reads = 0;

  constructor(files: Record<string, string> = {}) {
    for (const [file, text] of Object.entries(files)) this.write(file, text);
  }

  write(file: string, text: string): this {
    const full = path.resolve(file);
    this.files.set(full, text);
    this.link(full, false);
    return this;
  }

  mkdir(dir: string): this {
    const full = path.resolve(dir);
    if (!this.dirs.has(full)) this.dirs.set(full, new Map());
    this.link(full, true);
    return this;
  }

  delete(file: string): this {
    const full = path.resolve(file);
    this.files.delete(full);
    this.dirs.get(path.dirname(full))?.delete(path.basename(full));
    return this;
  }

  readFile(file: string): string | undefined {
    this.reads++;
    return this.files.get(path.resolve(file));
  }

  readDir(dir: string): { name: string; isDirectory: boolean }[] {
    const children = this.dirs.get(path.resolve(dir));
    if (!children) return [];
    return [...children].map(([name, isDirectory]) => ({ name, isDirectory })).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  exists(p: string): boolean {
    const full = path.resolve(p);
    return this.files.has(full) || this.dirs.has(full);
  }

  stat(p: string): { isDirectory: boolean } | undefined {
    const full = path.resolve(p);
    if (this.files.has(full)) return { isDirectory: false };
    return this.dirs.has(full) ? { isDirectory: true } : undefined;
  }

  private link(full: string, isDirectory: boolean): void {
    const parent = path.dirname(full);
    if (parent === full) return;
    let children = this.dirs.get(parent);
    if (!children) {
      children = new Map();
      this.dirs.set(parent, children);
      this.link(parent, true);
    }
    children.set(path.basename(full), isDirectory);
  }
}
