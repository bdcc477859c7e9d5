-- Leases on running simulations (issue 8): a run is held by the instance that claimed it
-- (`claimed_by`, an id chosen when its process starts) until `lease_until`, which the runner moves
-- forward while it works. A `running` simulation whose lease has passed belongs to a process that
-- stopped; another instance takes it over and runs it again from the start (a run is determined by its
-- seed). `attempts` counts the claims, so that a run that keeps stopping its process ends `failed`.
-- Times are the database's clock (`now()`), the one clock every instance shares.
alter table simulations
  add column claimed_by text,
  add column lease_until timestamptz,
  add column attempts integer not null default 0 check (attempts >= 0);

-- Rows written before leases: a finished run was claimed once; a run still `running` was left by a
-- process that stopped before this migration (nothing renews it), so its lease has already passed.
update simulations set attempts = 1 where status <> 'queued';
update simulations set lease_until = coalesce(started_at, created_at) where status = 'running';

alter table simulations add check ((status = 'running') = (lease_until is not null));

-- The sweep for runs to take over (and the queued runs at start) reads only unfinished rows.
create index simulations_unfinished on simulations (tenant_id, lease_until) where status in ('queued', 'running');
