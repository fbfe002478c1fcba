-- search_grams() at bulk-insert speed (issue 10, demo members in every street): the same pieces — the distinct 1- and
-- 2-character pieces of a key — collected by a plpgsql loop instead of a SQL function with a sub-select. A SQL
-- function holding a sub-select is never inlined, so every row written to members, enterprises or orgs ran it
-- (twice for members and enterprises) through the SQL-function executor for the generated search_grams column:
-- ≈ 100 µs a row on PGlite, nine tenths of a member insert's cost without its indexes; the loop ≈ 5 µs. The pieces
-- come in order of first appearance instead of sorted; neither the GIN index nor `@>` sees the order, so rows
-- written before keep their stored arrays (equal as sets) and nothing is recomputed.
CREATE OR REPLACE FUNCTION search_grams(key text) RETURNS text[]
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  pieces text[] := '{}';
  piece text;
  len integer := length(key);
BEGIN
  FOR i IN 1..len LOOP
    piece := substr(key, i, 1);
    IF NOT piece = ANY (pieces) THEN pieces := pieces || piece; END IF;
    IF i < len THEN
      piece := substr(key, i, 2);
      IF NOT piece = ANY (pieces) THEN pieces := pieces || piece; END IF;
    END IF;
  END LOOP;
  RETURN pieces;
END;
$$;
