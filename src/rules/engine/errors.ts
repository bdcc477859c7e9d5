/**
 * @module rules/engine/errors
 * Errors of the rules engine. The engine knows nothing of the domain, so it has its own codes; the
 * API maps them like any other coded error.
 */

export const EngineErrorCode = {
  /** A parameter file breaks the schema: missing citation, duplicate date, unknown key, bad value. */
  INVALID_PARAMETER: 'INVALID_PARAMETER',
  /** A rule or parameter was asked for that does not exist. */
  PARAMETER_MISSING: 'PARAMETER_MISSING',
  /** The parameter has no value in force on the date asked (before its first value, or ended by `value: null`). */
  PARAMETER_NOT_IN_FORCE: 'PARAMETER_NOT_IN_FORCE',
  /** The rule has no version in force on the date asked (before its first version, or after `end`). */
  RULE_NOT_IN_FORCE: 'RULE_NOT_IN_FORCE',
  /** A rule definition is inconsistent (e.g. `end` before a version's start). */
  INVALID_RULE: 'INVALID_RULE',
  /** A legal test case file is malformed. */
  INVALID_TEST_CASE: 'INVALID_TEST_CASE',
} as const;
export type EngineErrorCode = (typeof EngineErrorCode)[keyof typeof EngineErrorCode];

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  /** Where: a file and key path, or a rule id. */
  readonly where: string;

  constructor(code: EngineErrorCode, where: string, message: string) {
    super(`${where}: ${message}`);
    this.name = 'EngineError';
    this.code = code;
    this.where = where;
  }
}
