-- The residents a roster assigns, as an indexable array (the assignments are a jsonb list of {residentId, date}).
CREATE FUNCTION roster_resident_ids(assignments jsonb) RETURNS int[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT (a->>'residentId')::int), '{}') FROM jsonb_array_elements(assignments) a
$$;--> statement-breakpoint
CREATE INDEX "rosters_published_residents_idx" ON "rosters" USING gin (roster_resident_ids("assignments")) WHERE status = 'published';