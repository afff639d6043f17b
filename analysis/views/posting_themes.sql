-- posting_themes: one row per posting and theme: score in [0, 1], tagged yes/no, evidence sentences.
CREATE OR REPLACE VIEW posting_themes AS
SELECT posting_id, theme, score, tagged, evidence
FROM store.theme_tags;
