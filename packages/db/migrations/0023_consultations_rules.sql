-- 恳谈会 (rights_consultations): the step says which days are recorded, and the days follow the steps' order.
ALTER TABLE rights_consultations ADD CONSTRAINT rights_consultations_steps_ck CHECK (
  (participants_on IS NOT NULL) = (step IN ('participants', 'feedback', 'meeting', 'published'))
  AND (feedback_on IS NOT NULL) = (step IN ('feedback', 'meeting', 'published'))
  AND (held_on IS NOT NULL) = (step IN ('meeting', 'published'))
  AND (published_on IS NOT NULL) = (step = 'published'));
--> statement-breakpoint
ALTER TABLE rights_consultations ADD CONSTRAINT rights_consultations_days_ck CHECK (
  participants_on >= collected_on AND feedback_on >= participants_on AND held_on >= feedback_on AND published_on >= held_on);
--> statement-breakpoint
INSERT INTO settings (key, value) VALUES ('rights.consultationDueMonth', '10') ON CONFLICT (key) DO NOTHING;
