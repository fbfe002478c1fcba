-- Coverage figures kept in step with the base tables (see org_figures in src/schema/coverage.ts).
--
-- Every statement that writes enterprises, members or orgs appends, from its transition tables, the change
-- it made to each figure of every organisation on the rows' paths (the ids in an ltree path are the
-- organisation and its ancestors). Rows are summed per path first, so a 10,000-row insert into one union
-- costs one small group, not 10,000 × depth rows. An update that changes no counted column cancels out and
-- appends nothing.

-- The default rule of DOMAIN.md §1: non-public, 双实, ≥ 25 employees, open ≥ 1 year.
INSERT INTO settings (key, value)
VALUES ('coverage.targetRule', '{"ownerships":["private","individual","foreign","hk_mo_tw","mixed"],"dualRealOnly":true,"minEmployees":25,"minYearsOpen":1}')
ON CONFLICT (key) DO NOTHING;
--> statement-breakpoint
-- Mirrors isTargetEnterprise() in @lianxin/contracts (a test keeps the two equal). Opening date unknown:
-- the registration date stands in; neither known: not a target.
CREATE FUNCTION enterprise_is_target(rule jsonb, ownership text, dual_real boolean, employee_count integer,
                                     opened_on date, registered_on date, today date)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(
    rule->'ownerships' ? ownership
    AND (dual_real OR NOT (rule->>'dualRealOnly')::boolean)
    AND employee_count >= (rule->>'minEmployees')::integer
    AND coalesce(opened_on, registered_on) <= today - make_interval(years => (rule->>'minYearsOpen')::integer),
    false)
$$;
--> statement-breakpoint
-- The statement that appends the figure changes of a set of rows, given as SQL producing (sign, …) rows:
-- a trigger passes its transition tables, the rebuild passes the whole table. Returned as text and run by the
-- caller's EXECUTE, because transition tables are visible only inside the trigger function itself.
CREATE FUNCTION enterprise_figures_sql(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    INSERT INTO org_figure_deltas (org_id, metric, delta)
    SELECT a.org_id::integer, m.metric, sum(m.delta)
      FROM (SELECT org_path,
                   sum(sign) AS enterprises,
                   sum(sign) FILTER (WHERE is_target) AS target,
                   sum(sign) FILTER (WHERE is_target AND union_status <> 'none') AS covered_target,
                   sum(sign) FILTER (WHERE union_status <> 'none') AS covered,
                   sum(sign * employee_count) FILTER (WHERE union_status <> 'none') AS employees_covered,
                   sum(sign * employee_count) AS employees
              FROM (%s) c GROUP BY org_path) g
     CROSS JOIN LATERAL (VALUES ('enterprises', g.enterprises), ('target', g.target), ('covered_target', g.covered_target),
                                ('covered', g.covered), ('employees_covered', g.employees_covered),
                                ('employees', g.employees)) m(metric, delta)
     CROSS JOIN LATERAL unnest(string_to_array(g.org_path::text, '.')) a(org_id)
     WHERE m.delta <> 0
     GROUP BY 1, 2
    HAVING sum(m.delta) <> 0$q$, source)
$f$;
--> statement-breakpoint
-- Active members count as "members" and "members:<category>".
CREATE FUNCTION member_figures_sql(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    INSERT INTO org_figure_deltas (org_id, metric, delta)
    SELECT a.org_id::integer, m.metric, sum(g.n)
      FROM (SELECT org_path, category, sum(sign) AS n FROM (%s) c WHERE status = 'active' GROUP BY org_path, category) g
     CROSS JOIN LATERAL (VALUES ('members'), ('members:' || g.category)) m(metric)
     CROSS JOIN LATERAL unnest(string_to_array(g.org_path::text, '.')) a(org_id)
     WHERE g.n <> 0
     GROUP BY 1, 2
    HAVING sum(g.n) <> 0$q$, source)
$f$;
--> statement-breakpoint
-- Organisations count towards their ancestors only ("orgs:regional_federation" of a street = its regional
-- federations); dissolved ones do not count.
CREATE FUNCTION org_figures_sql(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    INSERT INTO org_figure_deltas (org_id, metric, delta)
    SELECT a.org_id::integer, 'orgs:' || g.kind, sum(g.n)
      FROM (SELECT subpath(path, 0, nlevel(path) - 1) AS above, kind, sum(sign) AS n
              FROM (%s) c WHERE status <> 'dissolved' AND nlevel(path) > 1 GROUP BY 1, 2) g
     CROSS JOIN LATERAL unnest(string_to_array(g.above::text, '.')) a(org_id)
     WHERE g.n <> 0
     GROUP BY 1, 2
    HAVING sum(g.n) <> 0$q$, source)
$f$;
--> statement-breakpoint
-- -1 for the rows a statement removed or replaced, +1 for the rows it added or wrote.
CREATE FUNCTION transition_rows_sql(columns text, op text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT CASE op
    WHEN 'INSERT' THEN format('SELECT 1 AS sign, %s FROM new_rows', columns)
    WHEN 'DELETE' THEN format('SELECT -1 AS sign, %s FROM old_rows', columns)
    ELSE format('SELECT -1 AS sign, %1$s FROM old_rows UNION ALL SELECT 1, %1$s FROM new_rows', columns) END
$f$;
--> statement-breakpoint
CREATE FUNCTION enterprises_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE enterprise_figures_sql(transition_rows_sql('org_path, is_target, union_status, employee_count', TG_OP));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION members_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE member_figures_sql(transition_rows_sql('org_path, category, status', TG_OP));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION orgs_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE org_figures_sql(transition_rows_sql('path, kind, status', TG_OP));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER enterprises_figures_insert AFTER INSERT ON enterprises REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION enterprises_figures();
--> statement-breakpoint
CREATE TRIGGER enterprises_figures_update AFTER UPDATE ON enterprises REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION enterprises_figures();
--> statement-breakpoint
CREATE TRIGGER enterprises_figures_delete AFTER DELETE ON enterprises REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION enterprises_figures();
--> statement-breakpoint
CREATE TRIGGER members_figures_insert AFTER INSERT ON members REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION members_figures();
--> statement-breakpoint
CREATE TRIGGER members_figures_update AFTER UPDATE ON members REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION members_figures();
--> statement-breakpoint
CREATE TRIGGER members_figures_delete AFTER DELETE ON members REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION members_figures();
--> statement-breakpoint
CREATE TRIGGER orgs_figures_insert AFTER INSERT ON orgs REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION orgs_figures();
--> statement-breakpoint
CREATE TRIGGER orgs_figures_update AFTER UPDATE ON orgs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION orgs_figures();
--> statement-breakpoint
CREATE TRIGGER orgs_figures_delete AFTER DELETE ON orgs REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION orgs_figures();
--> statement-breakpoint
-- Folds the pending deltas into org_figures. Deltas of transactions still open are invisible to the DELETE
-- and stay for the next run; two runs at once cannot fold a delta twice (the second skips deleted rows).
CREATE FUNCTION compact_org_figures() RETURNS bigint LANGUAGE sql AS $$
  WITH moved AS (DELETE FROM org_figure_deltas RETURNING org_id, metric, delta),
  summed AS (SELECT org_id, metric, sum(delta) AS delta FROM moved GROUP BY org_id, metric),
  folded AS (
    INSERT INTO org_figures AS f (org_id, metric, value)
    SELECT org_id, metric, delta FROM summed WHERE delta <> 0
    ON CONFLICT (org_id, metric) DO UPDATE SET value = f.value + excluded.value
    RETURNING 1)
  SELECT count(*) FROM moved
$$;
--> statement-breakpoint
-- Counts everything again from the base tables (existing databases at this migration; repair if ever needed).
CREATE FUNCTION rebuild_org_figures() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM org_figure_deltas;
  DELETE FROM org_figures;
  EXECUTE enterprise_figures_sql('SELECT 1 AS sign, org_path, is_target, union_status, employee_count FROM enterprises');
  EXECUTE member_figures_sql('SELECT 1 AS sign, org_path, category, status FROM members');
  EXECUTE org_figures_sql('SELECT 1 AS sign, path, kind, status FROM orgs');
  PERFORM compact_org_figures();
END;
$$;
--> statement-breakpoint
-- Existing databases: evaluate the rule once, then count everything from scratch.
UPDATE enterprises SET is_target = true
WHERE enterprise_is_target(
  (SELECT value FROM settings WHERE key = 'coverage.targetRule'), ownership, dual_real, employee_count, opened_on, registered_on,
  (now() AT TIME ZONE 'Asia/Shanghai')::date);
--> statement-breakpoint
SELECT rebuild_org_figures();
