-- Statutory deadlines kept on every open case, the caseworker's queue, deadline tasks and their
-- escalation (issue 5, section 3).
--
-- `case_deadlines` holds each open case's current deadlines as the law engine computed them: the due
-- date, its citations, and the law they came from (the law package's digest, the assessment date that
-- picked the parameter values, the registries' revision). A deadline leaves it when it is met, when it
-- stops running, or when the case closes; `case_deadline_endings` keeps how it ended (met, missed,
-- lapsed) for the compliance report. The next due date is copied onto `cases`, so that the queue is
-- one ordered index scan, earliest deadline first: of the caller's unit or tenant, or of the
-- assignee, stage or kind filtered on (the most selective filter's index; the others filter it).
alter table cases add column next_due_on date, add column next_deadline text;
create index cases_queue_unit on cases (tenant_id, unit_id, next_due_on, opened_at, id) where closed_at is null;
create index cases_queue_tenant on cases (tenant_id, next_due_on, opened_at, id) where closed_at is null;
create index cases_queue_assignee on cases (tenant_id, assigned_to, next_due_on, opened_at, id) where closed_at is null;
-- A stage or kind filter within a unit is one ordered scan even where the unit holds none of them (return
-- cases in an asylum unit); across a tenant, the queue reads one scan per unit and merges them.
create index cases_queue_stage on cases (tenant_id, stage, unit_id, next_due_on, opened_at, id) where closed_at is null;
create index cases_queue_kind on cases (tenant_id, kind, unit_id, next_due_on, opened_at, id) where closed_at is null;
-- Units, kinds, stages and having a deadline go together (examinations run none): the planner needs to
-- know it to pick the index of the most selective filter.
create statistics cases_queue_filters (mcv, dependencies) on tenant_id, unit_id, kind, stage, (next_due_on is null) from cases;

create table case_deadlines (
  tenant_id text not null references tenants (id),
  case_id uuid not null,
  name text not null,
  due_on date not null,
  basis jsonb not null,
  assessed_on date not null,
  law_digest text not null,
  registry_revision bigint,
  computed_at timestamptz not null,
  -- The most advanced task the sweep raised for this due date; reset when the date moves.
  escalation text check (escalation in ('approaching', 'passed')),
  primary key (tenant_id, case_id, name),
  foreign key (tenant_id, case_id) references cases (tenant_id, id)
);
-- What the sweep still has to look at: deadlines not yet escalated. Passed and escalated deadlines
-- leave the index, so a sweep reads only what is new, however many deadlines are overdue.
create index case_deadlines_sweep on case_deadlines (tenant_id, due_on) where escalation is null or escalation = 'approaching';

create table case_deadline_endings (
  tenant_id text not null references tenants (id),
  id uuid not null,
  case_id uuid not null,
  name text not null,
  due_on date not null,
  basis jsonb not null,
  party text not null check (party in ('authority', 'person')),
  unit_id text,
  kind text not null,
  outcome text not null check (outcome in ('met', 'missed', 'lapsed')),
  ended_on date not null,
  cause text not null,
  recorded_at timestamptz not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, case_id) references cases (tenant_id, id),
  foreign key (tenant_id, unit_id) references units (tenant_id, id)
);
create index case_deadline_endings_due on case_deadline_endings (tenant_id, due_on);

-- A task raised by a deadline: to the case's assignee while it approaches, to the supervisors of the
-- case's unit once it has passed. One task per deadline, due date and kind, so a sweep run twice
-- raises nothing new.
create table case_tasks (
  tenant_id text not null references tenants (id),
  id uuid not null,
  case_id uuid not null,
  kind text not null check (kind in ('deadline-approaching', 'deadline-passed')),
  deadline text not null,
  due_on date not null,
  assignee text,
  role text,
  unit_id text,
  status text not null check (status in ('open', 'acknowledged', 'resolved')),
  raised_on date not null,
  raised_at timestamptz not null,
  acknowledged_by text,
  acknowledged_at timestamptz,
  resolved_by text,
  resolved_at timestamptz,
  resolution text,
  version integer not null default 1,
  primary key (tenant_id, id),
  unique (tenant_id, case_id, deadline, due_on, kind),
  foreign key (tenant_id, case_id) references cases (tenant_id, id),
  foreign key (tenant_id, unit_id) references units (tenant_id, id),
  check ((assignee is null) <> (role is null)),
  check ((status = 'resolved') = (resolved_at is not null))
);
create index case_tasks_assignee on case_tasks (tenant_id, assignee, status, due_on);
create index case_tasks_unit on case_tasks (tenant_id, unit_id, status, due_on);

alter table case_deadlines enable row level security;
alter table case_deadline_endings enable row level security;
alter table case_tasks enable row level security;
create policy tenant_rows on case_deadlines using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
create policy tenant_rows on case_deadline_endings using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
create policy tenant_rows on case_tasks using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
grant select, insert, update, delete on case_deadlines to waypoint_app;
grant select, insert on case_deadline_endings to waypoint_app;
grant select, insert, update on case_tasks to waypoint_app;
