-- Policy simulations (issue 8): a scenario (a baseline plus an overlay) run against the baseline in
-- the background, with its status and, when done, the summary of its Monte Carlo runs (medians and
-- 90 % bands). A simulation reads statistics and registries; it never writes to case tables.
create table simulations (
  tenant_id text not null references tenants (id),
  id uuid not null,
  scenario jsonb not null,
  runs integer not null check (runs between 1 and 1000),
  seed bigint not null check (seed >= 0),
  scale double precision not null check (scale > 0 and scale <= 1),
  status text not null check (status in ('queued', 'running', 'done', 'failed')),
  -- Monte Carlo runs finished so far.
  progress integer not null default 0,
  error text,
  results jsonb,
  created_by text not null,
  created_at timestamptz not null,
  started_at timestamptz,
  finished_at timestamptz,
  primary key (tenant_id, id),
  check (progress between 0 and runs),
  check ((status = 'done') = (results is not null)),
  check ((status in ('done', 'failed')) = (finished_at is not null))
);
create index simulations_recent on simulations (tenant_id, created_at desc);

alter table simulations enable row level security;
create policy tenant_rows on simulations using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
grant select, insert, update on simulations to waypoint_app;
