-- Chart "Theme frequency by industry": per industry, the share of the filtered postings
-- (report_postings: one per cluster, tagged) tagged with each theme, with every industry that
-- has fewer than $min_count postings merged into 'other'. The merged shares and intervals are
-- recomputed from the summed counts, never averaged from the small groups' shares.
-- Parameters: the report filters ($role, $since, $until, $source, $industry), $min_count.
-- Rows: largest industry first, 'other' last, then by theme.
WITH base AS (
    SELECT p.industry, t.theme, count(*) AS postings, count(*) FILTER (WHERE t.tagged) AS tagged
    FROM report_postings($role, $since, $until, $source, $industry) AS p
    JOIN posting_themes AS t USING (posting_id)
    WHERE p.industry IS NOT NULL
    GROUP BY p.industry, t.theme
), sizes AS (
    -- every tagged posting has a row per theme, so the largest count is the industry's size
    SELECT industry, max(postings) AS n
    FROM base
    GROUP BY industry
), grouped AS (
    SELECT
        CASE WHEN s.n < $min_count THEN 'other' ELSE b.industry END AS industry,
        b.theme,
        sum(b.postings)::BIGINT AS postings,
        sum(b.tagged)::BIGINT AS tagged,
        bool_or(s.n < $min_count) AS regrouped,
        list_sort(list_distinct(list(b.industry))) AS grouped_from
    FROM base AS b
    JOIN sizes AS s USING (industry)
    GROUP BY 1, 2
), sized AS (
    SELECT *, max(postings) OVER (PARTITION BY industry) AS industry_postings
    FROM grouped
)
SELECT
    $role::VARCHAR AS role,
    industry,
    industry_postings,
    theme,
    postings,
    tagged,
    tagged / postings AS share,
    wilson_low(tagged, postings) AS ci_low,
    wilson_high(tagged, postings) AS ci_high,
    regrouped,
    grouped_from
FROM sized
ORDER BY industry = 'other', industry_postings DESC, industry, theme;
