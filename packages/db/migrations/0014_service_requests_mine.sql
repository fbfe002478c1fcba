DROP INDEX "service_requests_owner_due_idx";--> statement-breakpoint
DROP INDEX "service_requests_handler_due_idx";--> statement-breakpoint
CREATE INDEX "service_requests_owner_open_idx" ON "service_requests" USING btree ("owner_user_id","due_on","id") WHERE status in ('received', 'in_progress', 'paused');--> statement-breakpoint
CREATE INDEX "service_requests_handler_open_idx" ON "service_requests" USING btree ("handler_user_id","due_on","id") WHERE status in ('received', 'in_progress', 'paused');--> statement-breakpoint
CREATE INDEX "service_requests_owner_idx" ON "service_requests" USING btree ("owner_user_id");