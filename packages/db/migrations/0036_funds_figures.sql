-- 机制四 funds: the cockpit's figures (GET /api/funds/summary, issue 13) kept per unit and year in org_figures by
-- statement triggers, as the coverage (0005), rights (0019) and service-request figures are — before, the summary
-- scanned the subtree's enterprises, assessments and receipts once for the unit and once per child (up to 200).
-- Each writing statement appends the change of its rows to org_figure_deltas for every unit on the enterprise's (or
-- the ledger row's) path; a figure is its org_figures row plus its pending deltas; compact_org_figures() folds them.
-- Metrics, in fen, of the unit's whole subtree:
--   fa:<YYYY>    assessed: current assessments (replaced_by_id is null) of the year's months
--   fc:<YYYY>    collected: receipts received in the year
--   fg:<YYYY>    the grassroots parts of those receipts (what 先收后返 returns from)
--   fret:<YYYY>  returned: 40301 (回拨补助) credit − debit of the year's months in ledger_balances
--   farr         arrears: Σ over the enterprises of max(current assessments − receipts, 0), all months to date
-- None changes with time alone: an assessment exists only for a month that has been entered, so arrears move only
-- with a write (an assessment, a receipt, an enterprise changing unit).

CREATE OR REPLACE FUNCTION funds_enterprise_figures_sql(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  -- source: rows (enterprise_id, metric, delta, owed, paid): a change of `delta` to figure `metric` (null: none) and
  -- of the enterprise's all-time owed and paid amounts. The trigger runs AFTER the statement, so the base tables hold
  -- the new totals and the totals before are the new ones minus the change: the arrears delta of each enterprise is
  -- max(owed − paid, 0) now minus the same before.
  SELECT format($q$
    WITH c AS (%s),
    e AS (SELECT enterprise_id, sum(owed) AS owed_d, sum(paid) AS paid_d FROM c GROUP BY 1 HAVING sum(owed) <> 0 OR sum(paid) <> 0),
    t AS (SELECT e.enterprise_id, e.owed_d, e.paid_d,
                 coalesce((SELECT sum(fa.assessment_fen) FROM fund_assessments fa WHERE fa.enterprise_id = e.enterprise_id AND fa.replaced_by_id IS NULL), 0) AS owed,
                 coalesce((SELECT sum(fr.amount_fen) FROM fund_receipts fr WHERE fr.enterprise_id = e.enterprise_id), 0) AS paid
            FROM e),
    d AS (SELECT enterprise_id, metric, sum(delta) AS delta FROM c WHERE metric IS NOT NULL GROUP BY 1, 2
          UNION ALL
          SELECT enterprise_id, 'farr', greatest(owed - paid, 0) - greatest((owed - owed_d) - (paid - paid_d), 0) FROM t)
    INSERT INTO org_figure_deltas (org_id, metric, delta)
    SELECT a.org_id::integer, d.metric, sum(d.delta)
      FROM d JOIN enterprises en ON en.id = d.enterprise_id
     CROSS JOIN LATERAL unnest(string_to_array(en.org_path::text, '.')) a(org_id)
     WHERE d.delta <> 0
     GROUP BY 1, 2
    HAVING sum(d.delta) <> 0$q$, source)
$f$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION funds_lock_sql(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  -- One writer per enterprise from here to commit (the payroll path holds this row lock already): the arrears delta
  -- reads the enterprise's totals, and a concurrent writer's uncommitted rows would be missing from them — max(…, 0)
  -- is not additive, so two receipts at once could otherwise leave the figure off. The statement after this one
  -- takes a fresh snapshot (READ COMMITTED) and sees what the writer before committed. NO KEY: the funds rows'
  -- foreign-key checks (KEY SHARE) do not wait on it.
  SELECT format('SELECT 1 FROM enterprises WHERE id IN (SELECT enterprise_id FROM (%s) c) ORDER BY id FOR NO KEY UPDATE', source)
$f$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION fund_assessments_figures() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  -- only current assessments count: replacing one takes the old out (UPDATE of replaced_by_id) and puts the new in
  source text := format(
    'SELECT enterprise_id, ''fa:'' || left(period, 4) AS metric, sign * assessment_fen AS delta, sign * assessment_fen AS owed, 0::bigint AS paid
       FROM (%s) r WHERE replaced_by_id IS NULL',
    transition_rows_sql('enterprise_id, period, assessment_fen, replaced_by_id', TG_OP));
BEGIN
  -- both statements here, in the trigger's own function: only it sees the transition tables
  EXECUTE funds_lock_sql(source);
  EXECUTE funds_enterprise_figures_sql(source);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION fund_receipts_figures() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  source text := format(
    'SELECT enterprise_id, m.metric, m.delta, 0::bigint AS owed, m.paid
       FROM (%s) r
      CROSS JOIN LATERAL (VALUES (''fc:'' || to_char(received_on, ''YYYY''), sign * amount_fen, sign * amount_fen),
                                 (''fg:'' || to_char(received_on, ''YYYY''), sign * grassroots_fen, 0::bigint)) m(metric, delta, paid)',
    transition_rows_sql('enterprise_id, received_on, amount_fen, grassroots_fen', TG_OP));
BEGIN
  EXECUTE funds_lock_sql(source);
  EXECUTE funds_enterprise_figures_sql(source);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ledger_balances_funds_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- the journal's trigger upserts ledger_balances; a move rewrites its org_path (old path −, new path +)
  EXECUTE format($q$
    INSERT INTO org_figure_deltas (org_id, metric, delta)
    SELECT a.org_id::integer, 'fret:' || left(r.period, 4), sum(r.sign * (r.credit_fen - r.debit_fen))
      FROM (%s) r CROSS JOIN LATERAL unnest(string_to_array(r.org_path::text, '.')) a(org_id)
     WHERE r.account_code = '40301'
     GROUP BY 1, 2
    HAVING sum(r.sign * (r.credit_fen - r.debit_fen)) <> 0$q$,
    transition_rows_sql('org_path, account_code, period, debit_fen, credit_fen', TG_OP));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION enterprises_funds_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- an enterprise changing unit (another responsible union, or a move rewriting paths) takes its funds figures along:
  -- all of them out of the old path's units, into the new path's (the UPDATE holds the enterprise rows, so no funds
  -- writer for them runs meanwhile: see funds_lock_sql)
  WITH moved AS (
    SELECT n.id, o.org_path AS old_path, n.org_path AS new_path FROM new_rows n JOIN old_rows o USING (id) WHERE o.org_path <> n.org_path),
  contrib AS (
    SELECT fa.enterprise_id AS id, 'fa:' || left(fa.period, 4) AS metric, sum(fa.assessment_fen) AS v
      FROM moved m JOIN fund_assessments fa ON fa.enterprise_id = m.id AND fa.replaced_by_id IS NULL GROUP BY 1, 2
    UNION ALL
    SELECT fr.enterprise_id, x.metric, sum(x.v)
      FROM moved m JOIN fund_receipts fr ON fr.enterprise_id = m.id
     CROSS JOIN LATERAL (VALUES ('fc:' || to_char(fr.received_on, 'YYYY'), fr.amount_fen), ('fg:' || to_char(fr.received_on, 'YYYY'), fr.grassroots_fen)) x(metric, v)
     GROUP BY 1, 2
    UNION ALL
    SELECT m.id, 'farr',
           greatest(coalesce((SELECT sum(fa.assessment_fen) FROM fund_assessments fa WHERE fa.enterprise_id = m.id AND fa.replaced_by_id IS NULL), 0)
                    - coalesce((SELECT sum(fr.amount_fen) FROM fund_receipts fr WHERE fr.enterprise_id = m.id), 0), 0)
      FROM moved m),
  d AS (
    SELECT m.old_path AS path, c.metric, -c.v AS delta FROM contrib c JOIN moved m USING (id)
    UNION ALL
    SELECT m.new_path, c.metric, c.v FROM contrib c JOIN moved m USING (id))
  INSERT INTO org_figure_deltas (org_id, metric, delta)
  SELECT a.org_id::integer, d.metric, sum(d.delta)
    FROM d CROSS JOIN LATERAL unnest(string_to_array(d.path::text, '.')) a(org_id)
   GROUP BY 1, 2
  HAVING sum(d.delta) <> 0;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS fund_assessments_figures_insert ON fund_assessments;
--> statement-breakpoint
CREATE TRIGGER fund_assessments_figures_insert AFTER INSERT ON fund_assessments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fund_assessments_figures();
--> statement-breakpoint
DROP TRIGGER IF EXISTS fund_assessments_figures_update ON fund_assessments;
--> statement-breakpoint
CREATE TRIGGER fund_assessments_figures_update AFTER UPDATE ON fund_assessments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fund_assessments_figures();
--> statement-breakpoint
DROP TRIGGER IF EXISTS fund_assessments_figures_delete ON fund_assessments;
--> statement-breakpoint
CREATE TRIGGER fund_assessments_figures_delete AFTER DELETE ON fund_assessments REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fund_assessments_figures();
--> statement-breakpoint
DROP TRIGGER IF EXISTS fund_receipts_figures_insert ON fund_receipts;
--> statement-breakpoint
CREATE TRIGGER fund_receipts_figures_insert AFTER INSERT ON fund_receipts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fund_receipts_figures();
--> statement-breakpoint
DROP TRIGGER IF EXISTS fund_receipts_figures_update ON fund_receipts;
--> statement-breakpoint
CREATE TRIGGER fund_receipts_figures_update AFTER UPDATE ON fund_receipts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fund_receipts_figures();
--> statement-breakpoint
DROP TRIGGER IF EXISTS fund_receipts_figures_delete ON fund_receipts;
--> statement-breakpoint
CREATE TRIGGER fund_receipts_figures_delete AFTER DELETE ON fund_receipts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fund_receipts_figures();
--> statement-breakpoint
DROP TRIGGER IF EXISTS ledger_balances_funds_figures_insert ON ledger_balances;
--> statement-breakpoint
CREATE TRIGGER ledger_balances_funds_figures_insert AFTER INSERT ON ledger_balances REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_balances_funds_figures();
--> statement-breakpoint
DROP TRIGGER IF EXISTS ledger_balances_funds_figures_update ON ledger_balances;
--> statement-breakpoint
CREATE TRIGGER ledger_balances_funds_figures_update AFTER UPDATE ON ledger_balances REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_balances_funds_figures();
--> statement-breakpoint
DROP TRIGGER IF EXISTS ledger_balances_funds_figures_delete ON ledger_balances;
--> statement-breakpoint
CREATE TRIGGER ledger_balances_funds_figures_delete AFTER DELETE ON ledger_balances REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_balances_funds_figures();
--> statement-breakpoint
DROP TRIGGER IF EXISTS enterprises_funds_figures ON enterprises;
--> statement-breakpoint
CREATE TRIGGER enterprises_funds_figures AFTER UPDATE ON enterprises REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION enterprises_funds_figures();
--> statement-breakpoint
-- Counts the figures again from the base tables (this migration on a database holding funds data; tests).
CREATE OR REPLACE FUNCTION rebuild_funds_figures() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM org_figure_deltas WHERE metric LIKE 'fa:%' OR metric LIKE 'fc:%' OR metric LIKE 'fg:%' OR metric LIKE 'fret:%' OR metric = 'farr';
  DELETE FROM org_figures WHERE metric LIKE 'fa:%' OR metric LIKE 'fc:%' OR metric LIKE 'fg:%' OR metric LIKE 'fret:%' OR metric = 'farr';
  -- everything as one change from nothing: the arrears before are max(0 − 0, 0) = 0
  EXECUTE funds_enterprise_figures_sql(
    'SELECT enterprise_id, ''fa:'' || left(period, 4) AS metric, assessment_fen AS delta, assessment_fen AS owed, 0::bigint AS paid
       FROM fund_assessments WHERE replaced_by_id IS NULL
     UNION ALL
     SELECT enterprise_id, m.metric, m.delta, 0::bigint, m.paid
       FROM fund_receipts
      CROSS JOIN LATERAL (VALUES (''fc:'' || to_char(received_on, ''YYYY''), amount_fen, amount_fen),
                                 (''fg:'' || to_char(received_on, ''YYYY''), grassroots_fen, 0::bigint)) m(metric, delta, paid)');
  INSERT INTO org_figure_deltas (org_id, metric, delta)
  SELECT a.org_id::integer, 'fret:' || left(b.period, 4), sum(b.credit_fen - b.debit_fen)
    FROM ledger_balances b CROSS JOIN LATERAL unnest(string_to_array(b.org_path::text, '.')) a(org_id)
   WHERE b.account_code = '40301'
   GROUP BY 1, 2
  HAVING sum(b.credit_fen - b.debit_fen) <> 0;
END;
$$;
--> statement-breakpoint
-- The general repair (0005, 0016) empties org_figures: it recounts the funds figures too.
CREATE OR REPLACE FUNCTION rebuild_org_figures() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM org_figure_deltas;
  DELETE FROM org_figures;
  EXECUTE enterprise_figures_sql('SELECT 1 AS sign, org_path, is_target, union_status, employee_count FROM enterprises');
  EXECUTE member_figures_sql('SELECT 1 AS sign, org_path, category, status FROM members');
  EXECUTE org_figures_sql('SELECT 1 AS sign, path, kind, status FROM orgs');
  EXECUTE service_request_figures_sql('SELECT 1 AS sign, org_path, status, on_time, rating FROM service_requests');
  PERFORM rebuild_rights_figures();
  PERFORM rebuild_funds_figures();
  PERFORM compact_org_figures();
END;
$$;
--> statement-breakpoint
SELECT rebuild_funds_figures();
--> statement-breakpoint
SELECT compact_org_figures();
