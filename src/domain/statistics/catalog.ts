/**
 * @module domain/statistics/catalog
 * The datasets Waypoint imports, with what provenance needs: publisher, title, where the publisher
 * serves it, licence and the credit line the publisher asks for. Then the files of the shared data
 * folder (`../shared/data`, described in its SOURCES.md) whose upstream and data vintage are known,
 * so that a figure imported from one of them names the repository and commit it came through and the
 * date the publisher's data was retrieved, not just the file's name.
 */

export type Publisher = 'Eurostat' | 'UNHCR' | 'Frontex' | 'IOM';

export interface DatasetInfo {
  /** Waypoint's dataset id: Eurostat's code in lower case, or `unhcr_<table>`, `frontex_ibc`, `iom_mmp`. */
  id: string;
  publisher: Publisher;
  title: string;
  /** Where the publisher serves the dataset. */
  url: string;
  licence: string;
  credit: string;
}

const EUROSTAT_LICENCE = 'Reuse authorised: Commission Decision 2011/833/EU, CC BY 4.0';
const EUROSTAT_CREDIT = 'Source: Eurostat';
const UNHCR_LICENCE = 'CC BY 4.0';
const UNHCR_CREDIT = 'Source: UNHCR Refugee Data Finder (https://www.unhcr.org/refugee-statistics/)';

/** Eurostat migration datasets named in issue 6, with their English titles. */
export const EUROSTAT_TITLES: Readonly<Record<string, string>> = {
  migr_asyappctza: 'Asylum applicants by type of applicant, citizenship, age and sex - annual aggregated data',
  migr_asyappctzm: 'Asylum applicants by type of applicant, citizenship, age and sex - monthly data',
  migr_asydcfsta: 'First instance decisions on applications by citizenship, age and sex - annual aggregated data',
  migr_eiord: 'Third country nationals ordered to leave - annual data',
  migr_eirtn: 'Third country nationals who have left the territory by type of return and citizenship - annual data',
  migr_eipre: 'Third country nationals found to be illegally present - annual data',
  migr_eirfs: 'Third country nationals refused entry at the external borders - annual data',
  migr_asytpsm: 'Beneficiaries of temporary protection at the end of the month by citizenship, age and sex - monthly data',
};

function eurostat(code: string): DatasetInfo {
  return {
    id: code, publisher: 'Eurostat', title: EUROSTAT_TITLES[code] ?? `Eurostat dataset ${code}`,
    url: `https://ec.europa.eu/eurostat/databrowser/view/${code}/default/table`, licence: EUROSTAT_LICENCE, credit: EUROSTAT_CREDIT,
  };
}

const UNHCR_TABLES: Readonly<Record<string, string>> = {
  population: 'Forcibly displaced and stateless populations (end-year stocks) by origin and asylum country',
  asylum_applications: 'Asylum applications lodged, by origin and asylum country',
  asylum_decisions: 'Decisions on asylum claims, by origin and asylum country',
  solutions: 'Durable solutions (returns, resettlement, naturalisation), by origin and asylum country',
  flows: 'New displacement flows per year, by origin and asylum country',
  demographics: 'Age and sex breakdown of forcibly displaced populations, by location',
};

export const UNHCR_TABLE_NAMES = Object.keys(UNHCR_TABLES);

/**
 * The dataset's description, or `null` for a dataset Waypoint does not know. Any Eurostat code is
 * accepted (an SDMX file is self-describing); the others are fixed.
 * @example datasetInfo('migr_eiord').credit // 'Source: Eurostat'
 */
export function datasetInfo(id: string): DatasetInfo | null {
  if (/^[a-z][a-z0-9_]*$/.test(id) && id.startsWith('migr_')) return eurostat(id);
  if (id.startsWith('unhcr_') && UNHCR_TABLES[id.slice(6)]) {
    return { id, publisher: 'UNHCR', title: UNHCR_TABLES[id.slice(6)]!, url: 'https://www.unhcr.org/refugee-statistics/', licence: UNHCR_LICENCE, credit: UNHCR_CREDIT };
  }
  if (id === 'frontex_ibc') {
    return {
      id, publisher: 'Frontex', title: 'Monthly detections of illegal border-crossings by route and nationality',
      url: 'https://www.frontex.europa.eu/what-we-do/monitoring-and-risk-analysis/migratory-map/',
      licence: 'Frontex public statistics, reuse with attribution', credit: 'Source: Frontex (European Border and Coast Guard Agency)',
    };
  }
  if (id === 'iom_mmp') {
    return {
      id, publisher: 'IOM', title: 'Missing Migrants Project: incidents of migrants dead or missing',
      url: 'https://missingmigrants.iom.int/downloads', licence: 'IOM Missing Migrants Project public data, reuse with attribution',
      credit: 'Source: IOM Missing Migrants Project',
    };
  }
  return null;
}

/** What is known about one file of the shared data folder (SOURCES.md). */
export interface KnownFile {
  /** The repository, file and commit it was taken from, when not from the publisher directly. */
  upstream: string;
  /** The date the publisher's data was retrieved or last updated (the data vintage). */
  retrievedOn: string;
  caveats: string[];
  /** Values for dimensions the file leaves out (Eurostat tidy extracts). */
  defaults?: Record<string, string>;
}

const GDI = 'GitHub iom/gdidata @ c9e4cc69cebd91d6cfca5f4107e2406e4de2c6ff';
const NATIX = 'GitHub natix-x/Data-mining-in-Migration-Analysis @ 6934b51c2f8b2b16a11d49638307be09d6e6b036';
const DW = 'GitHub dw-data/quantify-europe_asylum-seekers @ 57bbef82a1d298f4d0f9c5506540c204e14a6f92 (Eurostat extract of 2017)';
const UNHCR_PKG = 'GitHub PopulationStatistics/refugees (UNHCR R package 2025.12.1) @ 0c16a6d0c2f37d8578f9b9e3d1e4459efe850398';

/** Files of ../shared/data by name. */
export const KNOWN_FILES: Readonly<Record<string, KnownFile>> = {
  'frontex_ibc_detections_monthly_by_route_nationality_2009-01_2025-04.csv': {
    upstream: `${GDI}, data/frontex.rda (compiled by IOM GDI, gdidata 0.3.21)`, retrievedOn: '2025-06-03',
    caveats: ['Counts detections, not persons: one person may be detected more than once.', 'Zero cells are not published.', '2025 covers January–April only (preliminary).'],
  },
  'iom_missing_migrants_incidents_2014-01_2025-04.csv': {
    upstream: `${GDI}, data/iom_mmp.rda (IOM GDI's cleaned version)`, retrievedOn: '2025-06-04',
    caveats: ['Missing Migrants Project figures are minimum estimates.', 'Dead and missing are not split in this version.'],
  },
  'migr_asyappctza_applicants_by_citizenship_2008_2022.csv': {
    upstream: 'GitHub bgautijonsson/asylum @ 9f5cccaf497d60b0aa62737e59ff65126f4ad9b9, cache of the R eurostat package (bulk download)', retrievedOn: '2024-01-18',
    caveats: ['Filtered upstream to sex T, age TOTAL, unit PER; missing values dropped.', 'Figures are rounded to 5 by Eurostat.'],
  },
  'migr_asyappctza_applicants_by_sex_age_2008_2022.csv': {
    upstream: 'GitHub bgautijonsson/asylum @ 9f5cccaf497d60b0aa62737e59ff65126f4ad9b9, cache of the R eurostat package (bulk download)', retrievedOn: '2024-01-18',
    caveats: ['Citizenships TOTAL and EXT_EU27_2020 only.', 'Figures are rounded to 5 by Eurostat.'],
  },
  'migr_asyappctza_asylum_applicants_by_citizenship_sex_2011_2024.csv': {
    upstream: `${GDI}, data/eu_asyapp.rda (IOM GDI download of migr_asyappctza via the API)`, retrievedOn: '2025-05-26',
    caveats: ['The upstream documentation calls these first-time applicants, but the EU27 sums match ASY_APP (all applicants): imported as ASY_APP.', 'No TOTAL rows: totals are sums over sex.'],
    defaults: { asyl_app: 'ASY_APP' },
  },
  'migr_asyappctza_applicants_totals_2008_2024.csv': {
    upstream: `${NATIX}, data/asylum_applicants_total.csv (Eurostat SDMX-CSV download)`, retrievedOn: '2025-06-09', caveats: [],
  },
  'migr_eirtn_returned_to_third_country_by_citizenship_2014_2023.csv': {
    upstream: `${NATIX}, processed_data/third_country_nationals_ordered_to_leave.csv`, retrievedOn: '2025-06-09',
    caveats: ['The upstream file name says "ordered to leave", but its values are migr_eirtn returns to a third country (checked against Eurostat\'s 2017 extract).', 'Zero values and EU aggregates removed upstream.'],
    defaults: { c_dest: 'THRD' },
  },
  'migr_eipre_illegally_present_by_citizenship_2013_2024.csv': {
    upstream: `${NATIX}, processed_data/third_country_illegaly_present.csv`, retrievedOn: '2025-06-09',
    caveats: ['Zero values and EU aggregates removed upstream.'],
  },
  'migr_eipre_illegally_present_by_reason_apprehension_2014_2023.csv': {
    upstream: `${NATIX}, data/migrants_illegally_present.csv (Eurostat MIGR_EIPRE default view)`, retrievedOn: '2025-06-09',
    caveats: ['The reason × place breakdown is populated mainly for 2021–2023.'],
  },
  'migr_eirfs_refused_entry_totals_2014_2023.csv': {
    upstream: `${NATIX}, data/migrants_refused_entry_at_the_border.csv (Eurostat MIGR_EIRFS default view)`, retrievedOn: '2025-06-09',
    caveats: ['Totals only: no breakdown by citizenship.'],
  },
  'migr_asytpsm_temporary_protection_beneficiaries_UA_monthly_2022-03_2025-03.csv': {
    upstream: `${NATIX}, data/temporary_protection_beneficiaries_monthly.csv (Eurostat MIGR_ASYTPSM)`, retrievedOn: '2025-06-09', caveats: [],
  },
  'migr_eiord_ordered_to_leave_by_citizenship_2012_2016.csv': { upstream: `${DW}, asylum-data/migr_eiord_Data_allcitizens.csv`, retrievedOn: '2017-04-26', caveats: ['Old "nui" table export; flags d (definition differs) and p (provisional).'] },
  'migr_eiord_ordered_to_leave_totals_2008_2016.csv': { upstream: `${DW}, asylum-data/migr_eiord_1_Data.csv`, retrievedOn: '2017-04-26', caveats: ['Mostly 2010 onwards.'] },
  'migr_eirtn_returned_total_by_citizenship_2012_2016.csv': { upstream: `${DW}, asylum-data/migr_eirtn_Data_allcitizens.csv`, retrievedOn: '2017-04-26', caveats: ['"Total number of persons returned" (all destinations).'], defaults: { c_dest: 'TOTAL' } },
  'migr_eirtn_returned_totals_2008_2016.csv': { upstream: `${DW}, asylum-data/migr_eirtn_1_Data.csv`, retrievedOn: '2017-04-26', caveats: ['Mostly 2010 onwards.'] },
  'migr_asydcfsta_first_instance_decisions_totals_2008_2016.csv': {
    upstream: `${DW}, asylum-data/migr_asydcfsta_2017-04-26.csv`, retrievedOn: '2017-04-26',
    caveats: ['Citizenship Total and Extra-EU-28 only: no breakdown by nationality.'],
  },
  ...Object.fromEntries(['population_1951_2025', 'asylum_applications_2000_2025', 'asylum_decisions_2000_2025', 'solutions_1959_2025', 'flows_1962_2025', 'demographics_2025']
    .map((name) => [`unhcr_${name}.csv`, { upstream: `${UNHCR_PKG}, data/${name.replace(/_\d{4}(_\d{4})?$/, '')}.rda (converted to CSV; coo_name and coa_name dropped)`, retrievedOn: '2026-06-25', caveats: [] }])),
};
