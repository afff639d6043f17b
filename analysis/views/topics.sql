-- topics: the topics of each topic run, with top terms and the nearest theme.
CREATE OR REPLACE VIEW topics AS
SELECT run_id, topic, label, top_terms, size, nearest_theme, similarity, emerging
FROM store.topics;
