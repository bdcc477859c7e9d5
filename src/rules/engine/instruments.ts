/**
 * @module rules/engine/instruments
 * The register of legal instruments a law package cites: identifier, CELEX/ELI, publication, entry into
 * force, application window and status. Loaded from YAML and checked like parameters: unknown keys,
 * impossible dates and dates out of order are refused.
 */
import { parse } from 'yaml';
import { z } from 'zod';
import { isIsoDate, type IsoDate } from './dates.ts';
import { EngineError } from './errors.ts';

const ZDate = z.string().refine(isIsoDate, 'not a real ISO date');

const ZInstrument = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  short: z.string().min(3),
  title: z.string().min(10),
  status: z.enum(['in-force', 'repealed', 'adopted', 'provisional-agreement', 'proposal', 'political-commitment']),
  celex: z.string().optional(),
  eli: z.string().url().optional(),
  url: z.string().url(),
  published: ZDate.optional(),
  adopted: ZDate.optional(),
  in_force: ZDate.optional(),
  applies_from: ZDate.optional(),
  applies_until: ZDate.optional(),
  unverified: z.boolean().optional(),
  note: z.string().optional(),
});

export type Instrument = z.infer<typeof ZInstrument>;

/**
 * Parses the instruments file. @throws EngineError INVALID_PARAMETER naming the instrument and field.
 */
export function parseInstruments(text: string, where = 'instruments.yaml'): Instrument[] {
  const raw = parse(text, { uniqueKeys: true }) as { instruments?: unknown };
  const result = z.strictObject({ instruments: z.array(ZInstrument).min(1) }).safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new EngineError('INVALID_PARAMETER', where, `${issue.path.join('.')}: ${issue.code === 'unrecognized_keys' ? `unknown key ${issue.keys.join(', ')}` : issue.message}`);
  }
  const seen = new Set<string>();
  for (const i of result.data.instruments) {
    if (seen.has(i.id)) throw new EngineError('INVALID_PARAMETER', where, `duplicate instrument ${i.id}`);
    seen.add(i.id);
    const ordered: Array<[string, IsoDate | undefined]> = [['published', i.published], ['in_force', i.in_force], ['applies_from', i.applies_from], ['applies_until', i.applies_until]];
    const present = ordered.filter(([, d]) => d !== undefined) as Array<[string, IsoDate]>;
    for (let k = 1; k < present.length; k++) {
      if (present[k]![1] < present[k - 1]![1]) throw new EngineError('INVALID_PARAMETER', where, `${i.id}: ${present[k]![0]} ${present[k]![1]} is before ${present[k - 1]![0]} ${present[k - 1]![1]}`);
    }
  }
  return result.data.instruments;
}

/** Whether an instrument applies on a date (its application window contains the date). */
export function appliesOn(instrument: Instrument, on: IsoDate): boolean {
  return instrument.applies_from !== undefined && instrument.applies_from <= on && (instrument.applies_until === undefined || on <= instrument.applies_until);
}
