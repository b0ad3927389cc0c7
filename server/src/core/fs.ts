// The core reads the workspace only through this interface, so it can be tested on in-memory trees
// and the server can answer from open documents before they are saved.

/**
 * Why readFile returned nothing, or less than the whole file. A file that simply does not exist has none: it was
 * deleted, and its revision leaves the graph.
 */
export interface ReadProblem {
  /**
   * 'unreadable': nothing could be read (permissions, a FIFO or a device, a dangling link, a link loop);
   * 'too-large': readFile returned only the head of the file, where the revision identifiers are.
   */
  kind: 'unreadable' | 'too-large';
  /** For the user, complete: "Cannot read the file (permission denied)". */
  message: string;
}

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
  /** Why the last readFile of this path returned undefined or only the file's head; undefined when it read all. */
  readProblem?(path: string): ReadProblem | undefined;
  /**
   * The path with every symbolic link resolved (undefined when it cannot be resolved): the core follows a link
   * only when it stays inside the project. Without it, paths are taken as they are (in-memory trees).
   */
  realPath?(path: string): string | undefined;
}
