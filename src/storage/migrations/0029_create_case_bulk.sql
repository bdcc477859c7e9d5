-- Bulk work on cases (issue 5, section 7): imports of cases with their persons from CSV or JSON
-- lines, and bulk actions (assign, reassign, flag).
--
-- An import is a job. Its rows are committed in batches; each batch's transaction writes the cases,
-- their persons, their audit events, the external references and the problems found, and moves the
-- job's `checkpoint` (the last row of the file done) and counts, so that a crashed import resumes
-- exactly where its last committed batch ended. One job per file (by SHA-256) runs at a time in a tenant.
create table case_import_jobs (
  tenant_id text not null references tenants (id),
  id uuid not null,
  file_name text not null,
  file_sha256 text not null,
  format text not null check (format in ('csv', 'ndjson')),
  status text not null check (status in ('running', 'done')),
  total_rows integer not null check (total_rows >= 0),
  checkpoint integer not null default 0,
  created integer not null default 0,
  unchanged integer not null default 0,
  refused integer not null default 0,
  -- Rows whose person may already be registered (reported, and imported all the same).
  duplicates integer not null default 0,
  created_by text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  finished_at timestamptz,
  primary key (tenant_id, id),
  check (checkpoint between 0 and total_rows),
  check (created + unchanged + refused = checkpoint),
  check ((status = 'done') = (finished_at is not null)),
  check (status <> 'done' or checkpoint = total_rows)
);
create unique index case_import_jobs_one_running on case_import_jobs (tenant_id, file_sha256) where status = 'running';
create index case_import_jobs_recent on case_import_jobs (tenant_id, created_at desc);

-- The report: every problem of a row (the row refused) and every warning (a suspected duplicate).
create table case_import_issues (
  tenant_id text not null references tenants (id),
  job_id uuid not null,
  row_number integer not null,
  seq integer not null,
  line integer,
  path text not null,
  code text not null,
  severity text not null check (severity in ('error', 'warning')),
  message text not null,
  detail jsonb,
  primary key (tenant_id, job_id, row_number, seq),
  foreign key (tenant_id, job_id) references case_import_jobs (tenant_id, id)
);

-- The reference each imported row carries, the case it opened and the row's content hash: a row
-- imported again with the same content is "unchanged"; with other content it is refused.
create table case_external_refs (
  tenant_id text not null references tenants (id),
  external_ref text not null,
  case_id uuid not null,
  row_hash text not null,
  job_id uuid not null,
  row_number integer not null,
  primary key (tenant_id, external_ref),
  foreign key (tenant_id, case_id) references cases (tenant_id, id),
  foreign key (tenant_id, job_id) references case_import_jobs (tenant_id, id)
);
create index case_external_refs_case on case_external_refs (tenant_id, case_id);

-- Flags a supervisor or caseworker puts on cases (one at a time or in bulk): who, when and why.
create table case_flags (
  tenant_id text not null references tenants (id),
  case_id uuid not null,
  flag text not null,
  flagged_by text not null,
  flagged_at timestamptz not null,
  reason text not null,
  primary key (tenant_id, case_id, flag),
  foreign key (tenant_id, case_id) references cases (tenant_id, id)
);
create index case_flags_flag on case_flags (tenant_id, flag);

alter table case_import_jobs enable row level security;
alter table case_import_issues enable row level security;
alter table case_external_refs enable row level security;
alter table case_flags enable row level security;
create policy tenant_rows on case_import_jobs using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
create policy tenant_rows on case_import_issues using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
create policy tenant_rows on case_external_refs using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
create policy tenant_rows on case_flags using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
grant select, insert, update on case_import_jobs to waypoint_app;
grant select, insert on case_import_issues, case_external_refs to waypoint_app;
grant select, insert, delete on case_flags to waypoint_app;

-- Duplicate detection's block, searchable under row-level security. Registration (one at a time or a
-- million in bulk) looks for the same person among those of the same nationality and birth date. Its
-- index was on the expressions `data->>'nationality'` and `data->>'birthDate'`; but a transaction as
-- `waypoint_app` is confined by a row-level security policy, and PostgreSQL uses an index condition
-- under such a policy only if its functions are leakproof — `->>` is not — so every registration read
-- all the persons of its tenant. The block is now a plain column the trigger keeps (nationality and
-- birth date, `|` between; null without a birth date, as before: no block) and compared with `=`, which
-- is leakproof: one index probe again, whatever the tenant's size.
alter table persons add column duplicate_block text;
update persons set duplicate_block = (data->>'nationality') || '|' || (data->>'birthDate') where data is not null;
drop index persons_duplicate_block;
create index persons_duplicate_block on persons (tenant_id, duplicate_block) where duplicate_block is not null and merged_into is null;

create or replace function waypoint_duplicate_candidates(p_tenant text, p_names text, p_nationality text, p_birth_date text) returns jsonb
  language plpgsql stable
  as $$
declare
  block text := p_nationality || '|' || p_birth_date;
  folded text;
  codes text[];
begin
  -- Most registrations have an empty block: one index probe, and nothing folded.
  if block is null or not exists (
    select 1 from persons p where p.tenant_id = p_tenant and p.duplicate_block = block and p.merged_into is null) then
    return '[]';
  end if;
  folded := waypoint_fold(p_names);
  codes := waypoint_phonetic(folded);
  return coalesce((select jsonb_agg(c) from (
    select p.id, similarity(p.search_names, folded) as name_score,
           (select count(*) from unnest(p.phonetic) as code where code = any (codes))::float
             / greatest(least(cardinality(p.phonetic), cardinality(codes)), 1) as phonetic_score,
           1 as birth_score, 1 as nationality_score
    from persons p
    where p.tenant_id = p_tenant and p.duplicate_block = block and p.merged_into is null
      and (p.phonetic && codes or p.search_names % folded)
    limit 5) as c), '[]');
end
$$;

-- Faster search keys, same values. Every registration runs `persons_search_keys()`; most people have
-- no aliases, and the sub-query over them cost a full executor start per row. It now runs only when
-- there are aliases, and the phonetic codes are computed by one set expression instead of a loop:
-- about half the trigger's time, the keys those of migration 0020 (same words, same codes, each once,
-- sorted by the same collation). The trigger also keeps the duplicate block.
create or replace function waypoint_phonetic(text) returns text[]
  language sql immutable parallel safe strict
  as $$ select coalesce(array_agg(distinct code order by code), '{}')
        from regexp_split_to_table($1, '[^a-z]+') as word, unnest(array[public.dmetaphone(word), public.dmetaphone_alt(word)]) as code
        where word <> '' and code <> '' $$;

create or replace function persons_search_keys() returns trigger language plpgsql as $$
begin
  if new.data is null then
    new.search_names := null;
    new.phonetic := null;
    new.duplicate_block := null;
    return new;
  end if;
  if jsonb_typeof(new.data->'aliases') = 'array' and jsonb_array_length(new.data->'aliases') > 0 then
    new.search_names := waypoint_fold(concat_ws(' ', new.data->>'givenNames', new.data->>'familyName',
      (select string_agg(concat_ws(' ', alias->>'givenNames', alias->>'familyName'), ' ') from jsonb_array_elements(new.data->'aliases') as alias)));
  else
    new.search_names := waypoint_fold(concat_ws(' ', new.data->>'givenNames', new.data->>'familyName'));
  end if;
  new.phonetic := waypoint_phonetic(new.search_names);
  new.duplicate_block := (new.data->>'nationality') || '|' || (new.data->>'birthDate');
  return new;
end
$$;
