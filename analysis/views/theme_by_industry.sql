-- theme_by_industry: share of postings (one per cluster, tagged ones only) in each industry
-- that are tagged with each theme, with a 95% Wilson score interval: theme_by_industry_role
-- summed over roles (every tagged posting has a role).
CREATE OR REPLACE VIEW theme_by_industry AS
WITH counts AS (
    SELECT industry, theme, sum(postings)::BIGINT AS postings, sum(tagged)::BIGINT AS tagged
    FROM theme_by_industry_role
    GROUP BY industry, theme
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
