-- Enterprises sorted by name (issue 10 §1): a search matching thousands (物流: 9,150 of 500,000 at city scale) sorted
-- by name walked and sorted every match (p95 159 ms); with this index the plan walks the names in order, tests each
-- row against the search and stops after one page.
CREATE INDEX "enterprises_name_idx" ON "enterprises" USING btree ("name","id");
