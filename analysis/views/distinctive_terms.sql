-- distinctive_terms: terms over-represented in one industry or role against the rest
-- (weighted log-odds z-score with an informative Dirichlet prior; docs/topics.md), with the
-- term's rank in its group (1 = most distinctive) and the group's postings mentioning it.
CREATE OR REPLACE VIEW distinctive_terms AS
SELECT group_kind, group_value, term, z, postings,
       row_number() OVER (PARTITION BY group_kind, group_value ORDER BY z DESC, term) AS rank
FROM store.distinctive_terms;
