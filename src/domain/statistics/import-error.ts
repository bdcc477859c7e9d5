/**
 * @module domain/statistics/import-error
 * Why a statistics file was refused, situated: the file, the line (the header is line 1) and the
 * column (1-based, with its name). The import writes nothing when it raises one.
 */
import { DomainError } from '../errors.ts';

export interface ImportErrorPlace {
  file: string;
  /** Line of the file (1 = header); 0 when the problem is the file as a whole. */
  line: number;
  /** Column, 1-based; 0 when the problem is the whole line. */
  column: number;
  columnName?: string;
}

/** A malformed, truncated or unrecognised statistics file. Code INVALID_IMPORT (HTTP 400, CLI exit 2). */
export class StatisticsImportError extends DomainError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The file is not a statistics table at all (a folder import skips it instead of failing). */
  readonly unrecognised: boolean;

  constructor({ file, line, column, columnName }: ImportErrorPlace, problem: string, { unrecognised = false } = {}) {
    const where = line === 0 ? file : `${file}, line ${line}${column > 0 ? `, column ${column}${columnName ? ` (${columnName})` : ''}` : ''}`;
    super('INVALID_IMPORT', `${where}: ${problem}; nothing was imported`, [{ path: line === 0 ? 'file' : `line.${line}${column > 0 ? `.column.${column}` : ''}`, message: problem }]);
    this.name = 'StatisticsImportError';
    this.file = file;
    this.line = line;
    this.column = column;
    this.unrecognised = unrecognised;
  }
}

/** A problem with one cell, raised by a reader and placed by the importer (which knows the line). */
export class CellError extends Error {
  constructor(readonly column: number, message: string) {
    super(message);
  }
}
