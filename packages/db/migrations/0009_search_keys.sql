-- Search keys (issue 10 §1, issue 9 §3): one normalisation of names for search and near-duplicate checks, kept by
-- the database in generated columns, and an n-gram array that a GIN index serves for searches of 1+ characters
-- (a trigram index has nothing to use for 物流 or 2-letter pinyin initials).
--
-- search_key(): Unicode NFKC (full-width letters, digits, brackets and spaces fold to their ASCII forms), lower
-- case, and no white space, brackets, quotes, dots or dashes: 上海连心物流（集团）有限公司 and 上海连心物流(集团) 有限公司
-- have the same key 上海连心物流集团有限公司. The API calls the same function on the search text.
CREATE FUNCTION search_key(name text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN lower(translate(normalize(name, NFKC),
    E' \t\r\n\u00a0()[]{}<>【】〔〕〖〗《》〈〉「」『』""''“”‘’·・•‧.。,，、-－—_/\\', ''));
--> statement-breakpoint
-- The distinct 1- and 2-character pieces of a key: what a row offers the GIN index.
CREATE FUNCTION search_grams(key text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN ARRAY(
    SELECT DISTINCT g FROM (
      SELECT substr(key, i, 1) AS g FROM generate_series(1, length(key)) AS i
      UNION ALL
      SELECT substr(key, i, 2) FROM generate_series(1, length(key) - 1) AS i
    ) pieces);
--> statement-breakpoint
-- What a search asks of the index: its one character, or each of its bigrams (all must be present; the caller
-- rechecks the whole key with strpos).
CREATE FUNCTION search_query_grams(key text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN CASE WHEN length(key) <= 1 THEN ARRAY[key]
    ELSE ARRAY(SELECT DISTINCT substr(key, i, 2) FROM generate_series(1, length(key) - 1) AS i) END;
--> statement-breakpoint
DROP INDEX "orgs_name_trgm";--> statement-breakpoint
DROP INDEX "enterprises_name_trgm";--> statement-breakpoint
DROP INDEX "enterprises_initials_trgm";--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "search_key" text GENERATED ALWAYS AS (search_key(name)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "search_grams" text[] GENERATED ALWAYS AS (search_grams(search_key(name))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "search_key" text GENERATED ALWAYS AS (search_key(name)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "search_grams" text[] GENERATED ALWAYS AS (search_grams(search_key(name)) || search_grams(name_initials)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "name_initials" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "search_grams" text[] GENERATED ALWAYS AS (search_grams(search_key(name)) || search_grams(name_initials)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "orgs_search_grams_gin" ON "orgs" USING gin ("search_grams");--> statement-breakpoint
CREATE INDEX "enterprises_search_grams_gin" ON "enterprises" USING gin ("search_grams");--> statement-breakpoint
CREATE INDEX "enterprises_search_key_idx" ON "enterprises" USING btree ("search_key");--> statement-breakpoint
CREATE INDEX "enterprises_credit_code_prefix_idx" ON "enterprises" USING btree ("credit_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "members_search_grams_gin" ON "members" USING gin ("search_grams");