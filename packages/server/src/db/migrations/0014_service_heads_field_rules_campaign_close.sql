CREATE TABLE "field_rotation_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"source" text NOT NULL,
	"effective_from" date NOT NULL,
	"specialty_codes" text[] NOT NULL,
	"min_months" integer NOT NULL,
	"max_months" integer NOT NULL,
	"min_beds" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_rotation_rules_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "wellbeing_reminders" (
	"person_id" integer NOT NULL,
	"period" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wellbeing_reminders_person_id_period_pk" PRIMARY KEY("person_id","period")
);
--> statement-breakpoint
ALTER TABLE "role_grants" ADD COLUMN "service_id" integer;--> statement-breakpoint
ALTER TABLE "survey_campaigns" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "survey_campaigns" ADD COLUMN "closed_by" integer;--> statement-breakpoint
ALTER TABLE "wellbeing_reminders" ADD CONSTRAINT "wellbeing_reminders_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_service_id_clinical_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."clinical_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_campaigns" ADD CONSTRAINT "survey_campaigns_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;