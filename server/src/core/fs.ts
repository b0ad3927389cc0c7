// The core reads the workspace only through this interface, so it can be tested on in-memory trees
// and the server can answer from open documents before they are saved.

export interface FileSystem {
  /** Text of the file, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /** Entries of a directory (names only), or [] when it does not exist. */
  readDir(path: string): { name: string; isDirectory: boolean }[];
  exists(path: string): boolean;
  /** What is at the path (following links), or undefined when nothing is there or it cannot be read. */
  stat(path: string): { isDirectory: boolean } | undefined;
  /**
   * Why the last readFile of this path could not be decoded exactly (not UTF-8, say), with the offset in the
   * returned text where it shows; undefined when it decoded cleanly.
   */
  encodingProblem?(path: string): { message: string; offset: number } | undefined;
}
