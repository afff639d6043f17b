-- Chart "Seniority and workplace by industry": per industry, the share of the filtered postings
-- at each seniority level and each workplace type (remote, hybrid, onsite, or 'not stated').
-- Industries with fewer than $min_count postings are merged into 'other'.
-- Parameters: the report filters, $min_count. Rows: dimension, largest industry first
-- ('other' last), then value.
WITH chosen AS (
    SELECT industry, coalesce(seniority, 'not stated') AS seniority, coalesce(remote, 'not stated') AS remote
    FROM report_postings($role, $since, $until, $source, $industry)
    WHERE industry IS NOT NULL
), sizes AS (
    SELECT industry, count(*) AS n FROM chosen GROUP BY industry
), grouped AS (
    SELECT CASE WHEN s.n < $min_count THEN 'other' ELSE c.industry END AS industry, c.seniority, c.remote
    FROM chosen AS c JOIN sizes AS s USING (industry)
), long AS (
    SELECT 'seniority' AS dimension, industry, seniority AS value FROM grouped
    UNION ALL
    SELECT 'workplace', industry, remote FROM grouped
), counts AS (
    SELECT dimension, industry, value, count(*) AS postings FROM long GROUP BY ALL
)
SELECT
    dimension,
    industry,
    sum(postings) OVER (PARTITION BY dimension, industry) AS industry_postings,
    value,
    postings,
    postings / sum(postings) OVER (PARTITION BY dimension, industry) AS share
FROM counts
ORDER BY dimension, industry = 'other', industry_postings DESC, industry, value;
