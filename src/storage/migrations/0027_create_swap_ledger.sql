-- The 1:1 ledger (issue 5): per swap mechanism, each return counted under it creates a resettlement
-- entitlement, and each resettlement uses one. Returns are recorded by one Member State, resettlements
-- by several, and every participant must see the same balance. So the ledger has two halves:
--
-- * shared, without personal data, in the tenant `EU` (the registries' chain): one counter row per
--   mechanism — locked by every write, the point where writes of all tenants serialise — and one
--   entitlement row per return counted, carrying the returning and the resettling state, the dates and a
--   pseudonym of each person (a SHA-256 of the mechanism and the person id, not linkable to any other
--   table by whoever reads only this one);
-- * per tenant, the entries that say which case and which person each leg was recorded for, with the
--   law engine's finding and the law version it was taken under.
--
-- What the database itself guarantees, whatever the code does: a trigger keeps the counter equal to the
-- entitlements (one more return per entitlement inserted, one more resettlement per entitlement used)
-- and refuses to reuse or rewrite an entitlement; check constraints keep returns within the cap and
-- resettlements within the returns; unique constraints keep one person to one return and one
-- resettlement per mechanism, across tenants (the entitlements are all in one tenant) and within each.
create table swap_ledger_counters (
  tenant_id text not null references tenants (id),
  mechanism text not null,
  -- The ceiling in force at the last return counted (the mechanism's registry parameter); null: none.
  cap integer check (cap is null or cap >= 0),
  returns integer not null default 0 check (returns >= 0),
  resettlements integer not null default 0 check (resettlements >= 0),
  updated_at timestamptz not null,
  primary key (tenant_id, mechanism),
  check (tenant_id = 'EU'),
  check (cap is null or returns <= cap),
  check (resettlements <= returns)
);

create table swap_ledger_entitlements (
  tenant_id text not null references tenants (id),
  id uuid not null,
  mechanism text not null,
  return_ref text not null,
  returning_state text not null,
  return_entry uuid not null,
  returned_on date not null,
  recorded_at timestamptz not null,
  resettlement_ref text,
  resettling_state text,
  resettlement_entry uuid,
  resettled_on date,
  resettled_at timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, mechanism) references swap_ledger_counters (tenant_id, mechanism),
  unique (tenant_id, mechanism, return_ref),
  unique (tenant_id, mechanism, resettlement_ref),
  check (tenant_id = 'EU'),
  check (return_ref ~ '^sha256:[0-9a-f]{64}$' and (resettlement_ref is null or resettlement_ref ~ '^sha256:[0-9a-f]{64}$')),
  -- Used whole or not at all; never resettled before the return that opened it (lead times are not negative).
  check ((resettlement_ref is null) = (resettled_on is null) and (resettled_on is null) = (resettling_state is null)
         and (resettled_on is null) = (resettlement_entry is null) and (resettled_on is null) = (resettled_at is null)),
  check (resettled_on is null or resettled_on >= returned_on)
);
create index swap_ledger_open on swap_ledger_entitlements (tenant_id, mechanism, returned_on, recorded_at) where resettled_on is null;

create function swap_ledger_count() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    if new.resettled_on is not null then
      raise exception 'an entitlement is opened by a return, unused' using errcode = 'check_violation';
    end if;
    update swap_ledger_counters set returns = returns + 1, updated_at = new.recorded_at
      where tenant_id = new.tenant_id and mechanism = new.mechanism;
    return new;
  end if;
  if tg_op = 'UPDATE' and old.resettled_on is null and new.resettled_on is not null
     and (to_jsonb(new) - 'resettlement_ref' - 'resettling_state' - 'resettlement_entry' - 'resettled_on' - 'resettled_at')
       = (to_jsonb(old) - 'resettlement_ref' - 'resettling_state' - 'resettlement_entry' - 'resettled_on' - 'resettled_at') then
    update swap_ledger_counters set resettlements = resettlements + 1, updated_at = new.resettled_at
      where tenant_id = new.tenant_id and mechanism = new.mechanism;
    return new;
  end if;
  raise exception 'a ledger entitlement is used once and never changed otherwise (% refused)', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger swap_ledger_counts before insert or update or delete on swap_ledger_entitlements
  for each row execute function swap_ledger_count();

-- The recording tenant's entries: which case and which person each leg was recorded for (the person
-- only by its pseudonymous id), the finding of the law engine that let a return count and the law it
-- was taken under. Immutable: the app role may only insert.
create table swap_ledger_entries (
  tenant_id text not null references tenants (id),
  id uuid not null,
  mechanism text not null,
  leg text not null check (leg in ('return', 'resettlement')),
  entitlement_id uuid not null,
  case_id uuid not null,
  person_id uuid not null,
  happened_on date not null,
  finding jsonb,
  law jsonb,
  reason text not null,
  recorded_by text not null,
  recorded_at timestamptz not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, case_id) references cases (tenant_id, id),
  foreign key (tenant_id, person_id) references persons (tenant_id, id),
  unique (tenant_id, mechanism, leg, person_id),
  check ((leg = 'return') = (finding is not null and law is not null))
);
create index swap_ledger_entries_case on swap_ledger_entries (tenant_id, case_id);

alter table swap_ledger_counters enable row level security;
alter table swap_ledger_entitlements enable row level security;
alter table swap_ledger_entries enable row level security;
create policy tenant_rows on swap_ledger_counters using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
create policy tenant_rows on swap_ledger_entitlements using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
create policy tenant_rows on swap_ledger_entries using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
grant select, insert, update on swap_ledger_counters, swap_ledger_entitlements to waypoint_app;
grant select, insert on swap_ledger_entries to waypoint_app;
