-- theme_by_month: share of postings (one per cluster) dated in each month that are tagged
-- with each theme. The month is date_posted's, or first_seen's when the source gives no date.
CREATE OR REPLACE VIEW theme_by_month AS
SELECT
    p.month,
    t.theme,
    count(*) AS postings,
    count(*) FILTER (WHERE t.tagged) AS tagged,
    count(*) FILTER (WHERE t.tagged) / count(*) AS share
FROM postings_unique AS p
JOIN posting_themes AS t USING (posting_id)
GROUP BY p.month, t.theme;
