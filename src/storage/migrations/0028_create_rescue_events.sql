-- Rescue at sea and interceptions (issue 5): the event (when, where, which vessel under which flag, in
-- whose waters, which search-and-rescue region and coordinating centre), the people on board — a count,
-- and links to the persons and cases registered from it — and each person's assignment to a place of
-- safety or a mechanism, with the law engine's findings it was decided on, who decided and why.
-- No personal data: persons are named by their pseudonymous id; their data stays in `persons`.
create table rescue_events (
  tenant_id text not null references tenants (id),
  id uuid not null,
  reference text not null,
  kind text not null check (kind in ('rescue', 'interception')),
  occurred_at timestamptz not null,
  latitude double precision not null check (latitude between -90 and 90),
  longitude double precision not null check (longitude between -180 and 180),
  vessel_name text not null,
  vessel_flag text not null check (vessel_flag ~ '^[A-Z]{2}$'),
  vessel_operator text not null check (vessel_operator in ('coastguard', 'navy', 'border-police', 'frontex', 'ngo', 'merchant', 'fishing', 'other')),
  waters text not null check (waters in ('international', 'territorial')),
  waters_state text check (waters_state ~ '^[A-Z]{2}$'),
  sar_region text check (sar_region ~ '^[A-Z]{2}$'),
  coordinating_centre text,
  people_on_board integer not null check (people_on_board >= 0),
  deceased integer not null default 0 check (deceased >= 0),
  missing integer not null default 0 check (missing >= 0),
  note text,
  unit_id text,
  assigned_to text,
  created_by text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  primary key (tenant_id, id),
  unique (tenant_id, reference),
  foreign key (tenant_id, unit_id) references units (tenant_id, id),
  -- Territorial waters belong to a state; the high seas to none.
  check ((waters = 'territorial') = (waters_state is not null))
);
create index rescue_events_recent on rescue_events (tenant_id, occurred_at desc);

create table rescue_event_persons (
  tenant_id text not null references tenants (id),
  event_id uuid not null,
  person_id uuid not null,
  case_id uuid,
  linked_by text not null,
  linked_at timestamptz not null,
  primary key (tenant_id, event_id, person_id),
  foreign key (tenant_id, event_id) references rescue_events (tenant_id, id),
  foreign key (tenant_id, person_id) references persons (tenant_id, id),
  foreign key (tenant_id, case_id) references cases (tenant_id, id)
);
create index rescue_event_persons_person on rescue_event_persons (tenant_id, person_id);

-- Each assignment decided; the latest per person is the one in force. Immutable.
create table rescue_assignments (
  tenant_id text not null references tenants (id),
  id uuid not null,
  event_id uuid not null,
  person_id uuid not null,
  destination text not null check (destination in ('place-of-safety', 'mechanism')),
  country text not null check (country ~ '^[A-Z]{2}$'),
  place text,
  mechanism text,
  assessed_on date not null,
  findings jsonb not null,
  law jsonb not null,
  reason text not null,
  legal_basis jsonb not null default '[]',
  decided_by text not null,
  decided_at timestamptz not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, event_id, person_id) references rescue_event_persons (tenant_id, event_id, person_id),
  check ((destination = 'mechanism') = (mechanism is not null))
);
create index rescue_assignments_person on rescue_assignments (tenant_id, event_id, person_id, decided_at);

alter table rescue_events enable row level security;
alter table rescue_event_persons enable row level security;
alter table rescue_assignments enable row level security;
create policy tenant_rows on rescue_events using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
create policy tenant_rows on rescue_event_persons using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
create policy tenant_rows on rescue_assignments using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
grant select, insert, update on rescue_events to waypoint_app;
grant select, insert on rescue_event_persons, rescue_assignments to waypoint_app;
