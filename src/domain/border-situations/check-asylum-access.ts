/**
 * @module domain/border-situations/check-asylum-access
 * Does a Member State's set of border measures on a date still leave effective access to the asylum
 * procedure? Closing crossing points, limiting their hours, channelling applications to designated
 * places are measures the Schengen Borders Code allows (Regulation (EU) 2024/1717); none may leave a
 * person at the border with nowhere to apply:
 *
 * - C-808/18 Commission v Hungary (Grand Chamber, 17 December 2020): applications only in two transit
 *   zones, with a practice of admitting a handful a day, breached the obligation to ensure effective
 *   access to the procedure (Art. 6 of Directive 2013/32/EU);
 * - C-72/22 PPU M.A. (30 June 2022): even in a declared emergency due to a mass influx (Lithuania,
 *   2021), rules effectively depriving third-country nationals of access to the procedure are precluded.
 *
 * Findings, per declared situation in force on the date:
 * - `applications-not-received` (error): a measure under which applications are not received;
 * - `no-access-point` (error): every crossing point of the section closed, or applications confined to
 *   designated places, and no place to apply recorded;
 * - `designated-points-with-caps` (error): applications confined to designated places, each capped per
 *   day (the C-808/18 pattern);
 * - `access-away-from-section` (warning): every crossing point of the section closed, applications
 *   possible only elsewhere (airports, ports): check that they are reachable from that border;
 * - `applications-capped` (warning): a daily cap on applications.
 * The Council's crisis authorisations in force are listed with the findings: the derogations of
 * Regulation (EU) 2024/1359 delay registration or extend procedures, and never bar access (the law
 * engine's `access-to-procedure` says the same per case).
 */
import type { Actor } from '../access/roles.ts';
import type { Tx } from '../../storage/transaction.ts';
import { authorizeRead } from '../registries/authorize-record.ts';
import { recordFromRow } from '../registries/record.ts';
import { borderSituationKind, type BorderSituation } from './border-situation.ts';
import { crisisAuthorisationKind, type CrisisAuthorisation } from './crisis-authorisation.ts';

export const C_808_18 = {
  title: 'C-808/18 Commission v Hungary, Grand Chamber, 17 December 2020 (ECLI:EU:C:2020:1029): effective access to the asylum procedure (Art. 6 Directive 2013/32/EU)',
  url: 'https://fra.europa.eu/ga/caselaw-reference/cjeu-case-c-80818-judgment',
};
export const C_72_22 = {
  title: 'C-72/22 PPU M.A., 30 June 2022: a declared mass-influx emergency does not allow depriving third-country nationals of access to the asylum procedure',
  url: 'https://caselaw.euaa.europa.eu/pages/viewcaselaw.aspx?CaseLawID=2681',
};

export type AccessCheck = 'applications-not-received' | 'no-access-point' | 'designated-points-with-caps' | 'access-away-from-section' | 'applications-capped';

export interface AccessFinding {
  check: AccessCheck;
  severity: 'error' | 'warning';
  memberState: string;
  /** The border situation's key. */
  situation: string;
  section: string;
  message: string;
  basis: Array<{ title: string; url: string }>;
}

export interface AccessCheckResult {
  on: string;
  /** The declared situations in force on the date, with their measures and places to apply. */
  situations: Array<{ key: string; memberState: string; type: string; section: string; measures: string[]; accessPoints: string[] }>;
  /** Crisis authorisations in force: derogations that delay, never bar, access. */
  authorisations: Array<{ memberState: string; kind: string; from: string; to: string; derogations: string[] }>;
  findings: AccessFinding[];
}

const inForce = (p: { from: string; to: string | null }, on: string) => p.from <= on && (p.to === null || on <= p.to);

/** The findings for one situation on `on` (pure). */
export function situationFindings(key: string, s: BorderSituation, on: string): AccessFinding[] {
  const measures = s.measures.filter((m) => inForce(m, on));
  const access = s.asylumAccess.filter((a) => inForce(a, on));
  const base = { memberState: s.memberState, situation: key, section: s.section.description };
  const out: AccessFinding[] = [];
  const has = (type: string) => measures.some((m) => m.type === type);
  if (has('applications-not-received')) {
    out.push({ ...base, check: 'applications-not-received', severity: 'error', basis: [C_72_22, C_808_18], message: `on ${on} ${s.memberState} does not receive applications at ${s.section.description}: access to the asylum procedure is not effective` });
  }
  const allClosed = measures.some((m) => m.type === 'crossing-points-closed' && m.allCrossingPoints);
  const confined = has('applications-only-at-designated-points');
  if ((allClosed || confined) && access.length === 0) {
    out.push({
      ...base, check: 'no-access-point', severity: 'error', basis: [C_808_18, C_72_22],
      message: `on ${on} ${allClosed ? `every crossing point of ${s.section.description} is closed` : `applications at ${s.section.description} are confined to designated places`}, and no place to apply for asylum is recorded`,
    });
  } else if (confined && access.every((a) => a.dailyCap !== null)) {
    out.push({
      ...base, check: 'designated-points-with-caps', severity: 'error', basis: [C_808_18],
      message: `on ${on} applications are confined to ${access.map((a) => `${a.place} (${a.dailyCap} a day)`).join(', ')}: designated places with daily caps are what C-808/18 found to breach effective access`,
    });
  } else if (allClosed && !access.some((a) => a.onSection)) {
    out.push({
      ...base, check: 'access-away-from-section', severity: 'warning', basis: [C_72_22],
      message: `on ${on} every crossing point of ${s.section.description} is closed; applications can be made only at ${access.map((a) => a.place).join(', ')}: check that these are reachable for persons arriving at this border`,
    });
  }
  if (!confined && access.some((a) => a.dailyCap !== null)) {
    out.push({ ...base, check: 'applications-capped', severity: 'warning', basis: [C_808_18], message: `on ${on} applications are capped per day at ${access.filter((a) => a.dailyCap !== null).map((a) => `${a.place} (${a.dailyCap})`).join(', ')}` });
  }
  return out;
}

export interface CheckAsylumAccessOptions {
  tx: Tx;
  actor: Actor;
  on?: string;
  /** Only this Member State's situations. */
  memberState?: string;
}

/**
 * @example const result = await checkAsylumAccess({ tx, actor, on: '2024-01-15', memberState: 'FI' });
 */
export async function checkAsylumAccess({ tx, actor, on = new Date().toISOString().slice(0, 10), memberState }: CheckAsylumAccessOptions): Promise<AccessCheckResult> {
  authorizeRead(actor, borderSituationKind);
  authorizeRead(actor, crisisAuthorisationKind);
  const rows = await tx.selectFrom('registry_records').selectAll()
    .where('kind', 'in', [borderSituationKind.name, crisisAuthorisationKind.name]).orderBy('key').execute();
  const records = rows.map((row) => recordFromRow(row));
  const situations = records.filter((r) => r.kind === borderSituationKind.name)
    .map((r) => ({ key: r.key, data: r.data as unknown as BorderSituation }))
    .filter(({ data }) => inForce(data, on) && (memberState === undefined || data.memberState === memberState));
  const authorisations = records.filter((r) => r.kind === crisisAuthorisationKind.name).map((r) => r.data as unknown as CrisisAuthorisation)
    .filter((a) => inForce(a, on) && (memberState === undefined || a.memberState === memberState));
  return {
    on,
    situations: situations.map(({ key, data }) => ({
      key, memberState: data.memberState, type: data.type, section: data.section.description,
      measures: data.measures.filter((m) => inForce(m, on)).map((m) => m.type),
      accessPoints: data.asylumAccess.filter((a) => inForce(a, on)).map((a) => a.place),
    })),
    authorisations: authorisations.map((a) => ({ memberState: a.memberState, kind: a.kind, from: a.from, to: a.to, derogations: [...a.derogations] })),
    findings: situations.flatMap(({ key, data }) => situationFindings(key, data, on)),
  };
}
