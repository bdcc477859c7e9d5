-- Family links between persons of one tenant (issue 5): `relation` is what `related_id` is to
-- `person_id` (its spouse, child, parent …). Each link is stored in both directions, so that a
-- person's family is one index lookup whichever side it was recorded from.
create table person_links (
  tenant_id text not null references tenants (id),
  person_id uuid not null,
  related_id uuid not null,
  relation text not null check (relation in ('spouse', 'partner', 'child', 'parent', 'sibling', 'guardian', 'ward', 'other-relative')),
  created_by text not null,
  created_at timestamptz not null,
  primary key (tenant_id, person_id, related_id),
  foreign key (tenant_id, person_id) references persons (tenant_id, id),
  foreign key (tenant_id, related_id) references persons (tenant_id, id),
  check (person_id <> related_id)
);
create index person_links_related on person_links (tenant_id, related_id);

alter table person_links enable row level security;
create policy tenant_rows on person_links using (waypoint_visible(tenant_id)) with check (waypoint_writable(tenant_id));
-- Delete: a merge moves the duplicate's links to the person it was merged into.
grant select, insert, delete on person_links to waypoint_app;
