-- 机制三 rights: the rules drizzle cannot express, and the cockpit figures kept by triggers (like migration 0005).
--
-- Figures go to org_figure_deltas for the organisation and every ancestor on the row's path (the ids of the ltree),
-- signed -1 for old rows and +1 for new ones, summed per path first, appended never updated. Metric names:
--   rc:<year>, rc_closed:<year>, rc_ok:<year> (success or partial), rc_fen:<year> (fen recovered),
--   rc_type:<type>:<year>, rc_out:<outcome>:<year>   — cases by the year they were received;
--   rw_open:<level>                                  — open warnings;
--   cc_ent@<day>, cc_emp@<day>                       — collective contracts (not vetoed) starting (+) on the day or
--                                                       ending (−) the day after their last day: the contracts in
--                                                       force on day D are the sum of the rows with <day> ≤ D, so
--                                                       expiry needs no job (the reader passes the Shanghai date).

INSERT INTO settings (key, value) VALUES ('rights.groupThreshold', '10'), ('rights.autoWarningCases', '3')
ON CONFLICT (key) DO NOTHING;
--> statement-breakpoint
ALTER TABLE rights_cases ADD CONSTRAINT rights_cases_money_ck CHECK (claim_fen >= 0 AND recovered_fen >= 0);
--> statement-breakpoint
ALTER TABLE rights_cases ADD CONSTRAINT rights_cases_outcome_ck
  CHECK ((status = 'closed') = (outcome IS NOT NULL) AND (status = 'closed') = (closed_on IS NOT NULL)
         AND (recovered_fen = 0 OR outcome IN ('success', 'partial')));
--> statement-breakpoint
ALTER TABLE rights_cases ADD CONSTRAINT rights_cases_workers_ck CHECK (worker_count >= 1);
--> statement-breakpoint
ALTER TABLE bargaining_rounds ADD CONSTRAINT bargaining_rounds_no_ck CHECK (round_no BETWEEN 1 AND 5);
--> statement-breakpoint
ALTER TABLE bargaining_contracts ADD CONSTRAINT bargaining_contracts_term_ck
  CHECK (valid_to > valid_from AND minimum_wage_fen >= 0 AND covered_employees >= 0);
--> statement-breakpoint
CREATE FUNCTION rights_case_figures_sql(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    INSERT INTO org_figure_deltas (org_id, metric, delta)
    SELECT a.org_id::integer, m.metric, sum(m.delta)
      FROM (SELECT org_path, extract(year FROM received_on)::int AS y, type, status, outcome,
                   sum(sign) AS n, sum(sign * recovered_fen) AS fen
              FROM (%s) c GROUP BY 1, 2, 3, 4, 5) g
     CROSS JOIN LATERAL (VALUES ('rc:' || g.y, g.n),
                                ('rc_type:' || g.type || ':' || g.y, g.n),
                                ('rc_closed:' || g.y, CASE WHEN g.status = 'closed' THEN g.n ELSE 0 END),
                                ('rc_ok:' || g.y, CASE WHEN g.outcome IN ('success', 'partial') THEN g.n ELSE 0 END),
                                ('rc_out:' || coalesce(g.outcome, '-') || ':' || g.y, CASE WHEN g.outcome IS NOT NULL THEN g.n ELSE 0 END),
                                ('rc_fen:' || g.y, g.fen)) m(metric, delta)
     CROSS JOIN LATERAL unnest(string_to_array(g.org_path::text, '.')) a(org_id)
     WHERE m.delta <> 0
     GROUP BY 1, 2
    HAVING sum(m.delta) <> 0$q$, source)
$f$;
--> statement-breakpoint
CREATE FUNCTION rights_warning_figures_sql(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    INSERT INTO org_figure_deltas (org_id, metric, delta)
    SELECT a.org_id::integer, 'rw_open:' || g.level, sum(g.n)
      FROM (SELECT org_path, level, sum(sign) AS n FROM (%s) c WHERE status = 'open' GROUP BY 1, 2) g
     CROSS JOIN LATERAL unnest(string_to_array(g.org_path::text, '.')) a(org_id)
     WHERE g.n <> 0
     GROUP BY 1, 2
    HAVING sum(g.n) <> 0$q$, source)
$f$;
--> statement-breakpoint
CREATE FUNCTION bargaining_contract_figures_sql(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    INSERT INTO org_figure_deltas (org_id, metric, delta)
    SELECT a.org_id::integer, m.metric, sum(m.delta)
      FROM (SELECT org_path, valid_from, valid_to, sum(sign) AS n, sum(sign * covered_employees) AS emp
              FROM (%s) c WHERE kind = 'collective' AND status <> 'vetoed' GROUP BY 1, 2, 3) g
     CROSS JOIN LATERAL (VALUES ('cc_ent@' || g.valid_from::text, g.n), ('cc_emp@' || g.valid_from::text, g.emp),
                                ('cc_ent@' || (g.valid_to + 1)::text, -g.n), ('cc_emp@' || (g.valid_to + 1)::text, -g.emp)) m(metric, delta)
     CROSS JOIN LATERAL unnest(string_to_array(g.org_path::text, '.')) a(org_id)
     WHERE m.delta <> 0
     GROUP BY 1, 2
    HAVING sum(m.delta) <> 0$q$, source)
$f$;
--> statement-breakpoint
CREATE FUNCTION rights_cases_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE rights_case_figures_sql(transition_rows_sql('org_path, received_on, type, status, outcome, recovered_fen', TG_OP));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION rights_warnings_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE rights_warning_figures_sql(transition_rows_sql('org_path, level, status', TG_OP));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION bargaining_contracts_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE bargaining_contract_figures_sql(transition_rows_sql('org_path, kind, status, valid_from, valid_to, covered_employees', TG_OP));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER rights_cases_figures_insert AFTER INSERT ON rights_cases REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rights_cases_figures();
--> statement-breakpoint
CREATE TRIGGER rights_cases_figures_update AFTER UPDATE ON rights_cases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rights_cases_figures();
--> statement-breakpoint
CREATE TRIGGER rights_cases_figures_delete AFTER DELETE ON rights_cases REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rights_cases_figures();
--> statement-breakpoint
CREATE TRIGGER rights_warnings_figures_insert AFTER INSERT ON rights_warnings REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rights_warnings_figures();
--> statement-breakpoint
CREATE TRIGGER rights_warnings_figures_update AFTER UPDATE ON rights_warnings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rights_warnings_figures();
--> statement-breakpoint
CREATE TRIGGER rights_warnings_figures_delete AFTER DELETE ON rights_warnings REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rights_warnings_figures();
--> statement-breakpoint
CREATE TRIGGER bargaining_contracts_figures_insert AFTER INSERT ON bargaining_contracts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bargaining_contracts_figures();
--> statement-breakpoint
CREATE TRIGGER bargaining_contracts_figures_update AFTER UPDATE ON bargaining_contracts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bargaining_contracts_figures();
--> statement-breakpoint
CREATE TRIGGER bargaining_contracts_figures_delete AFTER DELETE ON bargaining_contracts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bargaining_contracts_figures();
--> statement-breakpoint
-- Repair / first count of this module's figures from the base tables (rebuild_org_figures of 0005 does not know them).
CREATE FUNCTION rebuild_rights_figures() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM org_figure_deltas WHERE metric LIKE 'rc%' OR metric LIKE 'rw\_%' OR metric LIKE 'cc\_%';
  DELETE FROM org_figures WHERE metric LIKE 'rc%' OR metric LIKE 'rw\_%' OR metric LIKE 'cc\_%';
  EXECUTE rights_case_figures_sql('SELECT 1 AS sign, org_path, received_on, type, status, outcome, recovered_fen FROM rights_cases');
  EXECUTE rights_warning_figures_sql('SELECT 1 AS sign, org_path, level, status FROM rights_warnings');
  EXECUTE bargaining_contract_figures_sql('SELECT 1 AS sign, org_path, kind, status, valid_from, valid_to, covered_employees FROM bargaining_contracts');
END;
$$;
