-- Shared registries (countries, designations, readmission cooperation, and later partnerships,
-- mechanisms, facilities, funding, border situations, outreach): one table for every kind, each
-- record's fields as validated JSON. Shared reference data, not tenant data: no tenant column, no
-- row-level security (Citus: a reference table). Which role may write which kind is decided by the
-- permission table in the domain; every write appends an event to the `EU` audit chain below.
create table registry_records (
  kind text not null,
  id uuid not null,
  -- The natural key of the record within its kind (`TR`, `safe-country-of-origin:EU:BD:2026-06-12`):
  -- how an import finds the record a row describes, so that importing a file twice changes nothing.
  key text not null,
  version integer not null default 1,
  data jsonb not null,
  -- Folded (lower case, no diacritics) words of the record, computed by its kind; searched with a
  -- prefix full-text query.
  search_text text not null default '',
  search tsvector generated always as (to_tsvector('simple', search_text)) stored,
  -- Other records this one names (`country:TR`): a country's page-worth of data in one query.
  refs text[] not null default '{}',
  -- The period the record is valid in, and when it is next due for review (both optional).
  valid_from date,
  valid_to date,
  review_due date,
  created_at timestamptz not null,
  created_by text not null,
  updated_at timestamptz not null,
  updated_by text not null,
  primary key (id),
  unique (kind, key),
  check (valid_to is null or valid_from is null or valid_from <= valid_to)
);
create index registry_records_search on registry_records using gin (search);
create index registry_records_refs on registry_records using gin (refs);
create index registry_records_review on registry_records (review_due) where review_due is not null;

grant select, insert, update on registry_records to waypoint_app;

-- The registries' audit chain is kept under the tenant code `EU`, a tenant of its own kind: a record's
-- history is one chain whoever wrote it (Italy's administrator, the Commission's partnership officer).
-- A registry write switches its transaction's writable tenant to `EU` for the append (row-level
-- security then confines it to that chain), and reads of a record's history add `EU` to the visible
-- tenants; no policy is relaxed.
alter table tenants drop constraint tenants_kind_check;
alter table tenants add constraint tenants_kind_check check (kind in ('member-state', 'agency', 'commission', 'partner', 'registry'));
