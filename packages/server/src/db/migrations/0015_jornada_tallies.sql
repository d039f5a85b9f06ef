CREATE TABLE "jornada_participant_tallies" (
	"jornada_id" integer NOT NULL,
	"resident_id" integer NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "jornada_participant_tallies_jornada_id_resident_id_pk" PRIMARY KEY("jornada_id","resident_id")
);
--> statement-breakpoint
CREATE TABLE "jornada_tallies" (
	"jornada_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"kind" text NOT NULL,
	"day" date NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "jornada_tallies_jornada_id_unit_id_kind_day_pk" PRIMARY KEY("jornada_id","unit_id","kind","day")
);
--> statement-breakpoint
ALTER TABLE "jornada_participant_tallies" ADD CONSTRAINT "jornada_participant_tallies_jornada_id_jornadas_id_fk" FOREIGN KEY ("jornada_id") REFERENCES "public"."jornadas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jornada_tallies" ADD CONSTRAINT "jornada_tallies_jornada_id_jornadas_id_fk" FOREIGN KEY ("jornada_id") REFERENCES "public"."jornadas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Derived tables: a backup leaves them out and a restore rebuilds them through the triggers below.
COMMENT ON TABLE "jornada_tallies" IS 'sirem:derived from activity_records';--> statement-breakpoint
COMMENT ON TABLE "jornada_participant_tallies" IS 'sirem:derived from activity_records';--> statement-breakpoint
INSERT INTO "jornada_tallies" (jornada_id, unit_id, kind, day, n)
  SELECT jornada_id, unit_id, kind, performed_on, count(*) FROM activity_records
  WHERE jornada_id IS NOT NULL AND status <> 'devuelta' GROUP BY 1, 2, 3, 4;--> statement-breakpoint
INSERT INTO "jornada_participant_tallies" (jornada_id, resident_id, n)
  SELECT jornada_id, resident_id, count(*) FROM activity_records
  WHERE jornada_id IS NOT NULL AND status <> 'devuelta' GROUP BY 1, 2;--> statement-breakpoint
-- Adds signed counts to the tallies, keys in order so concurrent statements lock rows in the same order.
CREATE FUNCTION jornada_tallies_add(deltas jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO jornada_tallies AS t (jornada_id, unit_id, kind, day, n)
    SELECT (d->>'j')::int, (d->>'u')::int, d->>'k', (d->>'d')::date, sum((d->>'n')::int)::int FROM jsonb_array_elements(deltas) d
    GROUP BY 1, 2, 3, 4 HAVING sum((d->>'n')::int) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (jornada_id, unit_id, kind, day) DO UPDATE SET n = t.n + excluded.n;
  INSERT INTO jornada_participant_tallies AS t (jornada_id, resident_id, n)
    SELECT (d->>'j')::int, (d->>'r')::int, sum((d->>'n')::int)::int FROM jsonb_array_elements(deltas) d
    GROUP BY 1, 2 HAVING sum((d->>'n')::int) <> 0 ORDER BY 1, 2
    ON CONFLICT (jornada_id, resident_id) DO UPDATE SET n = t.n + excluded.n;
$$;--> statement-breakpoint
CREATE FUNCTION jornada_tallies_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(jsonb_build_object('j', jornada_id, 'u', unit_id, 'k', kind, 'd', performed_on, 'r', resident_id, 'n', 1)) INTO deltas
      FROM new_rows WHERE jornada_id IS NOT NULL AND status <> 'devuelta';
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(jsonb_build_object('j', jornada_id, 'u', unit_id, 'k', kind, 'd', performed_on, 'r', resident_id, 'n', -1)) INTO deltas
      FROM old_rows WHERE jornada_id IS NOT NULL AND status <> 'devuelta';
  ELSE
    SELECT jsonb_agg(x.delta) INTO deltas FROM (
      SELECT jsonb_build_object('j', o.jornada_id, 'u', o.unit_id, 'k', o.kind, 'd', o.performed_on, 'r', o.resident_id, 'n', -1) AS delta
        FROM old_rows o JOIN new_rows n USING (id)
        WHERE o.jornada_id IS NOT NULL AND o.status <> 'devuelta'
          AND (o.jornada_id, o.unit_id, o.kind, o.performed_on, o.resident_id, o.status <> 'devuelta') IS DISTINCT FROM (n.jornada_id, n.unit_id, n.kind, n.performed_on, n.resident_id, n.status <> 'devuelta')
      UNION ALL
      SELECT jsonb_build_object('j', n.jornada_id, 'u', n.unit_id, 'k', n.kind, 'd', n.performed_on, 'r', n.resident_id, 'n', 1)
        FROM old_rows o JOIN new_rows n USING (id)
        WHERE n.jornada_id IS NOT NULL AND n.status <> 'devuelta'
          AND (o.jornada_id, o.unit_id, o.kind, o.performed_on, o.resident_id, o.status <> 'devuelta') IS DISTINCT FROM (n.jornada_id, n.unit_id, n.kind, n.performed_on, n.resident_id, n.status <> 'devuelta')) x;
  END IF;
  IF deltas IS NOT NULL THEN PERFORM jornada_tallies_add(deltas); END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER activity_records_tally_insert AFTER INSERT ON activity_records
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION jornada_tallies_apply();--> statement-breakpoint
CREATE TRIGGER activity_records_tally_update AFTER UPDATE ON activity_records
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION jornada_tallies_apply();--> statement-breakpoint
CREATE TRIGGER activity_records_tally_delete AFTER DELETE ON activity_records
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION jornada_tallies_apply();
