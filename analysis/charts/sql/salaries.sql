-- Chart "Salary ranges": advertised salaries of the filtered postings, made yearly where the
-- period is known (hour x 2080, day x 260, week x 52, month x 12, year x 1; other or missing
-- periods are left out), by theme (postings tagged with it) and by industry, per currency.
-- A posting's salary is the midpoint of its range (or its one bound). Parameters: the report
-- filters. Rows: group kind, currency, most salaries first, then group.
WITH chosen AS (
    SELECT posting_id, industry, salary_currency AS currency,
        CASE lower(salary_period)
            WHEN 'year' THEN 1 WHEN 'month' THEN 12 WHEN 'week' THEN 52 WHEN 'day' THEN 260 WHEN 'hour' THEN 2080
        END AS per_year,
        (coalesce(salary_min, salary_max) + coalesce(salary_max, salary_min)) / 2 AS midpoint
    FROM report_postings($role, $since, $until, $source, $industry)
    WHERE coalesce(salary_min, salary_max) IS NOT NULL AND salary_currency IS NOT NULL
), yearly AS (
    SELECT posting_id, industry, currency, midpoint * per_year AS salary
    FROM chosen WHERE per_year IS NOT NULL
), grouped AS (
    SELECT 'theme' AS group_kind, t.theme AS group_value, y.currency, y.salary
    FROM yearly AS y JOIN posting_themes AS t USING (posting_id) WHERE t.tagged
    UNION ALL
    SELECT 'industry', industry, currency, salary FROM yearly WHERE industry IS NOT NULL
)
SELECT
    group_kind,
    group_value,
    currency,
    count(*) AS known,
    min(salary) AS low,
    quantile_cont(salary, 0.25) AS q1,
    median(salary) AS median,
    quantile_cont(salary, 0.75) AS q3,
    max(salary) AS high
FROM grouped
GROUP BY group_kind, group_value, currency
ORDER BY group_kind DESC, currency, known DESC, group_value;
