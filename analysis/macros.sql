-- SQL macros the views and report queries share. Created before the views, kept current
-- with them (jobtrends.store.sync_views), usable from `jobtrends sql` too.

-- wilson_low(k, n) / wilson_high(k, n): the 95% Wilson score interval of k successes in n
-- trials (z = 1.959963984540054), which stays inside [0, 1] and is honest for small n.
CREATE OR REPLACE MACRO wilson_low(k, n) AS
    greatest(0.0, ((k / n) + 1.959963984540054 ^ 2 / (2 * n)
        - 1.959963984540054 * sqrt((k / n) * (1 - k / n) / n + 1.959963984540054 ^ 2 / (4 * n * n)))
        / (1 + 1.959963984540054 ^ 2 / n));

CREATE OR REPLACE MACRO wilson_high(k, n) AS
    least(1.0, ((k / n) + 1.959963984540054 ^ 2 / (2 * n)
        + 1.959963984540054 * sqrt((k / n) * (1 - k / n) / n + 1.959963984540054 ^ 2 / (4 * n * n)))
        / (1 + 1.959963984540054 ^ 2 / n));
