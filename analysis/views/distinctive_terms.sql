-- distinctive_terms: terms over-represented in one industry or role against the rest.
CREATE OR REPLACE VIEW distinctive_terms AS
SELECT group_kind, group_value, term, z, postings
FROM store.distinctive_terms;
