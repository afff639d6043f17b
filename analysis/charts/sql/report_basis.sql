-- Report header: what the numbers rest on. Parameters: the report filters.
-- postings/copies/tagged/last_first_seen are over the whole database (last_first_seen dates
-- its newest data); selected is how many tagged jobs the filters keep.
SELECT
    count(*) AS postings,
    (SELECT count(*) FROM postings) AS copies,
    count(*) FILTER (WHERE tagged_at IS NOT NULL) AS tagged,
    (SELECT count(*) FROM report_postings($role, $since, $until, $source, $industry)) AS selected,
    (SELECT max(first_seen) FROM postings) AS last_first_seen
FROM postings_unique;
