-- How many of the filtered postings state a salary, and how many of those could be made yearly.
-- Parameters: the report filters.
SELECT
    count(*) AS postings,
    count(*) FILTER (WHERE coalesce(salary_min, salary_max) IS NOT NULL) AS with_salary,
    count(*) FILTER (WHERE coalesce(salary_min, salary_max) IS NOT NULL AND salary_currency IS NOT NULL
        AND lower(salary_period) IN ('year', 'month', 'week', 'day', 'hour')) AS yearly_known
FROM report_postings($role, $since, $until, $source, $industry);
