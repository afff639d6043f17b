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
)
SELECT
    industry,
    theme,
    postings,
    tagged,
    tagged / postings AS share,
    wilson_low(tagged, postings) AS ci_low,
    wilson_high(tagged, postings) AS ci_high
FROM counts;
