-- posting_skills: one row per posting and skill found in it.
CREATE OR REPLACE VIEW posting_skills AS
SELECT posting_id, skill, category
FROM store.skill_tags;
