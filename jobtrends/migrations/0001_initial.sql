-- 0001 initial: the load layer. Tables live in schema `store`; the public,
-- read-only surface is the views in analysis/views/ (schema `main`).
-- Each table says how it loads: key, merge or append, and who writes it.

CREATE SCHEMA IF NOT EXISTS store;

-- store.meta: key/value facts about the database (view hash, taxonomy versions).
-- Key `key`; merge (upsert). Written by jobtrends.store.
CREATE TABLE store.meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);

-- store.postings: one row per posting per source.
-- Key `posting_id` (hash of source kind, board and the posting's id on it);
-- merge: insert new, update changed (content_hash differs), touch last_seen.
-- Written by crawl/ (store pipeline) and `jobtrends import`.
CREATE TABLE store.postings (
    posting_id        VARCHAR PRIMARY KEY,
    source            VARCHAR NOT NULL,   -- the source's name (config `name`)
    source_kind       VARCHAR NOT NULL,   -- greenhouse | lever | ashby | smartrecruiters | jsonld | hn | import
    source_id         VARCHAR NOT NULL,   -- the posting's id on its board
    cluster_id        VARCHAR,            -- links copies of one job (null: its own cluster)
    url               VARCHAR,
    title             VARCHAR NOT NULL,
    company           VARCHAR,
    location          VARCHAR,
    country           VARCHAR,
    remote            VARCHAR,            -- remote | hybrid | onsite | null
    employment_type   VARCHAR,
    department        VARCHAR,
    date_posted       TIMESTAMP,          -- UTC
    valid_through     TIMESTAMP,          -- UTC
    first_seen        TIMESTAMP NOT NULL, -- UTC, first run that saw it
    last_seen         TIMESTAMP NOT NULL, -- UTC, last run that saw it
    closed_at         TIMESTAMP,          -- set when a complete listing no longer had it
    description       VARCHAR NOT NULL,   -- plain text derived from description_html (or as given)
    description_html  VARCHAR,            -- HTML as the source gave it, unescaped once
    salary_min        DOUBLE,
    salary_max        DOUBLE,
    salary_currency   VARCHAR,
    salary_period     VARCHAR,            -- year | month | week | day | hour
    source_industry   VARCHAR,            -- industry label given by the source or import file
    config_industry   VARCHAR,            -- industry set on the source in jobtrends.toml
    content_hash      VARCHAR NOT NULL,   -- hash of the fields tagging reads; changes trigger re-tagging
    raw               JSON,               -- the payload as received, to re-derive without re-crawling
    extra             JSON                -- unrecognised import columns
);

-- store.crawl_runs: one row per source per crawl (or per import file).
-- Key `run_id` (sequence); append at start, update at finish.
CREATE SEQUENCE store.run_id_seq START 1;
CREATE TABLE store.crawl_runs (
    run_id          BIGINT PRIMARY KEY,
    source          VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL,     -- source kind, or `import`
    started_at      TIMESTAMP NOT NULL,
    finished_at     TIMESTAMP,
    status          VARCHAR NOT NULL,     -- running | ok | partial | failed
    complete        BOOLEAN,              -- the whole listing was read (closing is allowed)
    items_seen      INTEGER DEFAULT 0,
    items_new       INTEGER DEFAULT 0,
    items_updated   INTEGER DEFAULT 0,
    items_closed    INTEGER DEFAULT 0,
    items_rejected  INTEGER DEFAULT 0,
    items_skipped   INTEGER DEFAULT 0,    -- dropped by the relevance (title) filter
    message         VARCHAR
);

-- store.rejects: a malformed item or row, with the reason and the payload.
-- No key; append only. Written by crawl/ and `jobtrends import`.
CREATE TABLE store.rejects (
    run_id   BIGINT,
    source   VARCHAR NOT NULL,
    url      VARCHAR,                     -- URL, or file:line for imports
    reason   VARCHAR NOT NULL,
    "at"     TIMESTAMP NOT NULL,
    payload  VARCHAR                      -- what was rejected, so nothing is lost
);

-- store.themes: the theme taxonomy in force. Key `theme`; replaced whole by `jobtrends tag`.
CREATE TABLE store.themes (
    theme        VARCHAR PRIMARY KEY,
    name         VARCHAR NOT NULL,
    description  VARCHAR
);

-- store.posting_tags: one row per tagged posting (role, seniority, industry).
-- Key `posting_id`; replaced (delete + insert) for each posting `jobtrends tag` processes.
CREATE TABLE store.posting_tags (
    posting_id           VARCHAR NOT NULL,
    role                 VARCHAR,
    seniority            VARCHAR,
    industry             VARCHAR,
    industry_source      VARCHAR,         -- source | company_map | inferred
    industry_confidence  DOUBLE,
    content_hash         VARCHAR NOT NULL, -- store.postings.content_hash it was computed from
    tagger_version       VARCHAR NOT NULL, -- taxonomy/model version; a change re-tags
    tagged_at            TIMESTAMP NOT NULL
);

-- store.theme_tags: one row per posting and theme. Replaced with posting_tags.
CREATE TABLE store.theme_tags (
    posting_id  VARCHAR NOT NULL,
    theme       VARCHAR NOT NULL,
    score       DOUBLE NOT NULL,          -- in [0, 1]
    tagged      BOOLEAN NOT NULL,
    evidence    VARCHAR[]                 -- sentences that carried the decision
);

-- store.skill_tags: one row per posting and skill found. Replaced with posting_tags.
CREATE TABLE store.skill_tags (
    posting_id  VARCHAR NOT NULL,
    skill       VARCHAR NOT NULL,
    category    VARCHAR
);

-- Topic discovery (filled by `jobtrends topics`). Append a run per fit; later runs that reuse
-- the model add postings to it (see 0004_topic_models.sql).
CREATE TABLE store.topic_runs (
    run_id           BIGINT PRIMARY KEY,
    fitted_at        TIMESTAMP NOT NULL,
    n_topics         INTEGER NOT NULL,
    n_postings       INTEGER NOT NULL,
    vocabulary_size  INTEGER NOT NULL,
    params           JSON
);
CREATE TABLE store.topics (
    run_id         BIGINT NOT NULL,
    topic          INTEGER NOT NULL,
    label          VARCHAR,
    top_terms      JSON,                  -- [{"term": ..., "weight": ...}, ...]
    size           INTEGER,
    nearest_theme  VARCHAR,
    similarity     DOUBLE,
    emerging       BOOLEAN
);
CREATE TABLE store.posting_topics (
    run_id      BIGINT NOT NULL,
    posting_id  VARCHAR NOT NULL,
    topic       INTEGER NOT NULL,
    weight      DOUBLE NOT NULL
);
CREATE TABLE store.distinctive_terms (
    group_kind   VARCHAR NOT NULL,        -- industry | role
    group_value  VARCHAR NOT NULL,
    term         VARCHAR NOT NULL,
    z            DOUBLE NOT NULL,
    postings     INTEGER NOT NULL
);
CREATE TABLE store.term_trends (
    month       DATE NOT NULL,
    kind        VARCHAR NOT NULL,         -- term | skill
    term        VARCHAR NOT NULL,
    postings    INTEGER NOT NULL,
    share       DOUBLE,
    share_3m    DOUBLE,
    yoy_change  DOUBLE
);
