-- Decision records (issue 5): one per transition applied, immutable. Each pins the law it was taken
-- under — the law package's digest, every rule version that answered, the registry revision — and
-- keeps the facts assessed, the findings, the deadlines and the engine's trace. Its content hash is
-- written into the audit chain by the `case.transitioned` event, so a changed record is detectable.
-- The only change allowed is lawful erasure: the facts and trace (which hold personal data) are
-- removed and `erased_at` set, everything else stays.
create table case_decisions (
  tenant_id text not null references tenants (id),
  id uuid not null,
  case_id uuid not null,
  transition_id uuid not null,
  transition text not null,
  from_stage text not null,
  to_stage text not null,
  effective_on date not null,
  assessed_on date not null,
  regime text not null,
  proposed_by text not null,
  approved_by text,
  reason text not null,
  law jsonb not null,
  rules jsonb not null,
  findings jsonb not null,
  deadlines jsonb not null,
  facts jsonb,
  trace jsonb,
  content_hash text not null,
  created_at timestamptz not null,
  erased_at timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, case_id) references cases (tenant_id, id),
  foreign key (tenant_id, transition_id) references case_transitions (tenant_id, id),
  check ((erased_at is null) = (facts is not null and trace is not null))
);
create index case_decisions_case on case_decisions (tenant_id, case_id, created_at);

create function case_decisions_refuse_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and new.facts is null and new.trace is null and new.erased_at is not null
     and (to_jsonb(new) - 'facts' - 'trace' - 'erased_at') = (to_jsonb(old) - 'facts' - 'trace' - 'erased_at') then
    return new;
  end if;
  raise exception 'case_decisions is immutable (% refused)', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger case_decisions_immutable before update or delete on case_decisions
  for each row execute function case_decisions_refuse_change();

alter table case_decisions enable row level security;
create policy tenant_rows on case_decisions using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
grant select, insert on case_decisions to waypoint_app;
grant update (facts, trace, erased_at) on case_decisions to waypoint_app;
