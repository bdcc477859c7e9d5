-- Every transition of a case's procedure that was taken or proposed (issue 5): who proposed it and
-- why, on which date it takes effect, and — under four eyes — who approved or rejected it and why.
-- At most one proposal per case waits for approval.
create table case_transitions (
  tenant_id text not null references tenants (id),
  id uuid not null,
  case_id uuid not null,
  transition text not null,
  from_stage text not null,
  to_stage text not null,
  effective_on date not null,
  input jsonb not null default '{}',
  status text not null check (status in ('pending', 'approved', 'rejected', 'taken')),
  proposed_by text not null,
  proposed_at timestamptz not null,
  reason text not null,
  legal_basis jsonb not null default '[]',
  decided_by text,
  decided_at timestamptz,
  decision_reason text,
  primary key (tenant_id, id),
  foreign key (tenant_id, case_id) references cases (tenant_id, id),
  -- The proposer never approves (four eyes).
  check (status <> 'approved' or decided_by <> proposed_by),
  check ((status in ('pending', 'taken')) = (decided_by is null))
);
create index case_transitions_case on case_transitions (tenant_id, case_id, proposed_at);
create unique index case_transitions_one_pending on case_transitions (tenant_id, case_id) where status = 'pending';

alter table case_transitions enable row level security;
create policy tenant_rows on case_transitions using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
grant select, insert, update on case_transitions to waypoint_app;
