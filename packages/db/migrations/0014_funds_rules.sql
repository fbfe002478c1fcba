-- Union funds: the rules of the custody ledger that the database itself keeps (see src/schema/funds.ts).
-- Error codes raised here: LF001 posting into a closed month, LF002 an entry that does not balance,
-- LF003 a change to the append-only journal. Runs once after the generated migration `funds`.

-- The chart of accounts (《工会会计制度》, 2010 edition codes; 135 and 241 are the platform's own; the 2021
-- edition's codes were not verified). Mirrors fundAccountCodes / fundAccountLabels in @lianxin/contracts.
INSERT INTO fund_accounts (code, class, name) VALUES
  ('102', 'asset', '银行存款'),
  ('135', 'asset', '应收拨缴经费'),
  ('221', 'liability', '应付上级经费'),
  ('222', 'liability', '应付下级经费'),
  ('231', 'liability', '代管经费'),
  ('241', 'liability', '待分配拨缴经费'),
  ('331', 'net_assets', '结余'),
  ('402', 'income', '拨缴经费收入'),
  ('40301', 'income', '上级补助收入—回拨补助'),
  ('501', 'expense', '职工活动支出'),
  ('506', 'expense', '补助下级支出')
ON CONFLICT (code) DO NOTHING;
--> statement-breakpoint
-- The first settings: 2 % (工会法), 建会筹备金 at 2 %, 60 % to the grassroots, the upper 40 % shared city 50 % /
-- district 30 % / street 20 %, 先收后返 returning 80 % (宝山), an average monthly wage of 12,183 yuan for estimates.
INSERT INTO fund_settings (valid_from, rate_bp, preparatory_rate_bp, grassroots_bp, city_bp, district_bp, street_bp, return_bp, average_wage_fen)
VALUES ('2000-01-01', 200, 200, 6000, 5000, 3000, 2000, 8000, 1218300)
ON CONFLICT (valid_from) DO NOTHING;
--> statement-breakpoint
-- A closed month refuses new entries.
CREATE OR REPLACE FUNCTION journal_entries_open_period() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM ledger_periods WHERE period = NEW.period AND status = 'closed') THEN
    RAISE EXCEPTION 'ledger month % is closed', NEW.period USING ERRCODE = 'LF001';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER journal_entries_open_period BEFORE INSERT ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION journal_entries_open_period();
--> statement-breakpoint
-- Entries and lines are never changed or deleted: corrections are reversing entries. The one change allowed is a
-- move rewriting a line's org_path (the path registry's live column); every other column must stay as it was.
CREATE OR REPLACE FUNCTION journal_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- nested, not ANDed: PL/pgSQL may evaluate every operand, and journal_entries has no entry_id
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'journal_lines' THEN
    IF (NEW.id, NEW.entry_id, NEW.org_id, NEW.account_code, NEW.debit_fen, NEW.credit_fen, NEW.counterparty_org_id, NEW.enterprise_id)
       IS NOT DISTINCT FROM
       (OLD.id, OLD.entry_id, OLD.org_id, OLD.account_code, OLD.debit_fen, OLD.credit_fen, OLD.counterparty_org_id, OLD.enterprise_id) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'the journal is append-only (%, %): post a reversing entry', TG_TABLE_NAME, TG_OP USING ERRCODE = 'LF003';
END $$;
--> statement-breakpoint
CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION journal_append_only();
--> statement-breakpoint
CREATE TRIGGER journal_lines_append_only BEFORE UPDATE OR DELETE ON journal_lines
  FOR EACH ROW EXECUTE FUNCTION journal_append_only();
--> statement-breakpoint
-- Every entry balances for every union it touches (so the books of any union, and of any subtree, balance),
-- checked at commit: the lines of one entry may arrive in several statements.
-- Counted, not EXISTS(… GROUP BY … HAVING): inside the trigger the EXISTS form got a plan scanning the whole
-- journal for every line (quadratic: 5 s for 3,000 lines on PGlite); this form uses the entry index.
CREATE OR REPLACE FUNCTION journal_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  unbalanced integer;
BEGIN
  SELECT count(*) INTO unbalanced
    FROM (SELECT org_id FROM journal_lines WHERE entry_id = NEW.entry_id
           GROUP BY org_id HAVING sum(debit_fen) <> sum(credit_fen)) AS u;
  IF unbalanced > 0 THEN
    RAISE EXCEPTION 'journal entry % does not balance', NEW.entry_id USING ERRCODE = 'LF002';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER journal_lines_balanced AFTER INSERT ON journal_lines
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_balanced();
--> statement-breakpoint
-- Movements per union, account and month, summed per statement from the transition table; a line in a closed
-- month is refused here too (lines added later to an entry of a month closed since).
CREATE OR REPLACE FUNCTION journal_lines_balances() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows n JOIN journal_entries e ON e.id = n.entry_id
               JOIN ledger_periods p ON p.period = e.period AND p.status = 'closed') THEN
    RAISE EXCEPTION 'ledger month is closed' USING ERRCODE = 'LF001';
  END IF;
  INSERT INTO ledger_balances AS b (org_id, account_code, period, org_path, debit_fen, credit_fen)
  SELECT n.org_id, n.account_code, e.period, (array_agg(n.org_path))[1], sum(n.debit_fen), sum(n.credit_fen)
    FROM new_rows n JOIN journal_entries e ON e.id = n.entry_id
   GROUP BY n.org_id, n.account_code, e.period
  ON CONFLICT (org_id, account_code, period)
  DO UPDATE SET debit_fen = b.debit_fen + excluded.debit_fen, credit_fen = b.credit_fen + excluded.credit_fen;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER journal_lines_balances AFTER INSERT ON journal_lines
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION journal_lines_balances();
