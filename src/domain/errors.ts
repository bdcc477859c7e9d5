/**
 * @module domain/errors
 * One error type for everything the domain refuses. The API maps each code to an HTTP status and a
 * problem+json document (RFC 9457) in exactly one place (`api/problem.ts`); the CLI prints the message
 * and exits 2.
 */

/** Stable error codes. They are part of the public API: never change the meaning of one. */
export const DomainErrorCode = {
  /** The request body or a parameter failed validation; `fields` names each offending path. */
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  MALFORMED_JSON: 'MALFORMED_JSON',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The actor is authenticated but the permission table does not allow the action in that scope. */
  FORBIDDEN: 'FORBIDDEN',
  /** Also returned for records of another tenant, so that ids cannot be probed across tenants. */
  NOT_FOUND: 'NOT_FOUND',
  /** `If-Match` names a version that is no longer current: somebody else changed the record first. */
  VERSION_CONFLICT: 'VERSION_CONFLICT',
  /** An update was sent without `If-Match`; blind overwrites are refused (RFC 6585 §3). */
  PRECONDITION_REQUIRED: 'PRECONDITION_REQUIRED',
  /** The same `Idempotency-Key` was reused with a different request. */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  ALREADY_EXISTS: 'ALREADY_EXISTS',
  /** The record's personal data was erased; only its tombstone remains. */
  ERASED: 'ERASED',
  INVALID_STATE: 'INVALID_STATE',
  LOCAL_ISSUER_DISABLED: 'LOCAL_ISSUER_DISABLED',
  IMPORT_CONFLICT: 'IMPORT_CONFLICT',
  INVALID_IMPORT: 'INVALID_IMPORT',
  /** The transition does not leave the case's current stage, or not for its kind (`domain/cases/procedure.ts`). */
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  /**
   * The law does not permit the transition on that date: the problem lists, in `refusals`, each
   * finding of the law engine (or condition of the case) that refused it, with its citations and reasons.
   */
  TRANSITION_REFUSED: 'TRANSITION_REFUSED',
  /** A transition of the case waits for a supervisor's approval (four eyes); nothing else moves it meanwhile. */
  TRANSITION_PENDING: 'TRANSITION_PENDING',
  /** The proposer of a transition may not approve or reject it: a different person must (four eyes). */
  FOUR_EYES: 'FOUR_EYES',
  /** A registration matches persons already registered; `candidates` lists them. Confirm to register anyway. */
  DUPLICATE_SUSPECTED: 'DUPLICATE_SUSPECTED',
  /** The person record was merged into another (`mergedInto`); act on that one. */
  MERGED: 'MERGED',
  /** The person was already counted on that leg of the 1:1 ledger (by any tenant); `entitlement` names where. */
  LEDGER_ALREADY_COUNTED: 'LEDGER_ALREADY_COUNTED',
  /** Counting the return would pass the mechanism's cap (its registry parameter). */
  LEDGER_CAP_REACHED: 'LEDGER_CAP_REACHED',
  /** The law engine's `one-to-one-return` finding for the agreement is not `yes` on the return's date; `finding` says why. */
  LEDGER_RETURN_NOT_COUNTED: 'LEDGER_RETURN_NOT_COUNTED',
  /** No resettlement entitlement is open (a return counted on or before the resettlement's date) to record it against. */
  LEDGER_NO_OPEN_ENTITLEMENT: 'LEDGER_NO_OPEN_ENTITLEMENT',
  /**
   * The law does not permit assigning the rescued person there on that date: `refusals` lists each finding
   * that refused it (non-refoulement: a third country needs a `yes`), with its citations and reasons.
   */
  ASSIGNMENT_REFUSED: 'ASSIGNMENT_REFUSED',
  /**
   * A facility has no free place for the persons on a transfer on some day of the range: `day`,
   * `places` (its capacity that day) and `persons` (held and present with these) say where.
   */
  CAPACITY_EXCEEDED: 'CAPACITY_EXCEEDED',
  /**
   * The last-moment check refused to execute a transfer: the law engine's answer for a person changed
   * since the transfer was planned, or is no longer one that permits it. `persons` lists, per case, each
   * change (planned and current outcome) and refusal with its citations; `law` the versions compared.
   */
  TRANSFER_BLOCKED: 'TRANSFER_BLOCKED',
} as const;
export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];

/** One invalid field: a JSON path (`person.birthDate`) and what is wrong with it. */
export interface FieldError {
  path: string;
  message: string;
}

/** An error the domain raises on purpose, with a stable code and a message naming the thing. */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly fields: FieldError[];
  /** Extension members of the problem document (RFC 9457 §3.2): what a client needs to act on the refusal. */
  readonly extensions: Record<string, unknown>;

  constructor(code: DomainErrorCode, message: string, fields: FieldError[] = [], extensions: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.fields = fields;
    this.extensions = extensions;
  }
}

/** True when `error` is a {@link DomainError} with one of `codes` (any code when none given). */
export function isDomainError(error: unknown, ...codes: DomainErrorCode[]): error is DomainError {
  return error instanceof DomainError && (codes.length === 0 || codes.includes(error.code));
}
