-- Append-only audit events, hash-chained per tenant. Personal data never enters an event: events
-- refer to persons by id, so erasing personal data leaves the chain intact.
create table audit_heads (
  tenant_id text primary key references tenants (id),
  seq bigint not null default 0,
  hash text not null
);

create table audit_events (
  tenant_id text not null references tenants (id),
  seq bigint not null,
  at timestamptz not null,
  actor_id text not null,
  action text not null,
  entity_type text not null,
  entity_id text not null,
  reason text,
  legal_basis jsonb not null default '[]',
  data jsonb not null default '{}',
  request_id text,
  prev_hash text not null,
  hash text not null,
  primary key (tenant_id, seq)
);
create index audit_events_entity on audit_events (tenant_id, entity_type, entity_id, seq);

create function audit_events_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_events_append_only before update or delete on audit_events
  for each row execute function audit_events_refuse_change();

-- Reads of personal data: who read which record, when, through which request.
create table access_log (
  tenant_id text not null references tenants (id),
  id bigint generated always as identity,
  at timestamptz not null default now(),
  actor_id text not null,
  entity_type text not null,
  entity_id text not null,
  purpose text not null,
  request_id text,
  primary key (tenant_id, id)
);
create index access_log_entity on access_log (tenant_id, entity_type, entity_id);

alter table audit_heads enable row level security;
alter table audit_events enable row level security;
alter table access_log enable row level security;
create policy tenant_rows on audit_heads using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
create policy tenant_rows on audit_events using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
create policy tenant_rows on access_log using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
grant select, insert, update on audit_heads to waypoint_app;
grant select, insert on audit_events, access_log to waypoint_app;
