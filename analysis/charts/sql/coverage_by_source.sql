-- Chart "Coverage": copies per source and month of the jobs the filters select (a job found on
-- two sources counts for each), so a reader sees which sources the numbers rest on.
-- Parameters: the report filters. Rows: by month, then source.
SELECT c.month, c.source_kind, c.source, count(*) AS postings
FROM postings AS c
WHERE c.cluster_id IN (SELECT cluster_id FROM report_postings($role, $since, $until, $source, $industry))
GROUP BY ALL
ORDER BY c.month, c.source_kind, c.source;
