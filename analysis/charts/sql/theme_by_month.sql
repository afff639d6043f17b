-- Chart "Theme share by month": per month and theme, the share of the filtered postings tagged
-- with the theme, and a 3-month moving share pooled over the month and the two before it
-- (tagged / postings summed over those calendar months, so a small month weighs less).
-- Parameters: the report filters. Rows: by month, then theme.
WITH base AS (
    SELECT p.month, t.theme, count(*) AS postings, count(*) FILTER (WHERE t.tagged) AS tagged
    FROM report_postings($role, $since, $until, $source, $industry) AS p
    JOIN posting_themes AS t USING (posting_id)
    GROUP BY p.month, t.theme
)
SELECT
    month,
    theme,
    postings,
    tagged,
    tagged / postings AS share,
    sum(postings) OVER w3 AS postings_3m,
    sum(tagged) OVER w3 / sum(postings) OVER w3 AS share_3m
FROM base
WINDOW w3 AS (PARTITION BY theme ORDER BY month RANGE BETWEEN INTERVAL 2 MONTH PRECEDING AND CURRENT ROW)
ORDER BY month, theme;
