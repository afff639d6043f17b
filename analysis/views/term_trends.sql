-- term_trends: monthly share of postings mentioning a term or skill, with trends.
CREATE OR REPLACE VIEW term_trends AS
SELECT month, kind, term, postings, share, share_3m, yoy_change
FROM store.term_trends;
