-- Report header: what the numbers rest on. Parameter: $role.
-- last_first_seen is over every copy: it dates the newest data in the database.
SELECT
    count(*) AS postings,
    (SELECT count(*) FROM postings) AS copies,
    count(*) FILTER (WHERE tagged_at IS NOT NULL) AS tagged,
    count(*) FILTER (WHERE tagged_at IS NOT NULL AND role = $role) AS role_tagged,
    (SELECT max(first_seen) FROM postings) AS last_first_seen
FROM postings_unique;
