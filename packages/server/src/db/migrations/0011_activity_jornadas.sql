CREATE TABLE "activity_records" (
	"id" serial PRIMARY KEY NOT NULL,
	"resident_id" integer NOT NULL,
	"sede_id" integer NOT NULL,
	"performed_on" date NOT NULL,
	"unit_id" integer NOT NULL,
	"service" text NOT NULL,
	"kind" text NOT NULL,
	"organ" text,
	"supervision" text NOT NULL,
	"supervisor_person_id" integer,
	"diagnosis_code" text,
	"diagnosis_version_id" integer,
	"procedure_code" text,
	"procedure_version_id" integer,
	"age_band" text NOT NULL,
	"sex" text NOT NULL,
	"note" text,
	"jornada_id" integer,
	"status" text DEFAULT 'registrada' NOT NULL,
	"review_comment" text,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"client_key" text,
	"recorded_by" integer,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_requirements" (
	"id" serial PRIMARY KEY NOT NULL,
	"specialty_id" integer NOT NULL,
	"grade" smallint NOT NULL,
	"group" text NOT NULL,
	"minimum" integer NOT NULL,
	"valid_from" date DEFAULT current_date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "code_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"system" text NOT NULL,
	"label" text NOT NULL,
	"row_count" integer NOT NULL,
	"current" boolean DEFAULT true NOT NULL,
	"loaded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "codes" (
	"id" serial PRIMARY KEY NOT NULL,
	"version_id" integer NOT NULL,
	"code" text NOT NULL,
	"description" text NOT NULL,
	"search" text GENERATED ALWAYS AS (lower(translate(code || ' ' || description, 'áàäâãéèëêíìïîóòöôõúùüûñçÁÀÄÂÃÉÈËÊÍÌÏÎÓÒÖÔÕÚÙÜÛÑÇ', 'aaaaaeeeeiiiiooooouuuuncaaaaaeeeeiiiiooooouuuunc'))) STORED
);
--> statement-breakpoint
CREATE TABLE "backlog_snapshots" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"service" text NOT NULL,
	"category" text NOT NULL,
	"taken_on" date NOT NULL,
	"waiting" integer NOT NULL,
	"entered_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bed_capacity" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"taken_on" date NOT NULL,
	"ordinary_beds" integer NOT NULL,
	"reconverted_beds" integer NOT NULL,
	"note" text,
	"entered_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jornada_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"jornada_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"category" text NOT NULL,
	"planned" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jornada_unit_counts" (
	"id" serial PRIMARY KEY NOT NULL,
	"jornada_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"day" date NOT NULL,
	"category" text NOT NULL,
	"count" integer NOT NULL,
	"note" text,
	"entered_by" integer,
	"version" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jornadas" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" integer NOT NULL,
	"name" text,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"ooad_ids" integer[] NOT NULL,
	"umae_ids" integer[] NOT NULL,
	"categories" text[] NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activity_records" ADD CONSTRAINT "activity_records_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_records" ADD CONSTRAINT "activity_records_sede_id_sedes_id_fk" FOREIGN KEY ("sede_id") REFERENCES "public"."sedes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_records" ADD CONSTRAINT "activity_records_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_records" ADD CONSTRAINT "activity_records_supervisor_person_id_persons_id_fk" FOREIGN KEY ("supervisor_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_records" ADD CONSTRAINT "activity_records_diagnosis_version_id_code_versions_id_fk" FOREIGN KEY ("diagnosis_version_id") REFERENCES "public"."code_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_records" ADD CONSTRAINT "activity_records_procedure_version_id_code_versions_id_fk" FOREIGN KEY ("procedure_version_id") REFERENCES "public"."code_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_records" ADD CONSTRAINT "activity_records_jornada_id_jornadas_id_fk" FOREIGN KEY ("jornada_id") REFERENCES "public"."jornadas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_records" ADD CONSTRAINT "activity_records_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_records" ADD CONSTRAINT "activity_records_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_requirements" ADD CONSTRAINT "activity_requirements_specialty_id_specialties_id_fk" FOREIGN KEY ("specialty_id") REFERENCES "public"."specialties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "code_versions" ADD CONSTRAINT "code_versions_loaded_by_users_id_fk" FOREIGN KEY ("loaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "codes" ADD CONSTRAINT "codes_version_id_code_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."code_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backlog_snapshots" ADD CONSTRAINT "backlog_snapshots_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backlog_snapshots" ADD CONSTRAINT "backlog_snapshots_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bed_capacity" ADD CONSTRAINT "bed_capacity_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bed_capacity" ADD CONSTRAINT "bed_capacity_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jornada_plans" ADD CONSTRAINT "jornada_plans_jornada_id_jornadas_id_fk" FOREIGN KEY ("jornada_id") REFERENCES "public"."jornadas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jornada_plans" ADD CONSTRAINT "jornada_plans_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jornada_unit_counts" ADD CONSTRAINT "jornada_unit_counts_jornada_id_jornadas_id_fk" FOREIGN KEY ("jornada_id") REFERENCES "public"."jornadas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jornada_unit_counts" ADD CONSTRAINT "jornada_unit_counts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jornada_unit_counts" ADD CONSTRAINT "jornada_unit_counts_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_resident_idx" ON "activity_records" USING btree ("resident_id","performed_on");--> statement-breakpoint
CREATE INDEX "activity_sede_idx" ON "activity_records" USING btree ("sede_id","status");--> statement-breakpoint
CREATE INDEX "activity_jornada_idx" ON "activity_records" USING btree ("jornada_id","unit_id","kind","status","performed_on","resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_client_key" ON "activity_records" USING btree ("resident_id","client_key");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_requirements_key" ON "activity_requirements" USING btree ("specialty_id","grade","group","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "codes_version_code_key" ON "codes" USING btree ("version_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "backlog_snapshots_key" ON "backlog_snapshots" USING btree ("unit_id","service","category","taken_on");--> statement-breakpoint
CREATE UNIQUE INDEX "bed_capacity_key" ON "bed_capacity" USING btree ("unit_id","taken_on");--> statement-breakpoint
CREATE UNIQUE INDEX "jornada_plans_key" ON "jornada_plans" USING btree ("jornada_id","unit_id","category");--> statement-breakpoint
CREATE UNIQUE INDEX "jornada_unit_counts_key" ON "jornada_unit_counts" USING btree ("jornada_id","unit_id","day","category");--> statement-breakpoint
CREATE INDEX "jornada_unit_counts_unit_idx" ON "jornada_unit_counts" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "jornadas_number_key" ON "jornadas" USING btree ("number");