-- Integrity rules of the workers' congress and its votes that Drizzle cannot express (see src/schema/congress.ts).
-- Errors use SQLSTATE 55000 (object_not_in_prerequisite_state; the API answers 409), and 42501 for a voter off
-- the entitled snapshot (the API answers 404).

-- Votes move forward only (created → started → finished → published); once started, the definition is fixed.
CREATE OR REPLACE FUNCTION votes_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.state <> 'created' THEN RAISE EXCEPTION 'vote % has started: it cannot be deleted', OLD.id USING ERRCODE = '55000'; END IF;
    RETURN OLD;
  END IF;
  IF array_position(ARRAY['created','started','finished','published'], NEW.state)
     < array_position(ARRAY['created','started','finished','published'], OLD.state) THEN
    RAISE EXCEPTION 'vote % cannot go back from % to %', OLD.id, OLD.state, NEW.state USING ERRCODE = '55000';
  END IF;
  IF OLD.state <> 'created' AND (NEW.method, NEW.title, NEW.cap, NEW.seats, NEW.secret, NEW.pass_rule, NEW.org_id, NEW.session_id, NEW.proposal_id)
       IS DISTINCT FROM (OLD.method, OLD.title, OLD.cap, OLD.seats, OLD.secret, OLD.pass_rule, OLD.org_id, OLD.session_id, OLD.proposal_id) THEN
    RAISE EXCEPTION 'vote % has started: its definition cannot change', OLD.id USING ERRCODE = '55000';
  END IF;
  IF OLD.state <> 'created' AND NEW.entitled IS DISTINCT FROM OLD.entitled THEN
    RAISE EXCEPTION 'vote %: the entitled voters are fixed at start', OLD.id USING ERRCODE = '55000';
  END IF;
  IF OLD.state IN ('finished', 'published') AND (NEW.result, NEW.chain_head) IS DISTINCT FROM (OLD.result, OLD.chain_head) THEN
    RAISE EXCEPTION 'vote %: the result is computed once, at finish', OLD.id USING ERRCODE = '55000';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS votes_guard ON votes;
--> statement-breakpoint
CREATE TRIGGER votes_guard BEFORE UPDATE OR DELETE ON votes FOR EACH ROW EXECUTE FUNCTION votes_guard();
--> statement-breakpoint
-- Options and the entitled voters change only while the vote is 'created' (the snapshot is written at start,
-- before the state moves on, in the same transaction).
CREATE OR REPLACE FUNCTION vote_definition_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_state text;
BEGIN
  SELECT state INTO v_state FROM votes WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.vote_id ELSE NEW.vote_id END;
  IF v_state IS DISTINCT FROM 'created' OR (TG_OP = 'UPDATE' AND NEW.vote_id <> OLD.vote_id) THEN
    RAISE EXCEPTION 'vote has started: % cannot change', TG_TABLE_NAME USING ERRCODE = '55000';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS vote_options_guard ON vote_options;
--> statement-breakpoint
CREATE TRIGGER vote_options_guard BEFORE INSERT OR UPDATE OR DELETE ON vote_options FOR EACH ROW EXECUTE FUNCTION vote_definition_guard();
--> statement-breakpoint
DROP TRIGGER IF EXISTS vote_voters_guard ON vote_voters;
--> statement-breakpoint
CREATE TRIGGER vote_voters_guard BEFORE UPDATE OR DELETE ON vote_voters FOR EACH ROW EXECUTE FUNCTION vote_definition_guard();
--> statement-breakpoint
-- The snapshot can be 200,000 rows: checked once per statement from its transition table, not per row.
CREATE OR REPLACE FUNCTION vote_voters_insert_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM (SELECT DISTINCT vote_id FROM new_rows) n JOIN votes v ON v.id = n.vote_id WHERE v.state <> 'created') THEN
    RAISE EXCEPTION 'vote has started: its voters cannot change' USING ERRCODE = '55000';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS vote_voters_insert_guard ON vote_voters;
--> statement-breakpoint
CREATE TRIGGER vote_voters_insert_guard AFTER INSERT ON vote_voters REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION vote_voters_insert_guard();
--> statement-breakpoint
-- Ballots and has-voted records: written only while the vote is started, never changed or removed. The share
-- lock on the vote row makes finish (which locks it for update) wait for ballots in flight, so no ballot
-- lands after the result was computed.
CREATE OR REPLACE FUNCTION vote_cast_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_state text;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '55000';
  END IF;
  SELECT state INTO v_state FROM votes WHERE id = NEW.vote_id FOR SHARE;
  IF v_state IS DISTINCT FROM 'started' THEN
    RAISE EXCEPTION 'vote % is not open for ballots', NEW.vote_id USING ERRCODE = '55000';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS vote_ballots_guard ON vote_ballots;
--> statement-breakpoint
CREATE TRIGGER vote_ballots_guard BEFORE INSERT OR UPDATE OR DELETE ON vote_ballots FOR EACH ROW EXECUTE FUNCTION vote_cast_guard();
--> statement-breakpoint
-- A has-voted record also needs the voter on the vote's entitled snapshot.
CREATE OR REPLACE FUNCTION vote_has_voted_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND NOT EXISTS (SELECT 1 FROM vote_voters WHERE vote_id = NEW.vote_id AND member_id = NEW.member_id) THEN
    RAISE EXCEPTION 'member % is not entitled to vote %', NEW.member_id, NEW.vote_id USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS vote_has_voted_guard ON vote_has_voted;
--> statement-breakpoint
CREATE TRIGGER vote_has_voted_guard BEFORE INSERT OR UPDATE OR DELETE ON vote_has_voted FOR EACH ROW EXECUTE FUNCTION vote_cast_guard();
--> statement-breakpoint
DROP TRIGGER IF EXISTS vote_has_voted_entitled ON vote_has_voted;
--> statement-breakpoint
CREATE TRIGGER vote_has_voted_entitled BEFORE INSERT ON vote_has_voted FOR EACH ROW EXECUTE FUNCTION vote_has_voted_guard();
--> statement-breakpoint
-- A proposal put to a vote is frozen: no change of the row, no seconder added or removed.
CREATE OR REPLACE FUNCTION congress_proposal_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'congress_proposals' THEN
    IF OLD.vote_id IS NOT NULL THEN
      RAISE EXCEPTION 'proposal % has been put to a vote: it cannot change', OLD.id USING ERRCODE = '55000';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF EXISTS (SELECT 1 FROM congress_proposals WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.proposal_id ELSE NEW.proposal_id END
                                                AND vote_id IS NOT NULL) THEN
    RAISE EXCEPTION 'the proposal has been put to a vote: its seconders cannot change' USING ERRCODE = '55000';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS congress_proposals_frozen ON congress_proposals;
--> statement-breakpoint
CREATE TRIGGER congress_proposals_frozen BEFORE UPDATE OR DELETE ON congress_proposals FOR EACH ROW EXECUTE FUNCTION congress_proposal_frozen();
--> statement-breakpoint
DROP TRIGGER IF EXISTS congress_seconders_frozen ON congress_seconders;
--> statement-breakpoint
CREATE TRIGGER congress_seconders_frozen BEFORE INSERT OR UPDATE OR DELETE ON congress_seconders FOR EACH ROW EXECUTE FUNCTION congress_proposal_frozen();
--> statement-breakpoint
-- The seconders a proposal needs (附议人, DOMAIN.md §4: at least 2).
INSERT INTO settings (key, value) VALUES ('congress.minSeconders', '2') ON CONFLICT (key) DO NOTHING;
