-- Chart "Topics": the topics of the latest topic run, with how many of the filtered postings
-- have each as their strongest topic and up to three of their titles (highest weight first).
-- Parameters: the report filters. Rows: by topic number.
WITH run AS (
    SELECT max(run_id) AS run_id FROM topic_runs
), strongest AS (
    SELECT pt.posting_id, pt.topic, pt.weight
    FROM posting_topics AS pt JOIN run USING (run_id)
    QUALIFY row_number() OVER (PARTITION BY pt.posting_id ORDER BY pt.weight DESC, pt.topic) = 1
), mine AS (
    SELECT s.topic, s.weight, p.title, p.posting_id
    FROM strongest AS s JOIN report_postings($role, $since, $until, $source, $industry) AS p USING (posting_id)
)
SELECT
    t.run_id,
    t.topic,
    t.label,
    t.top_terms::VARCHAR AS top_terms,
    t.size,
    (SELECT count(*) FROM mine WHERE mine.topic = t.topic) AS postings_in_report,
    t.nearest_theme,
    t.similarity,
    t.emerging,
    (SELECT list(title ORDER BY weight DESC, posting_id)[1:3] FROM mine WHERE mine.topic = t.topic) AS example_titles
FROM topics AS t JOIN run USING (run_id)
ORDER BY t.topic;
