"""Tagging on Spark: `jobtrends tag --engine spark` and the spark-submit entry point.

    spark-submit --master yarn jobtrends/spark_tag.py --input s3a://lake/postings --output s3a://lake
    python -m jobtrends.spark_tag --input lake/postings --output lake          (local[*])

The same functions as `jobtrends tag` (nlp.batch.tag_batch and infer_company_batch) run in
Spark's Python workers over Arrow batches; the spaCy pipeline and taxonomy load once per
worker process. Steps (docs/scale.md):

1. read the postings dataset (the layout `jobtrends export` and `crawl --lake` write), one
   row per posting (the copy seen last, as the lake's readers keep);
2. company pool: per company, its first MAX_ABOUT_TEXTS postings by posting_id; grouped by
   company key, each group's industry inferred once (applyInArrow);
3. that inference joined back to every posting of the company; tag_batch over Arrow batches
   (mapInArrow), the only pass over the texts;
4. the rows split into posting_tags, theme_tags and skill_tags (the store's columns) and
   written as Parquet partitioned by month under OUTPUT/.

The work is map-only except the small company shuffle, so it scales with executors.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from jobtrends.errors import JobtrendsError

TAG_DATASETS = ("posting_tags", "theme_tags", "skill_tags")
POSTING_TAG_COLUMNS = ("posting_id", "role", "seniority", "industry", "industry_source", "industry_confidence",
                       "content_hash", "tagger_version", "tagged_at", "error")


@dataclass
class SparkTagSummary:
    postings: int
    failed: int
    output: str


def require_spark() -> None:
    """A clear error, before anything starts, when pyspark or Java is missing."""
    try:
        import pyspark  # noqa: F401
        import pandas  # noqa: F401  (pyspark's Arrow UDFs import it)
    except ImportError as error:
        raise JobtrendsError(f"--engine spark needs pyspark and pandas ({error.name} is missing): "
                             "pip install 'jobtrends[spark]'") from None
    java_home = os.environ.get("JAVA_HOME")
    if not shutil.which("java") and not (java_home and (Path(java_home) / "bin" / "java").exists()):
        raise JobtrendsError("--engine spark needs Java (17 or later): apt-get install default-jre-headless "
                             "(or `make system-deps`), or set JAVA_HOME")


def local_session(master: str = "local[*]", shuffle_partitions: int = 8):
    """A local Spark session for `jobtrends tag --engine spark`, the benchmark and the tests:
    no UI, few shuffle partitions, workers running this interpreter (so they see the venv)."""
    require_spark()
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    spark = (SparkSession.builder.master(master).appName("jobtrends-tag")
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
             .config("spark.sql.session.timeZone", "UTC")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    return spark


# --- the job ----------------------------------------------------------------------------

def read_postings(spark, path: str):
    """The postings dataset with one row per posting: the copy seen last (crawl snapshots)."""
    from pyspark.sql import Window, functions as F

    from pyspark.errors import AnalysisException

    try:
        frame = spark.read.option("basePath", path).parquet(path)
    except AnalysisException as error:
        raise JobtrendsError(f"cannot read the postings dataset {path}: {error.getMessage()}") from None
    missing = {"posting_id", "title", "description", "content_hash", "month", "last_seen"} - set(frame.columns)
    if missing:
        raise JobtrendsError(f"{path} is not a postings dataset (as `jobtrends export` writes it): "
                             f"no column {', '.join(sorted(missing))}")
    latest = Window.partitionBy("posting_id").orderBy(F.col("last_seen").desc(), F.col("content_hash"))
    return frame.withColumn("_n", F.row_number().over(latest)).where("_n = 1").drop("_n")


def company_industries(postings):
    """company_key -> the industry pooled over the company's first postings (one group each)."""
    from pyspark.sql import Window, functions as F

    from nlp.batch import COMPANY_SCHEMA, company_key_of, infer_company_batch, one_batch
    from nlp.tagger import MAX_ABOUT_TEXTS

    first = Window.partitionBy("company").orderBy("posting_id")
    key = F.udf(company_key_of, "string", useArrow=True)
    pool = (postings.where(F.col("company").isNotNull())
            .withColumn("_n", F.row_number().over(first)).where(F.col("_n") <= MAX_ABOUT_TEXTS)
            .withColumn("company_key", key("company", "posting_id"))
            .select("company_key", "company", "posting_id", "description", *_html_column(postings)))

    def infer(table):
        rows = table.sort_by([("company", "ascending"), ("posting_id", "ascending")])
        return infer_company_batch(one_batch(rows.drop_columns(["company_key", "posting_id"])))

    return pool.groupBy("company_key").applyInArrow(lambda t: _as_table(infer(t)), _spark_schema(COMPANY_SCHEMA))


def tag_rows(postings, companies):
    """The postings with their company's inference, through tag_batch: one TAG_SCHEMA row each,
    plus the posting's content_hash and month (carried through the batch: no join back)."""
    import pyarrow as pa
    from pyspark.sql import functions as F

    from nlp.batch import INPUT_COLUMNS, TAG_SCHEMA, company_key_of, tag_batch

    key = F.udf(company_key_of, "string", useArrow=True)
    inferred = companies.select("company_key", F.col("industry").alias("company_industry"),
                                F.col("industry_confidence").alias("company_industry_confidence"))
    carried = ("content_hash", "month")
    wanted = [*INPUT_COLUMNS, *_html_column(postings), "company_industry", "company_industry_confidence", *carried]
    joined = (postings.withColumn("company_key", key("company", "posting_id"))
              .join(inferred, "company_key", "left").select(*wanted))
    schema = TAG_SCHEMA.append(pa.field("content_hash", pa.string())).append(pa.field("month", pa.date32()))

    def each(batches):
        for batch in batches:
            tags = tag_batch(batch)  # one row per input row, in input order
            yield pa.RecordBatch.from_arrays([*tags.columns, *(batch.column(c) for c in carried)], schema=schema)

    return joined.mapInArrow(each, _spark_schema(schema))


def tag_postings(spark, input_path: str, output: str) -> SparkTagSummary:
    """Tag the postings dataset at input_path; write OUTPUT/posting_tags, theme_tags, skill_tags."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from jobtrends.store import utcnow

    postings = read_postings(spark, input_path)
    rows = (tag_rows(postings, company_industries(postings))
            .withColumn("tagged_at", F.lit(utcnow()).cast("timestamp_ntz"))
            .persist(StorageLevel.MEMORY_AND_DISK))  # three writes below, one tagging pass
    try:
        total = rows.count()
        failed = rows.where(F.col("error").isNotNull()).count()
        theme = F.explode("themes").alias("t")
        skill = F.explode("skills").alias("s")
        outputs = {
            "posting_tags": rows.select(*POSTING_TAG_COLUMNS, "month"),
            "theme_tags": rows.select("posting_id", "month", theme).select(
                "posting_id", "t.theme", "t.score", "t.tagged", "t.evidence", "month"),
            "skill_tags": rows.select("posting_id", "month", skill).select(
                "posting_id", "s.skill", "s.category", "month"),
        }
        for name, frame in outputs.items():
            (frame.sortWithinPartitions("posting_id").write.mode("overwrite").partitionBy("month")
             .parquet(f"{output.rstrip('/')}/{name}"))
    finally:
        rows.unpersist()
    return SparkTagSummary(postings=total, failed=failed, output=output)


# --- Arrow helpers ------------------------------------------------------------------------

def _html_column(frame) -> list[str]:
    return ["description_html"] if "description_html" in frame.columns else []


def _as_table(batch):
    import pyarrow as pa

    return pa.Table.from_batches([batch])


def _spark_schema(arrow_schema):
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(arrow_schema)


# --- spark-submit -----------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="jobtrends.spark_tag", description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", required=True, help="the postings dataset (e.g. LAKE/postings)")
    parser.add_argument("--output", required=True, help="folder for posting_tags/, theme_tags/, skill_tags/")
    parser.add_argument("--master", help="Spark master when not started by spark-submit [default: local[*]]")
    args = parser.parse_args(argv)
    if "PYSPARK_GATEWAY_PORT" in os.environ and args.master is None:
        # Started by spark-submit: the cluster's master and Python come from its configuration.
        from pyspark.sql import SparkSession

        spark = SparkSession.builder.appName("jobtrends-tag").getOrCreate()
    else:
        spark = local_session(args.master or "local[*]")
    try:
        summary = tag_postings(spark, args.input, args.output)
    finally:
        spark.stop()
    print(f"tagged {summary.postings} postings ({summary.failed} failed) -> {summary.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
