-- The phonetic codes of a name (migration 0029's set expression, unchanged) as a PL/pgSQL function
-- instead of an SQL one. An SQL function that cannot be inlined (this one aggregates) is parsed and
-- planned again whenever the expression calling it is set up, which for the registration trigger is
-- once per transaction: about half of the function's cost when each registration is its own
-- transaction (45 against 90 µs measured per call, `bench/RESULTS.md`). PL/pgSQL keeps the plan of its
-- statement for the session. The codes are the same: the same statement computes them.
create or replace function waypoint_phonetic(text) returns text[]
  language plpgsql immutable parallel safe strict
  as $$
begin
  return (select coalesce(array_agg(distinct code order by code), '{}')
          from regexp_split_to_table($1, '[^a-z]+') as word, unnest(array[public.dmetaphone(word), public.dmetaphone_alt(word)]) as code
          where word <> '' and code <> '');
end
$$;
