/**
 * @module cli/usage-error
 * A wrong argument or unusable input file: the CLI exits 2 with the message.
 */
import { statSync } from 'node:fs';

export class UsageError extends Error {}

/**
 * An input file argument, checked before any storage is opened (commander's argument parser): a missing
 * or unreadable file, or a folder, is a usage error.
 */
export function readableFile(file: string): string {
  let isFile: boolean;
  try { isFile = statSync(file).isFile(); } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  if (!isFile) throw new UsageError(`cannot read ${file}: not a file`);
  return file;
}
