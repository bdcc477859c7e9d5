-- People (issue 5): a version for optimistic concurrency, the pointer a merged duplicate keeps to the
-- person it was merged into, and the search keys of names (folded without accents, and phonetic
-- codes). The keys are personal data like the names they come from: a trigger derives them from
-- `data`, so erasure (data set to null) clears them too, and a tenant import recomputes them.
create extension if not exists unaccent;
create extension if not exists pg_trgm;
create extension if not exists fuzzystrmatch;

-- Lower case without diacritics ("Müller" → "muller", "Łukasz" → "lukasz", "Straße" → "strasse").
-- unaccent() is only stable (its dictionary could change); naming the dictionary makes the result
-- depend on the argument alone, which is what lets indexes and generated keys use it.
create function waypoint_fold(text) returns text
  language sql immutable parallel safe strict
  as $$ select lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

-- Double Metaphone codes (primary and alternate) of every word of a folded text, once each, sorted.
-- PL/pgSQL rather than SQL: it runs in a trigger on every registration, and a PL/pgSQL function keeps
-- its plans for the session where a non-inlined SQL function is planned again on each call.
create function waypoint_phonetic(text) returns text[]
  language plpgsql immutable parallel safe strict
  as $$
declare
  word text;
  code text;
  codes text[] := '{}';
begin
  foreach word in array regexp_split_to_array($1, '[^a-z]+') loop
    continue when word = '';
    foreach code in array array[public.dmetaphone(word), public.dmetaphone_alt(word)] loop
      if code <> '' and not (code = any (codes)) then codes := codes || code; end if;
    end loop;
  end loop;
  return coalesce((select array_agg(c order by c) from unnest(codes) as c), '{}');
end
$$;

alter table persons
  add column version integer not null default 1,
  add column merged_into uuid,
  add column merged_at timestamptz,
  add column search_names text,
  add column phonetic text[],
  add constraint persons_merged_into foreign key (tenant_id, merged_into) references persons (tenant_id, id) deferrable initially deferred,
  add constraint persons_not_merged_into_self check (merged_into is null or merged_into <> id);

-- Every name a person is known by (given and family names, then each alias), folded, one line.
create function persons_search_keys() returns trigger language plpgsql as $$
begin
  if new.data is null then
    new.search_names := null;
    new.phonetic := null;
    return new;
  end if;
  new.search_names := waypoint_fold(concat_ws(' ', new.data->>'givenNames', new.data->>'familyName',
    (select string_agg(concat_ws(' ', alias->>'givenNames', alias->>'familyName'), ' ')
       from jsonb_array_elements(case when jsonb_typeof(new.data->'aliases') = 'array' then new.data->'aliases' else '[]'::jsonb end) as alias)));
  new.phonetic := waypoint_phonetic(new.search_names);
  return new;
end
$$;
create trigger persons_search_keys before insert or update of data on persons
  for each row execute function persons_search_keys();

create index persons_search_names on persons using gin (search_names gin_trgm_ops);
create index persons_phonetic on persons using gin (phonetic);
-- Duplicate detection at registration looks in one block: same nationality and birth date.
create index persons_duplicate_block on persons (tenant_id, (data->>'nationality'), (data->>'birthDate')) where data is not null and merged_into is null;

-- Duplicate detection at registration (domain/persons/find-duplicates.ts): up to five persons of the
-- tenant in the registration's block (same nationality and birth date) whose names are similar or
-- sound alike, with the parts of their score. A PL/pgSQL function, so that the statement registering
-- a person plans one function call and the search's own plan is kept for the session.
create function waypoint_duplicate_candidates(p_tenant text, p_names text, p_nationality text, p_birth_date text) returns jsonb
  language plpgsql stable
  as $$
declare
  folded text;
  codes text[];
begin
  -- Most registrations have an empty block: one index probe, and nothing folded.
  if p_birth_date is null or not exists (
    select 1 from persons p where p.tenant_id = p_tenant and p.data is not null and p.merged_into is null
      and p.data->>'nationality' = p_nationality and p.data->>'birthDate' = p_birth_date) then
    return '[]';
  end if;
  folded := waypoint_fold(p_names);
  codes := waypoint_phonetic(folded);
  return coalesce((select jsonb_agg(c) from (
    select p.id, similarity(p.search_names, folded) as name_score,
           (select count(*) from unnest(p.phonetic) as code where code = any (codes))::float
             / greatest(least(cardinality(p.phonetic), cardinality(codes)), 1) as phonetic_score,
           1 as birth_score, 1 as nationality_score
    from persons p
    where p.tenant_id = p_tenant and p.data is not null and p.merged_into is null
      and p.data->>'nationality' = p_nationality and p.data->>'birthDate' = p_birth_date
      and (p.phonetic && codes or p.search_names % folded)
    limit 5) as c), '[]');
end
$$;
