ALTER TABLE "otp_codes" ADD COLUMN "address_hash" text;--> statement-breakpoint
CREATE INDEX "otp_codes_address_idx" ON "otp_codes" USING btree ("address_hash","created_at");