-- Persons (personal data, kept apart from events) and cases (procedural facts, no personal data).
create table retention_policies (
  record_type text primary key,
  retain_months integer not null check (retain_months > 0),
  counted_from text not null check (counted_from in ('created', 'case-closed')),
  basis text not null,
  source text not null
);

create table persons (
  tenant_id text not null references tenants (id),
  id uuid not null,
  record_type text not null references retention_policies (record_type),
  data jsonb,
  created_at timestamptz not null,
  retain_until date,
  erased_at timestamptz,
  primary key (tenant_id, id),
  check ((data is null) = (erased_at is not null))
);

create table counters (
  tenant_id text not null references tenants (id),
  name text not null,
  value bigint not null,
  primary key (tenant_id, name)
);

create table cases (
  tenant_id text not null references tenants (id),
  id uuid not null,
  reference text not null,
  person_id uuid not null,
  kind text not null,
  stage text not null,
  unit_id text,
  assigned_to text,
  opened_by text not null,
  opened_at timestamptz not null,
  updated_at timestamptz not null,
  closed_at timestamptz,
  version integer not null default 1,
  primary key (tenant_id, id),
  unique (tenant_id, reference),
  foreign key (tenant_id, person_id) references persons (tenant_id, id),
  foreign key (tenant_id, unit_id) references units (tenant_id, id)
);
create index cases_unit on cases (tenant_id, unit_id, opened_at desc);
create index cases_person on cases (tenant_id, person_id);

-- Stored responses for Idempotency-Key, written in the same transaction as the effect they report.
create table idempotency_keys (
  tenant_id text not null references tenants (id),
  actor_id text not null,
  key text not null,
  request_hash text not null,
  status integer not null,
  headers jsonb not null,
  body jsonb not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, actor_id, key)
);

alter table persons enable row level security;
alter table counters enable row level security;
alter table cases enable row level security;
alter table idempotency_keys enable row level security;
create policy tenant_rows on persons using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
create policy tenant_rows on counters using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
create policy tenant_rows on cases using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
create policy tenant_rows on idempotency_keys using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
grant select on retention_policies to waypoint_app;
grant select, insert, update on persons, counters, cases to waypoint_app;
grant select, insert on idempotency_keys to waypoint_app;
