-- Chart "Top skills": the $top skills named by most of the filtered postings, with the share of
-- those postings naming each. Parameters: the report filters, $top.
-- Rows: most postings first, then by skill name.
WITH chosen AS (
    SELECT posting_id FROM report_postings($role, $since, $until, $source, $industry)
), total AS (
    SELECT count(*) AS n FROM chosen
)
SELECT
    s.skill,
    min(s.category) AS category,
    count(DISTINCT s.posting_id) AS postings,
    (SELECT n FROM total) AS all_postings,
    count(DISTINCT s.posting_id) / (SELECT n FROM total) AS share
FROM posting_skills AS s
JOIN chosen USING (posting_id)
GROUP BY s.skill
ORDER BY postings DESC, s.skill
LIMIT $top;
