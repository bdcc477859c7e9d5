-- Transfers and places (issue 5, point 4). A transfer is a manifest: the cases of one or more persons
-- moved on one date to a facility (a place at a time) and/or a country, for one purpose, under an
-- agreement where the purpose has one. planned → confirmed (by another person: four eyes) → executed,
-- or cancelled. Each person on it is a row of `transfer_persons` holding, where there is a facility, a
-- place for the date range: `held` while planned or confirmed, `moved` once executed (present from
-- `arrived_on` until `left_on`, exclusive), `released` when cancelled.
create table transfers (
  tenant_id text not null references tenants (id),
  id uuid not null,
  reference text not null,
  purpose text not null check (purpose in ('placement', 'removal', 'safe-third-country', 'offshore-processing', 'return-hub', 'member-state')),
  facility_id uuid references registry_records (id),
  country text,
  agreement text,
  transfer_on date not null,
  -- The last day a place is held at the facility.
  until date,
  status text not null check (status in ('planned', 'confirmed', 'executed', 'cancelled')),
  planned_by text not null,
  planned_at timestamptz not null,
  reason text not null,
  legal_basis jsonb not null default '[]',
  -- The law package, engine and registry revision the plan was assessed under.
  law_planned jsonb not null,
  confirmed_by text,
  confirmed_at timestamptz,
  confirm_reason text,
  executed_by text,
  executed_at timestamptz,
  executed_on date,
  execute_reason text,
  law_executed jsonb,
  cancelled_by text,
  cancelled_at timestamptz,
  cancel_reason text,
  version integer not null default 1,
  primary key (tenant_id, id),
  unique (tenant_id, reference),
  check ((facility_id is null) = (until is null)),
  check (until is null or until >= transfer_on),
  -- Four eyes: the planner never confirms.
  check (confirmed_by is null or confirmed_by <> planned_by),
  check (status not in ('confirmed', 'executed') or confirmed_by is not null),
  check ((status = 'executed') = (executed_by is not null and executed_on is not null)),
  check ((status = 'cancelled') = (cancelled_by is not null))
);
create index transfers_listing on transfers (tenant_id, transfer_on desc, id);

create table transfer_persons (
  tenant_id text not null references tenants (id),
  transfer_id uuid not null,
  case_id uuid not null,
  person_id uuid not null,
  -- Copied from the transfer, so that the place is counted from this row alone.
  facility_id uuid references registry_records (id),
  place_from date,
  place_to date,
  status text not null check (status in ('held', 'moved', 'released')),
  arrived_on date,
  left_on date,
  -- What the person's movement was asked with: its subject, the family moving along, a minor's reception.
  input jsonb not null default '{}',
  -- The law engine's findings the movement rests on, as planned, and their SHA-256.
  findings jsonb not null,
  findings_digest text not null,
  primary key (tenant_id, transfer_id, case_id),
  foreign key (tenant_id, transfer_id) references transfers (tenant_id, id),
  foreign key (tenant_id, case_id) references cases (tenant_id, id),
  check ((facility_id is null) = (place_from is null) and (place_from is null) = (place_to is null)),
  check (place_to >= place_from),
  check ((status = 'moved') = (arrived_on is not null)),
  check (left_on is null or left_on >= arrived_on)
);
-- A person is on one planned or confirmed movement at a time.
create unique index transfer_persons_one_held on transfer_persons (tenant_id, case_id) where status = 'held';
create index transfer_persons_case on transfer_persons (tenant_id, case_id);

alter table transfers enable row level security;
alter table transfer_persons enable row level security;
create policy tenant_rows on transfers using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
create policy tenant_rows on transfer_persons using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
grant select, insert, update on transfers, transfer_persons to waypoint_app;

-- Places per facility and day, over every tenant: how many are held (planned or confirmed) and how many
-- are taken (persons present). Aggregate numbers without tenant or person, so readable by every
-- transaction, and written only by the trigger below (the app role may not change them): a Member
-- State sees a facility's free places without seeing whose they are.
create table facility_days (
  facility_id uuid not null references registry_records (id),
  day date not null,
  reserved integer not null default 0 check (reserved >= 0),
  occupied integer not null default 0 check (occupied >= 0),
  primary key (facility_id, day)
);
grant select on facility_days to waypoint_app;

-- A facility's places on a day: the sum of its sections' capacity entries covering it (null when none
-- does), as domain/facilities/facility.ts `capacityOn` computes it.
create function waypoint_facility_places(facility jsonb, on_day date) returns integer
  language sql immutable
  as $$ select sum((entry ->> 'places')::integer)::integer
        from jsonb_array_elements(coalesce(facility -> 'capacity', '[]'::jsonb)) entry
        where (entry ->> 'from')::date <= on_day and (entry ->> 'to' is null or on_day <= (entry ->> 'to')::date) $$;

-- The days a person on a transfer counts at its facility, and as what: a held place from the first to
-- the last day, a person present from arrival to the day before leaving (or the last day held).
create function waypoint_place_span(status text, place_from date, place_to date, arrived_on date, left_on date,
                                    out counts_as text, out first_day date, out last_day date)
  language sql immutable
  as $$ select case status when 'held' then 'reserved' when 'moved' then 'occupied' end,
               case status when 'held' then place_from when 'moved' then arrived_on end,
               case status when 'held' then place_to when 'moved' then least(place_to, left_on - 1) end $$;

-- The lock every change of one facility's places takes first (held until the transaction ends). A
-- transaction changing places at several facilities takes their locks in id order before it starts.
create function waypoint_lock_places(facility uuid) returns void
  language sql volatile
  as $$ select pg_advisory_xact_lock(hashtextextended('waypoint.facility-places:' || facility::text, 0)) $$;

-- Keeps `facility_days` equal to the places of `transfer_persons` and refuses a row that would put
-- more persons on a day than the facility's capacity that day. Every change at one facility first
-- takes a transaction-level advisory lock on it (`waypoint_lock_places`), so concurrent reservations queue there; each
-- statement after the lock reads the counts committed before it (READ COMMITTED takes a snapshot per
-- statement), and no two transactions lock a facility's days in different orders. Only days the row
-- newly counts on are checked: a held place turning into a present person at the same facility adds
-- nobody. SECURITY DEFINER: the app role reads the counts but cannot write them.
create function waypoint_count_places() returns trigger
  language plpgsql security definer set search_path = public, pg_temp
  as $$
declare
  old_as text; old_first date; old_last date;
  new_as text; new_first date; new_last date;
  full_day record;
begin
  if tg_op = 'UPDATE' and old.facility_id is not null then
    if new.facility_id is distinct from old.facility_id or new.place_from <> old.place_from or new.place_to <> old.place_to then
      raise exception 'a place''s facility and dates do not change; cancel and plan again' using errcode = 'check_violation';
    end if;
    select s.counts_as, s.first_day, s.last_day into old_as, old_first, old_last
      from waypoint_place_span(old.status, old.place_from, old.place_to, old.arrived_on, old.left_on) s;
  end if;
  if new.facility_id is not null then
    select s.counts_as, s.first_day, s.last_day into new_as, new_first, new_last
      from waypoint_place_span(new.status, new.place_from, new.place_to, new.arrived_on, new.left_on) s;
  end if;
  if old_as is null and new_as is null then
    return null;
  end if;
  perform waypoint_lock_places(new.facility_id);
  if old_as is not null and old_first <= old_last then
    update facility_days set reserved = reserved - (old_as = 'reserved')::integer, occupied = occupied - (old_as = 'occupied')::integer
     where facility_id = old.facility_id and day between old_first and old_last;
  end if;
  if new_as is not null and new_first <= new_last then
    insert into facility_days (facility_id, day)
      select new.facility_id, d::date from generate_series(new_first, new_last, interval '1 day') d
      on conflict do nothing;
    update facility_days set reserved = reserved + (new_as = 'reserved')::integer, occupied = occupied + (new_as = 'occupied')::integer
     where facility_id = new.facility_id and day between new_first and new_last;
    select d.day, d.reserved + d.occupied as persons, coalesce(waypoint_facility_places(r.data, d.day), 0) as places into full_day
      from facility_days d join registry_records r on r.id = d.facility_id
     where d.facility_id = new.facility_id and d.day between new_first and new_last
       and (old_as is null or old_first > old_last or d.day not between old_first and old_last)
       and d.reserved + d.occupied > coalesce(waypoint_facility_places(r.data, d.day), 0)
     order by d.day limit 1;
    if found then
      raise exception 'no free place at facility % on %: % places, % persons with this one', new.facility_id, full_day.day, full_day.places, full_day.persons
        using errcode = 'WP409',
              detail = json_build_object('facility', new.facility_id, 'day', full_day.day, 'places', full_day.places, 'persons', full_day.persons)::text;
    end if;
  end if;
  return null;
end
$$;
create trigger transfer_persons_count_places after insert or update on transfer_persons
  for each row execute function waypoint_count_places();
