-- term_movers: rising and falling terms and skills in the latest month with a year-on-year
-- change, ranked by that change; only terms mentioned by at least 10 postings in the three
-- months that make the average. direction: rising | falling.
CREATE OR REPLACE VIEW term_movers AS
WITH latest AS (
    SELECT kind, max(month) AS month FROM store.term_trends WHERE yoy_change IS NOT NULL GROUP BY kind
), recent AS (
    SELECT t.kind, t.term, sum(t.postings) AS postings_3m
    FROM store.term_trends AS t JOIN latest AS l ON t.kind = l.kind
        AND t.month > l.month - INTERVAL 3 MONTH AND t.month <= l.month
    GROUP BY t.kind, t.term
)
SELECT t.month, t.kind, t.term,
       CASE WHEN t.yoy_change > 0 THEN 'rising' ELSE 'falling' END AS direction,
       t.yoy_change, t.share_3m, r.postings_3m,
       row_number() OVER (PARTITION BY t.kind, t.yoy_change > 0 ORDER BY abs(t.yoy_change) DESC, t.term) AS rank
FROM store.term_trends AS t
JOIN latest AS l ON t.kind = l.kind AND t.month = l.month
JOIN recent AS r ON r.kind = t.kind AND r.term = t.term
WHERE t.yoy_change IS NOT NULL AND t.yoy_change <> 0 AND r.postings_3m >= 10;
