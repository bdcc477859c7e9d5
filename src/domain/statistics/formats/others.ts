/**
 * @module domain/statistics/formats/others
 * UNHCR Refugee Data Finder tables, Frontex monthly detections and IOM Missing Migrants incidents.
 *
 * UNHCR tables are read in the column layout of UNHCR's `refugees` package (`year, coo, coo_iso, coa,
 * coa_iso, …`) and in the Refugee Data Finder's download layout (`Year, Country of origin (ISO), …`),
 * whose headers are mapped to the package's names; the download carries no UNHCR codes, so the ISO
 * code is the key there. Frontex's file is the IOM GDI compilation (`month, route, border_type,
 * nationality_iso3, detections`); IOM's is the GDI cleaned incidents table.
 */
import { fromIso3 } from '../codes.ts';
import { CellError } from '../import-error.ts';
import { FRONTEX_TABLE, IOM_TABLE, UNHCR_TABLES } from '../tables.ts';
import { dateCell, monthCell, numberCell, optionalText, textCell, yearCell } from './cells.ts';
import type { FileFormat } from './format.ts';

/** Refugee Data Finder download headers → the package's column names. */
const RDF_HEADERS: Readonly<Record<string, string>> = {
  'year': 'year', 'country of origin (iso)': 'coo_iso', 'country of asylum (iso)': 'coa_iso',
  "refugees under unhcr's mandate": 'refugees', 'asylum-seekers': 'asylum_seekers', 'returned refugees': 'returned_refugees',
  "idps of concern to unhcr": 'idps', 'returned idpss': 'returned_idps', 'returned idps': 'returned_idps', 'stateless persons': 'stateless',
  'others of concern': 'ooc', 'other people in need of international protection': 'oip', 'host community': 'hst',
  'authority': 'procedure_type', 'application type': 'app_type', 'stage of procedure': 'dec_level', 'cases / persons': 'app_pc',
  'number of applications': 'applied', 'applied': 'applied',
  'recognized decisions': 'dec_recognized', 'complementary protection': 'dec_other', 'rejected decisions': 'dec_rejected',
  'otherwise closed': 'dec_closed', 'total decisions': 'dec_total',
  'resettlement arrivals': 'resettlement', 'naturalisation': 'naturalisation',
};

/** Columns that name a table: the first of these found in the header decides which table a file is. */
const SIGNATURES: ReadonlyArray<[string, string]> = [
  ['dec_recognized', 'asylum_decisions'], ['applied', 'asylum_applications'], ['pop_type', 'demographics'],
  ['refugee_like', 'flows'], ['resettlement', 'solutions'], ['hst', 'population'], ['idps', 'population'],
];

/** The header in the package's names (Refugee Data Finder headers mapped), or null when not a UNHCR table. */
function unhcrColumns(header: string[]): string[] | null {
  const names = header.map((h) => RDF_HEADERS[h.trim().toLowerCase()] ?? h.trim().toLowerCase());
  return names.includes('year') && names.includes('coo_iso') && names.includes('coa_iso') ? names : null;
}

/** Which UNHCR table a header is, or null. */
export function unhcrTableOf(header: string[]): string | null {
  const names = unhcrColumns(header);
  if (!names) return null;
  return SIGNATURES.find(([column]) => names.includes(column))?.[1] ?? null;
}

export function unhcrFormat(table: string, header: string[]): FileFormat {
  const spec = UNHCR_TABLES[table]!;
  const names = unhcrColumns(header)!;
  const at = (name: string) => names.indexOf(name);
  const [yearAt, cooAt, coaAt, cooIsoAt, coaIsoAt] = [at('year'), at('coo'), at('coa'), at('coo_iso'), at('coa_iso')];
  // Every column of the table but the five key columns must be in the file.
  const rest = spec.columns.slice(5).map((c) => [c, at(c.name)] as const);
  const missing = rest.filter(([, i]) => i < 0).map(([c]) => c.name);
  if (missing.length > 0) throw new CellError(0, `the ${table} table needs the columns ${missing.join(', ')}`);
  return {
    dataset: `unhcr_${table}`, layout: 'unhcr', table: spec, delimiter: ',', columns: header, caveats: [],
    read(f) {
      const year = yearCell(f[yearAt], yearAt + 1);
      const cooIso = textCell(f[cooIsoAt], cooIsoAt + 1);
      const coaIso = textCell(f[coaIsoAt], coaIsoAt + 1);
      const coo = cooAt >= 0 ? textCell(f[cooAt], cooAt + 1) : cooIso;
      const coa = coaAt >= 0 ? textCell(f[coaAt], coaAt + 1) : coaIso;
      const values = rest.map(([c, i]) => (c.type === 'float8' ? numberCell(f[i], i + 1) : textCell(f[i], i + 1)));
      return [[year, coo, coa, fromIso3(cooIso), fromIso3(coaIso), ...values]];
    },
  };
}

const FRONTEX_HEADER = ['month', 'route', 'border_type', 'nationality_iso3', 'detections'];

export function isFrontexHeader(header: string[]): boolean {
  return FRONTEX_HEADER.every((c) => header.includes(c));
}

export function frontexFormat(header: string[]): FileFormat {
  const [monthAt, routeAt, borderAt, nationalityAt, detectionsAt] = FRONTEX_HEADER.map((c) => header.indexOf(c)) as [number, number, number, number, number];
  return {
    dataset: 'frontex_ibc', layout: 'frontex', table: FRONTEX_TABLE, delimiter: ',', columns: header,
    caveats: ['Counts detections, not persons: one person may be detected more than once.', 'Zero cells are not published.'],
    read(f) {
      return [[
        monthCell(f[monthAt], monthAt + 1), textCell(f[routeAt], routeAt + 1), textCell(f[borderAt], borderAt + 1),
        fromIso3(textCell(f[nationalityAt], nationalityAt + 1)), numberCell(f[detectionsAt], detectionsAt + 1, true),
      ]];
    },
  };
}

const IOM_HEADER = ['incident_date', 'month', 'incident_type', 'migration_route', 'country_of_incident_iso3', 'dead_and_missing', 'cause_of_death', 'survivors', 'origin_iso3', 'location', 'lon', 'lat'];

export function isIomHeader(header: string[]): boolean {
  return IOM_HEADER.every((c) => header.includes(c));
}

export function iomFormat(header: string[]): FileFormat {
  const at = IOM_HEADER.map((c) => header.indexOf(c));
  const [dateAt, monthAt, typeAt, routeAt, countryAt, deadAt, causeAt, survivorsAt, originAt, locationAt, lonAt, latAt] = at as [number, number, number, number, number, number, number, number, number, number, number, number];
  const iso3 = (cell: string | undefined) => { const c = optionalText(cell); return c === null ? null : fromIso3(c); };
  return {
    dataset: 'iom_mmp', layout: 'iom', table: IOM_TABLE, delimiter: ',', columns: header,
    caveats: ['Missing Migrants Project figures are minimum estimates.'],
    read(f) {
      const date = dateCell(f[dateAt], dateAt + 1);
      const month = monthCell(f[monthAt], monthAt + 1);
      if (date !== null && date.slice(0, 7) !== month) throw new CellError(monthAt + 1, `month ${month} differs from the incident date ${date}`);
      return [[
        date, month, textCell(f[typeAt], typeAt + 1), optionalText(f[routeAt]) ?? 'Undefined', iso3(f[countryAt]),
        numberCell(f[deadAt], deadAt + 1, true), optionalText(f[causeAt]), numberCell(f[survivorsAt], survivorsAt + 1), iso3(f[originAt]),
        optionalText(f[locationAt]), numberCell(f[lonAt], lonAt + 1), numberCell(f[latAt], latAt + 1),
      ]];
    },
  };
}
