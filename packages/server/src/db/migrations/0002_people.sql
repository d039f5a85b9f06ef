CREATE TABLE "enrolments" (
	"id" serial PRIMARY KEY NOT NULL,
	"resident_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"cycle_id" integer NOT NULL,
	"sede_id" integer NOT NULL,
	"grade" smallint NOT NULL,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "faculty_appointments" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"sede_id" integer NOT NULL,
	"role" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" serial PRIMARY KEY NOT NULL,
	"key_type" text NOT NULL,
	"curp" text,
	"temp_key" text,
	"given_names" text NOT NULL,
	"first_surname" text NOT NULL,
	"second_surname" text,
	"sex" text NOT NULL,
	"birth_date" date NOT NULL,
	"nationality" text DEFAULT 'MEX' NOT NULL,
	"email" text,
	"phone" text,
	"matricula" text,
	"cedula_licenciatura" text,
	"cedula_licenciatura_verified" boolean DEFAULT false NOT NULL,
	"cedula_especialidad" text,
	"cedula_especialidad_verified" boolean DEFAULT false NOT NULL,
	"user_id" integer,
	"valid_from" date DEFAULT current_date NOT NULL,
	"valid_to" date,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" text GENERATED ALWAYS AS (lower(translate(given_names || ' ' || first_surname || ' ' || coalesce(second_surname, '') || ' ' || coalesce(curp, '') || ' ' || coalesce(temp_key, '') || ' ' || coalesce(matricula, ''), 'áàäâãéèëêíìïîóòöôõúùüûñçÁÀÄÂÃÉÈËÊÍÌÏÎÓÒÖÔÕÚÙÜÛÑÇ', 'aaaaaeeeeiiiiooooouuuuncaaaaaeeeeiiiiooooouuuunc'))) STORED
);
--> statement-breakpoint
CREATE TABLE "resident_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"resident_id" integer NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text,
	"details" jsonb,
	"cycle_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "residents" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"sede_id" integer NOT NULL,
	"status" text NOT NULL,
	"grade" smallint NOT NULL,
	"cycle_id" integer NOT NULL,
	"entry_cycle_id" integer NOT NULL,
	"exam_folio" text,
	"exam_score" numeric(6, 2),
	"graduated_on" date,
	"diploma_number" text,
	"hired" boolean,
	"hired_unit_id" integer,
	"hired_on" date,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tutorships" (
	"id" serial PRIMARY KEY NOT NULL,
	"resident_id" integer NOT NULL,
	"tutor_person_id" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_cycle_id_academic_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."academic_cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_sede_id_sedes_id_fk" FOREIGN KEY ("sede_id") REFERENCES "public"."sedes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faculty_appointments" ADD CONSTRAINT "faculty_appointments_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faculty_appointments" ADD CONSTRAINT "faculty_appointments_sede_id_sedes_id_fk" FOREIGN KEY ("sede_id") REFERENCES "public"."sedes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_events" ADD CONSTRAINT "resident_events_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_events" ADD CONSTRAINT "resident_events_cycle_id_academic_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."academic_cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_sede_id_sedes_id_fk" FOREIGN KEY ("sede_id") REFERENCES "public"."sedes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_cycle_id_academic_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."academic_cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_entry_cycle_id_academic_cycles_id_fk" FOREIGN KEY ("entry_cycle_id") REFERENCES "public"."academic_cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_hired_unit_id_units_id_fk" FOREIGN KEY ("hired_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tutorships" ADD CONSTRAINT "tutorships_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tutorships" ADD CONSTRAINT "tutorships_tutor_person_id_persons_id_fk" FOREIGN KEY ("tutor_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_person_cycle_key" ON "enrolments" USING btree ("person_id","cycle_id");--> statement-breakpoint
CREATE INDEX "enrolments_cycle_idx" ON "enrolments" USING btree ("cycle_id","sede_id");--> statement-breakpoint
CREATE INDEX "faculty_sede_idx" ON "faculty_appointments" USING btree ("sede_id","role");--> statement-breakpoint
CREATE INDEX "faculty_person_idx" ON "faculty_appointments" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "persons_curp_key" ON "persons" USING btree ("curp");--> statement-breakpoint
CREATE UNIQUE INDEX "persons_temp_key_key" ON "persons" USING btree ("temp_key");--> statement-breakpoint
CREATE UNIQUE INDEX "persons_matricula_key" ON "persons" USING btree ("matricula");--> statement-breakpoint
CREATE UNIQUE INDEX "persons_user_key" ON "persons" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "resident_events_resident_idx" ON "resident_events" USING btree ("resident_id","occurred_on");--> statement-breakpoint
CREATE INDEX "residents_sede_idx" ON "residents" USING btree ("sede_id","status");--> statement-breakpoint
CREATE INDEX "residents_person_idx" ON "residents" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "tutorships_tutor_idx" ON "tutorships" USING btree ("tutor_person_id");--> statement-breakpoint
CREATE INDEX "tutorships_resident_idx" ON "tutorships" USING btree ("resident_id");