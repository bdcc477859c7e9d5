-- Tenants, units and users. Small shared tables (Citus "reference tables").
create table tenants (
  id text primary key,
  kind text not null check (kind in ('member-state', 'agency', 'commission', 'partner')),
  name text not null,
  source text not null
);

create table units (
  tenant_id text not null references tenants (id),
  id text not null,
  name text not null,
  primary key (tenant_id, id)
);

create table users (
  id text primary key,
  tenant_id text not null references tenants (id),
  unit_id text,
  display_name text not null,
  roles text[] not null,
  foreign key (tenant_id, unit_id) references units (tenant_id, id)
);

-- The role every user-facing transaction runs as, so that row-level security applies even when the
-- connection's own user owns the tables or is a superuser. Roles are cluster-wide: create it once.
-- Two databases of one cluster migrated at the same moment both see no role and both create it; the
-- loser's error is caught (amended after release: the schema it leaves is the same).
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'waypoint_app') then
    create role waypoint_app nologin;
  end if;
exception when duplicate_object or unique_violation then
  null;
end
$$;

-- The tenants a transaction may see, set per transaction with set_config('waypoint.tenants', ..., true):
-- a comma-separated list of tenant codes, or '*'. Unset means nothing is visible.
create function waypoint_visible(row_tenant text) returns boolean
  language sql stable
  as $$ select coalesce(current_setting('waypoint.tenants', true), '') = '*'
               or row_tenant = any (string_to_array(coalesce(current_setting('waypoint.tenants', true), ''), ',')) $$;

-- The one tenant a transaction may write to.
create function waypoint_writable(row_tenant text) returns boolean
  language sql stable
  as $$ select row_tenant = nullif(current_setting('waypoint.tenant', true), '') $$;

grant select on tenants, units, users to waypoint_app;
