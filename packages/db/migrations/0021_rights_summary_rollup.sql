-- 机制三 rights: the summary reads a few dozen rows per unit (issue 12's district benchmark), see 0019_rights_rules.
--
-- 1. The case metrics also go to an all-years row: `rc:all`, `rc_closed:all`, … next to `rc:<year>`, so the summary
--    without a year reads 18 named rows instead of 18 per year since the first case. Existing figures are counted
--    again from the base tables (rebuild_rights_figures uses the new function) and folded.
-- 2. The contract-coverage day rows of the past fold into one base row per unit:
-- Coverage in force on day D is the sum of the `cc_ent@<day>` / `cc_emp@<day>` rows with <day> ≤ D: one row per
-- contract start and end day, so a unit collects thousands of them over the years (the city and a district alike)
-- and the summary summed them all on every read. Once a day is past, its rows never change what a later day reads,
-- so they fold into `cc_ent@0000-00-00` / `cc_emp@0000-00-00` (it sorts before every day: the reader's range
-- `metric <= 'cc_ent@' || today` takes it unchanged). Run with yesterday's Shanghai date by the rights job; a day
-- already folded is a no-op (`rights.coverageFoldedThrough`), the date only moves forward, and readers must not ask
-- for a day on or before it (the summary reads today; the fake-clock tests read later days). Deltas still pending
-- stay apart (compact_org_figures folds them into day rows; the next day's fold takes those).

CREATE OR REPLACE FUNCTION rights_case_figures_sql(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    INSERT INTO org_figure_deltas (org_id, metric, delta)
    SELECT a.org_id::integer, m.metric, sum(m.delta)
      FROM (SELECT org_path, extract(year FROM received_on)::int AS y, type, status, outcome,
                   sum(sign) AS n, sum(sign * recovered_fen) AS fen
              FROM (%s) c GROUP BY 1, 2, 3, 4, 5) g
     CROSS JOIN LATERAL (VALUES (g.y::text), ('all')) p(y)
     CROSS JOIN LATERAL (VALUES ('rc:' || p.y, g.n),
                                ('rc_type:' || g.type || ':' || p.y, g.n),
                                ('rc_closed:' || p.y, CASE WHEN g.status = 'closed' THEN g.n ELSE 0 END),
                                ('rc_ok:' || p.y, CASE WHEN g.outcome IN ('success', 'partial') THEN g.n ELSE 0 END),
                                ('rc_out:' || coalesce(g.outcome, '-') || ':' || p.y, CASE WHEN g.outcome IS NOT NULL THEN g.n ELSE 0 END),
                                ('rc_fen:' || p.y, g.fen)) m(metric, delta)
     CROSS JOIN LATERAL unnest(string_to_array(g.org_path::text, '.')) a(org_id)
     WHERE m.delta <> 0
     GROUP BY 1, 2
    HAVING sum(m.delta) <> 0$q$, source)
$f$;
--> statement-breakpoint
SELECT rebuild_rights_figures();
--> statement-breakpoint
SELECT compact_org_figures();
--> statement-breakpoint

CREATE FUNCTION fold_contract_coverage(through date) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  folded bigint;
BEGIN
  -- one fold at a time; a later call for the same day returns at once
  PERFORM pg_advisory_xact_lock(hashtext('fold_contract_coverage'));
  IF coalesce((SELECT (value #>> '{}')::date FROM settings WHERE key = 'rights.coverageFoldedThrough'), date '0001-01-01') >= through THEN
    RETURN 0;
  END IF;
  WITH moved AS (
    DELETE FROM org_figures
     WHERE (metric > 'cc_ent@0000-00-00' AND metric <= 'cc_ent@' || through::text)
        OR (metric > 'cc_emp@0000-00-00' AND metric <= 'cc_emp@' || through::text)
    RETURNING org_id, metric, value),
  summed AS (SELECT org_id, left(metric, 7) || '0000-00-00' AS metric, sum(value) AS value FROM moved GROUP BY 1, 2),
  based AS (
    INSERT INTO org_figures AS f (org_id, metric, value)
    SELECT org_id, metric, value FROM summed
    ON CONFLICT (org_id, metric) DO UPDATE SET value = f.value + excluded.value
    RETURNING 1)
  SELECT count(*) INTO folded FROM moved;
  INSERT INTO settings (key, value) VALUES ('rights.coverageFoldedThrough', to_jsonb(through::text))
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now();
  RETURN folded;
END;
$$;
