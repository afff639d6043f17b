-- rejects: items and rows that were refused, with the reason and what was refused.
CREATE OR REPLACE VIEW rejects AS
SELECT run_id, source, url, reason, "at", payload
FROM store.rejects;
