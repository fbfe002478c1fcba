-- Bargaining calendar and preparation data: a month is 1–12 (null = every month); the wage guideline's lower line
-- is not above the base line, the base not above the upper line.
ALTER TABLE bargaining_calendar_items ADD CONSTRAINT bargaining_calendar_month_ck CHECK (month BETWEEN 1 AND 12);
--> statement-breakpoint
ALTER TABLE bargaining_preparations ADD CONSTRAINT bargaining_preparations_guideline_ck
  CHECK (guideline_lower_bp <= guideline_base_bp AND guideline_base_bp <= guideline_upper_bp);
