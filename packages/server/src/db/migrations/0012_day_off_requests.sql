CREATE TABLE "guard_day_off_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"resident_id" integer NOT NULL,
	"date" date NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "guard_day_off_requests" ADD CONSTRAINT "guard_day_off_requests_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guard_day_off_requests" ADD CONSTRAINT "guard_day_off_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "guard_day_off_requests_key" ON "guard_day_off_requests" USING btree ("resident_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "rosters_one_published_key" ON "rosters" USING btree ("unit_id","group_key","month") WHERE status = 'published';