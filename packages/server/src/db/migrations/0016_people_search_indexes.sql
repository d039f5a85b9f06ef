CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "persons_search_trgm_idx" ON "persons" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "persons_foreign_idx" ON "persons" USING btree ("sort_name","id") WHERE nationality <> 'MEX';