-- theme_by_industry: share of postings (one per cluster, tagged ones only) in each industry
-- that are tagged with each theme, with a 95% Wilson score interval.
CREATE OR REPLACE VIEW theme_by_industry AS
WITH counts AS (
    SELECT
        p.industry,
        t.theme,
        count(*) AS postings,
        count(*) FILTER (WHERE t.tagged) AS tagged
    FROM postings_unique AS p
    JOIN posting_themes AS t USING (posting_id)
    WHERE p.industry IS NOT NULL
    GROUP BY p.industry, t.theme
), z AS (SELECT 1.959963984540054 AS z)
SELECT
    industry,
    theme,
    postings,
    tagged,
    tagged / postings AS share,
    greatest(0.0, ((tagged / postings) + z * z / (2 * postings)
        - z * sqrt((tagged / postings) * (1 - tagged / postings) / postings + z * z / (4 * postings * postings)))
        / (1 + z * z / postings)) AS ci_low,
    least(1.0, ((tagged / postings) + z * z / (2 * postings)
        + z * sqrt((tagged / postings) * (1 - tagged / postings) / postings + z * z / (4 * postings * postings)))
        / (1 + z * z / postings)) AS ci_high
FROM counts, z;
