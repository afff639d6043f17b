-- distinctive_terms_industry: what sets each industry's postings apart (see distinctive_terms).
CREATE OR REPLACE VIEW distinctive_terms_industry AS
SELECT group_value AS industry, rank, term, z, postings
FROM distinctive_terms
WHERE group_kind = 'industry';
