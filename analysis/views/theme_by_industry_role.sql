-- theme_by_industry_role: theme_by_industry split by role: for each role and industry, the
-- share of postings (one per cluster, tagged ones only) tagged with each theme, with a 95%
-- Wilson score interval. Reports regroup small industries from `postings` and `tagged`.
CREATE OR REPLACE VIEW theme_by_industry_role AS
WITH counts AS (
    SELECT
        p.role,
        p.industry,
        t.theme,
        count(*) AS postings,
        count(*) FILTER (WHERE t.tagged) AS tagged
    FROM postings_unique AS p
    JOIN posting_themes AS t USING (posting_id)
    WHERE p.industry IS NOT NULL AND p.role IS NOT NULL
    GROUP BY p.role, p.industry, t.theme
)
SELECT
    role,
    industry,
    theme,
    postings,
    tagged,
    tagged / postings AS share,
    wilson_low(tagged, postings) AS ci_low,
    wilson_high(tagged, postings) AS ci_high
FROM counts;
