-- A bank line's 流水号 is unique per importing unit (the custody account the statement belongs to), not citywide:
-- queued lines keep the importing unit; lines queued before are given the unit whose path they were held at.
DROP INDEX "fund_unmatched_reference_idx";--> statement-breakpoint
ALTER TABLE "fund_unmatched_lines" ADD COLUMN "org_id" integer;--> statement-breakpoint
UPDATE "fund_unmatched_lines" l SET "org_id" = o."id" FROM "orgs" o WHERE o."path" = l."org_path";--> statement-breakpoint
ALTER TABLE "fund_unmatched_lines" ALTER COLUMN "org_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "fund_unmatched_lines" ADD CONSTRAINT "fund_unmatched_lines_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fund_unmatched_reference_idx" ON "fund_unmatched_lines" USING btree ("org_id","reference");
