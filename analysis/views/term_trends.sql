-- term_trends: share of postings (one per cluster) per month mentioning a term of the topic
-- vocabulary (kind 'term') or a skill (kind 'skill'), its 3-month moving average, and the
-- year-on-year change of that average (share points; null without a month a year earlier).
CREATE OR REPLACE VIEW term_trends AS
SELECT month, kind, term, postings, share, share_3m, yoy_change
FROM store.term_trends;
