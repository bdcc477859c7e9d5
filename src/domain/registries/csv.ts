/**
 * @module domain/registries/csv
 * How a record's fields become CSV cells and back.
 *
 * Cells: text, dates and codes as they are; numbers and booleans as JSON literals; nested values
 * (lists, objects) as JSON text; null as an empty cell. Reading a cell uses the field's schema to
 * know which it is, so an export imports back to the same data. The guard against formula injection
 * is applied after encoding and undone before decoding (`lib/csv-safe.ts`, shared with the
 * statistics API's CSV).
 */
import { z } from 'zod';

export type CellCodec = 'text' | 'number' | 'boolean' | 'json';

interface FieldShape {
  codec: CellCodec;
  nullable: boolean;
}

/** What kind of value a field holds, looking through optional, nullable, default and transforms. */
export function fieldShape(schema: z.ZodType): FieldShape {
  let node = schema as z.ZodType & { _zod: { def: Record<string, any> } };
  let nullable = false;
  for (let depth = 0; depth < 20; depth++) {
    const def = node._zod.def;
    if (def.type === 'nullable') nullable = true;
    if (['nullable', 'optional', 'default', 'readonly', 'catch', 'nonoptional'].includes(def.type)) node = def.innerType;
    else if (def.type === 'pipe') node = def.in;
    else break;
  }
  const type = node._zod.def.type as string;
  if (type === 'number' || type === 'int' || type === 'bigint') return { codec: 'number', nullable };
  if (type === 'boolean') return { codec: 'boolean', nullable };
  if (['array', 'object', 'record', 'tuple', 'union'].includes(type)) return { codec: 'json', nullable };
  return { codec: 'text', nullable };
}

/** A field value as a CSV cell (before the formula guard). */
export function encodeCell(value: unknown, shape: FieldShape): string {
  if (value === null || value === undefined) return '';
  if (shape.codec === 'text' && typeof value === 'string') return value;
  return JSON.stringify(value);
}

export type DecodedCell = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * A CSV cell (after removing the formula guard) as a field value. An empty cell is null for a
 * nullable field and absent otherwise (so a field with a default takes it, and a required one is
 * reported missing).
 */
export function decodeCell(cell: string, shape: FieldShape): DecodedCell {
  if (cell === '') return { ok: true, value: shape.nullable ? null : undefined };
  switch (shape.codec) {
    case 'text': return { ok: true, value: cell };
    case 'number': {
      const n = Number(cell);
      return cell.trim() !== '' && Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: `not a number: ${JSON.stringify(cell.slice(0, 40))}` };
    }
    case 'boolean':
      if (cell === 'true' || cell === 'false') return { ok: true, value: cell === 'true' };
      return { ok: false, message: `expected true or false, not ${JSON.stringify(cell.slice(0, 40))}` };
    case 'json':
      try {
        return { ok: true, value: JSON.parse(cell) as unknown };
      } catch {
        return { ok: false, message: 'not valid JSON (lists and objects are written as JSON in a cell)' };
      }
  }
}
