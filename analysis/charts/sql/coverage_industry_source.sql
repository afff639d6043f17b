-- Chart "Coverage": per industry, how the filtered postings got their industry: from the source
-- ('source'), the company map ('company_map') or inference from the text ('inferred').
-- Parameters: the report filters. Rows: largest industry first, then how.
WITH counts AS (
    SELECT industry, coalesce(industry_source, 'unknown') AS industry_source, count(*) AS postings
    FROM report_postings($role, $since, $until, $source, $industry)
    WHERE industry IS NOT NULL
    GROUP BY ALL
)
SELECT
    industry,
    sum(postings) OVER (PARTITION BY industry) AS industry_postings,
    industry_source,
    postings,
    postings / sum(postings) OVER (PARTITION BY industry) AS share
FROM counts
ORDER BY industry_postings DESC, industry, industry_source;
