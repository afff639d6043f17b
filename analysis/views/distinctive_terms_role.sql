-- distinctive_terms_role: what sets each role's postings apart (see distinctive_terms).
CREATE OR REPLACE VIEW distinctive_terms_role AS
SELECT group_value AS role, rank, term, z, postings
FROM distinctive_terms
WHERE group_kind = 'role';
