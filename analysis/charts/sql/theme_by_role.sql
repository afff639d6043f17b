-- Chart "Theme profile by role": per role in $roles and theme, the share of the filtered
-- postings (all filters but the role: this chart compares roles) tagged with the theme,
-- with a 95% Wilson interval. Parameters: $since, $until, $source, $industry, $roles.
-- Rows: roles in the order of $roles, then theme.
WITH base AS (
    SELECT p.role, t.theme, count(*) AS postings, count(*) FILTER (WHERE t.tagged) AS tagged
    FROM report_postings(NULL, $since, $until, $source, $industry) AS p
    JOIN posting_themes AS t USING (posting_id)
    WHERE list_contains($roles, p.role)
    GROUP BY p.role, t.theme
)
SELECT
    role,
    theme,
    postings,
    tagged,
    tagged / postings AS share,
    wilson_low(tagged, postings) AS ci_low,
    wilson_high(tagged, postings) AS ci_high
FROM base
ORDER BY list_position($roles, role), theme;
