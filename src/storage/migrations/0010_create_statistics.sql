-- Public statistics (Eurostat, UNHCR, Frontex, IOM Missing Migrants) with provenance. Shared reference
-- data, not tenant data: no tenant column, no row-level security (Citus: reference tables; the
-- indicator tables are small pre-aggregates). Written only by imports (the CLI, as the operator);
-- read by every authenticated user through the API as waypoint_app.

-- One row per imported file or download: where every figure came from. A file whose bytes were
-- imported before (same dataset, same sha256) is not imported again.
create table stat_sources (
  id bigint generated always as identity primary key,
  dataset text not null,
  publisher text not null,
  title text not null,
  -- How the file is laid out: sdmx-csv, eurostat-tsv, eurostat-tidy, unhcr, frontex, iom.
  layout text not null,
  -- The file path or URL it was read from, and the name shown to users.
  location text not null,
  file_name text not null,
  sha256 text not null,
  bytes bigint not null,
  -- Data lines read, and figures written (inserted or changed) / left unchanged.
  rows integer not null,
  inserted integer not null,
  updated integer not null,
  unchanged integer not null,
  -- When the publisher's data was retrieved (the data vintage), and when Waypoint imported it.
  retrieved_on date not null,
  imported_at timestamptz not null,
  licence text not null,
  credit text not null,
  -- Who redistributed the file, when it did not come from the publisher directly, and how.
  upstream text,
  caveats text[] not null default '{}',
  -- Periods, reporting countries and citizenships present in the file.
  coverage jsonb not null,
  unique (dataset, sha256)
);

-- Eurostat observations, one per series and period. The natural key leaves out dimensions at their
-- total value (sex T, age TOTAL, unit PER, …): a tidy extract that dropped them and an SDMX file that
-- lists them name the same figure. `dims` keeps every dimension as read, `breakdown` only the
-- non-total ones ('' for the total series). Countries are ISO 3166-1 alpha-2 (Eurostat's EL and UK are
-- stored as GR and GB); aggregates keep Eurostat's codes (EU27_2020, EU28, TOTAL, EXT_EU27_2020, STLS, UNK).
create table stat_eurostat (
  dataset text not null,
  breakdown text not null,
  geo text not null,
  citizen text not null,
  period text not null,
  dims text not null,
  value double precision,
  flag text,
  source_id bigint not null references stat_sources (id),
  vintage date not null,
  primary key (dataset, breakdown, geo, citizen, period)
);

-- UNHCR Refugee Data Finder tables, as published (one row per publisher row). `coo`/`coa` are UNHCR's
-- codes (the natural key); `origin`/`asylum` the ISO alpha-2 code (STLS stateless, UNK unknown).
create table stat_unhcr_population (
  year integer not null, coo text not null, coa text not null, origin text not null, asylum text not null,
  refugees double precision, asylum_seekers double precision, returned_refugees double precision, idps double precision,
  returned_idps double precision, stateless double precision, ooc double precision, oip double precision, hst double precision,
  source_id bigint not null references stat_sources (id), vintage date not null,
  primary key (year, coo, coa)
);

create table stat_unhcr_asylum_applications (
  year integer not null, coo text not null, coa text not null, origin text not null, asylum text not null,
  procedure_type text not null, app_type text not null, dec_level text not null, app_pc text not null,
  applied double precision,
  source_id bigint not null references stat_sources (id), vintage date not null,
  primary key (year, coo, coa, procedure_type, app_type, dec_level, app_pc)
);

create table stat_unhcr_asylum_decisions (
  year integer not null, coo text not null, coa text not null, origin text not null, asylum text not null,
  procedure_type text not null, dec_level text not null, dec_pc text not null,
  dec_recognized double precision, dec_other double precision, dec_rejected double precision, dec_closed double precision, dec_total double precision,
  source_id bigint not null references stat_sources (id), vintage date not null,
  primary key (year, coo, coa, procedure_type, dec_level, dec_pc)
);

create table stat_unhcr_solutions (
  year integer not null, coo text not null, coa text not null, origin text not null, asylum text not null,
  returned_refugees double precision, resettlement double precision, naturalisation double precision, returned_idps double precision,
  source_id bigint not null references stat_sources (id), vintage date not null,
  primary key (year, coo, coa)
);

create table stat_unhcr_flows (
  year integer not null, coo text not null, coa text not null, origin text not null, asylum text not null,
  refugees double precision, asylum_seekers double precision, refugee_like double precision, oip double precision,
  source_id bigint not null references stat_sources (id), vintage date not null,
  primary key (year, coo, coa)
);

create table stat_unhcr_demographics (
  year integer not null, coo text not null, coa text not null, origin text not null, asylum text not null,
  pop_type text not null, location text not null, loc_type text not null, acc_type text not null,
  f_0_4 double precision, f_5_11 double precision, f_12_17 double precision, f_18_59 double precision, f_60 double precision, f_other double precision, f_total double precision,
  m_0_4 double precision, m_5_11 double precision, m_12_17 double precision, m_18_59 double precision, m_60 double precision, m_other double precision, m_total double precision,
  total double precision,
  source_id bigint not null references stat_sources (id), vintage date not null,
  primary key (year, coo, coa, pop_type, location, loc_type, acc_type)
);

-- Frontex monthly detections of illegal border-crossings (zero cells are not published).
create table stat_frontex_detections (
  month text not null,
  route text not null,
  border_type text not null,
  nationality text not null,
  detections double precision not null,
  source_id bigint not null references stat_sources (id),
  vintage date not null,
  primary key (month, route, border_type, nationality)
);

-- IOM Missing Migrants incidents. The published file has no incident id (and identical rows are
-- separate incidents), so a file replaces the incidents of the months it covers.
create table stat_iom_incidents (
  id bigint generated always as identity primary key,
  incident_date date,
  month text not null,
  incident_type text not null,
  route text not null,
  country text,
  dead_and_missing double precision not null,
  cause_of_death text,
  survivors double precision,
  origin text,
  location text,
  lon double precision,
  lat double precision,
  source_id bigint not null references stat_sources (id)
);
create index stat_iom_incidents_month on stat_iom_incidents (month);

-- Pre-aggregated indicators, rebuilt in the transaction of every import that feeds them.
create table stat_ind_applications (
  year integer not null,
  geo text not null,
  citizen text not null,
  applicants double precision not null,
  first_time double precision,
  source_ids bigint[] not null,
  primary key (year, geo, citizen)
);
create index stat_ind_applications_citizen on stat_ind_applications (citizen, year);
create index stat_ind_applications_geo on stat_ind_applications (geo, year);

create table stat_ind_recognition (
  year integer not null,
  citizen text not null,
  -- The EU aggregate the figure covers (EU27_2020, EU28) and who published the underlying figures.
  geo text not null,
  publisher text not null,
  positive double precision not null,
  decisions double precision not null,
  rate double precision,
  source_ids bigint[] not null,
  primary key (year, citizen)
);
create index stat_ind_recognition_citizen on stat_ind_recognition (citizen, year);

create table stat_ind_returns (
  year integer not null,
  geo text not null,
  citizen text not null,
  ordered double precision,
  returned double precision,
  returned_third_country double precision,
  rate double precision,
  rate_third_country double precision,
  source_ids bigint[] not null,
  primary key (year, geo, citizen)
);
create index stat_ind_returns_citizen on stat_ind_returns (citizen, year);

-- Detections summed over border type, ordered as the arrivals indicator pages them by default.
create table stat_ind_arrivals (
  month text not null,
  route text not null,
  nationality text not null,
  detections double precision not null,
  source_ids bigint[] not null,
  primary key (month, route, nationality)
);

-- What each indicator covers, computed when it is rebuilt.
create table stat_indicator_meta (
  indicator text primary key,
  coverage jsonb not null,
  refreshed_at timestamptz not null
);

grant select on stat_sources, stat_eurostat, stat_unhcr_population, stat_unhcr_asylum_applications, stat_unhcr_asylum_decisions,
  stat_unhcr_solutions, stat_unhcr_flows, stat_unhcr_demographics, stat_frontex_detections, stat_iom_incidents,
  stat_ind_applications, stat_ind_recognition, stat_ind_returns, stat_ind_arrivals, stat_indicator_meta to waypoint_app;
