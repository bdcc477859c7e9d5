/**
 * @module law/cite
 * Citations of provisions, built from the instrument register so that every `basis` names the
 * instrument as registered and links to its text.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseInstruments, type Instrument } from '../src/rules/engine/instruments.ts';
import type { Citation } from '../src/rules/engine/parameters.ts';

export const LAW_DIR = dirname(fileURLToPath(import.meta.url));

export const INSTRUMENTS: readonly Instrument[] = parseInstruments(readFileSync(join(LAW_DIR, 'instruments.yaml'), 'utf8'), 'law/instruments.yaml');
const BY_ID = new Map(INSTRUMENTS.map((i) => [i.id, i]));

export type InstrumentId = 'dir-2013-32-apd' | 'dir-2013-33-rcd' | 'dir-2008-115-return' | 'reg-2024-1348-apr' | 'reg-2024-1349-rbp'
  | 'reg-2024-1351-ammr' | 'reg-2024-1356-screening' | 'reg-2024-1359-crisis' | 'reg-2024-1717-sbc' | 'reg-2026-463-stc'
  | 'reg-2026-464-sco' | 'reg-2018-1806-visa' | 'return-regulation' | 'eu-tr-statement' | 'it-al-protocol';

export function instrument(id: InstrumentId): Instrument {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`instrument ${id} is not in law/instruments.yaml`);
  return found;
}

/**
 * A citation of a provision: `cite('reg-2024-1348-apr', 'Art. 59(5)', 'as amended by Regulation (EU) 2026/463')`
 * → "Regulation (EU) 2024/1348 Art. 59(5), as amended by Regulation (EU) 2026/463".
 */
export function cite(id: InstrumentId, provision: string, qualifier?: string): Citation {
  const i = instrument(id);
  return { title: `${i.short} ${provision}${qualifier ? `, ${qualifier}` : ''}`, href: i.url };
}

/** A judgment of the Court of Justice, cited by case number, name and date. */
export function judgment(caseNumber: string, name: string, date: string, href: string, point?: string): Citation {
  return { title: `Judgment of ${date}, ${caseNumber} ${name}${point ? `, ${point}` : ''}`, href };
}

/** A pending reference: cited so that `uncertain` findings name the case. */
export function pendingCase(caseNumber: string, name: string, href: string): Citation {
  return { title: `Pending case ${caseNumber} ${name}`, href };
}

export const CJEU = {
  FMS: judgment('C-924/19 PPU and C-925/19 PPU', 'FMS and Others', '14 May 2020', 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:62019CJ0924'),
  LH: judgment('C-564/18', 'LH', '19 March 2020', 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:62018CJ0564'),
  C134_23: judgment('C-134/23', 'Elliniko Symvoulio gia tous Prosfyges', '4 October 2024', 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:62023CJ0134'),
  CV: judgment('C-406/22', 'CV', '4 October 2024', 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:62022CJ0406'),
  ALACE: judgment('C-758/24 and C-759/24', 'Alace and Canpelli', '1 August 2025', 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:62024CJ0758'),
  COM_V_HU_2020: judgment('C-808/18', 'Commission v Hungary', '17 December 2020', 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:62018CJ0808'),
  COM_V_HU_2023: judgment('C-823/21', 'Commission v Hungary', '22 June 2023', 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:62021CJ0823'),
  MA: judgment('C-72/22 PPU', 'M.A.', '30 June 2022', 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:62022CJ0072'),
  ALEB: judgment('C-718/24', 'Aleb', '5 February 2026', 'https://asylumlawdatabase.eu/news/cjeu-interpretation-of-the-safe-third-country-concept-and-the-application-of-its-procedural-guarantees-in-asylum-procedures'),
  GNANDI: judgment('C-181/16', 'Gnandi', '19 June 2018', 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:62016CJ0181'),
  COMERI: pendingCase('C-706/25 and C-707/25', 'Comeri and Sidilli', 'https://ferenda.lagen.nu/celex/62025CC0706'),
  SEDRATA: pendingCase('C-414/25', 'Sedrata', 'https://ferenda.lagen.nu/celex/62025CC0414'),
} as const;

/** Article 3 ECHR and its absolute protection against refoulement, with Article 19(2) of the Charter. */
export const NON_REFOULEMENT: Citation[] = [
  { title: 'Charter of Fundamental Rights of the European Union Art. 19(2)', href: 'https://eur-lex.europa.eu/eli/treaty/char_2012/oj' },
  { title: 'European Convention on Human Rights Art. 3', href: 'https://www.echr.coe.int/documents/d/echr/convention_ENG' },
];
