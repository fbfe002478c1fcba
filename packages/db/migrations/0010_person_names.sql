-- Names stored before normalisation (contracts normalizePersonName): every middle-dot variant (• ・ . ． ‧ ∙ ⋅ ･ ꞏ),
-- with any spaces round it, becomes · (U+00B7, as on ID cards), and invisible characters (zero-width spaces and
-- joiners, direction marks, word joiners, BOM, soft hyphen) go, so the member search finds every written form.
UPDATE members
   SET name = regexp_replace(regexp_replace(name, '[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]', '', 'g'),
                             '\s*[\u00b7\u2022\u30fb\u2027\u2219\u22c5\ua78f\u0387\uff65\uff0e.]\s*', '·', 'g')
 WHERE name ~ '[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\u2022\u30fb\u2027\u2219\u22c5\ua78f\u0387\uff65\uff0e.]|\s\u00b7|\u00b7\s';
--> statement-breakpoint
UPDATE applications
   SET name = regexp_replace(regexp_replace(name, '[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]', '', 'g'),
                             '\s*[\u00b7\u2022\u30fb\u2027\u2219\u22c5\ua78f\u0387\uff65\uff0e.]\s*', '·', 'g')
 WHERE name ~ '[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\u2022\u30fb\u2027\u2219\u22c5\ua78f\u0387\uff65\uff0e.]|\s\u00b7|\u00b7\s';
