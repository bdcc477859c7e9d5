/**
 * @module cli/usage-error
 * A wrong argument or unusable input file: the CLI exits 2 with the message.
 */
export class UsageError extends Error {}
