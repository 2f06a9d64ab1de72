"""Recipe: audit sent replies with PySpark, `mapInPandas` on a local
session (`local[2]`; needs Java 17 or later).

    python spark_audit.py --rows 5000
"""

import argparse
import os
import sys
import time

from pyspark.sql import SparkSession

from _replies import audit_frame, same_findings, sent_replies

SCHEMA = ("id string, channel string, rule string, severity string, message string, "
          "line long, column long, start_char long, end_char long, excerpt string")


def audit_batches(batches):
    # Each Spark task runs on one core: one thread per call.
    for batch in batches:
        yield audit_frame(batch, threads=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=5000)
    ap.add_argument("--cores", type=int, default=2)
    args = ap.parse_args()
    df = sent_replies(args.rows)

    # The workers run this Python, where replylint is installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (SparkSession.builder.master(f"local[{args.cores}]")
             .appName("replylint-audit")
             .config("spark.ui.enabled", "false")
             .config("spark.sql.execution.arrow.pyspark.enabled", "true")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    # The recipe's own module, for the workers (replylint is installed).
    spark.sparkContext.addPyFile(os.path.join(os.path.dirname(os.path.abspath(__file__)), "_replies.py"))
    try:
        replies = spark.createDataFrame(df[["id", "channel", "text"]]).repartition(4 * args.cores)
        start = time.perf_counter()
        findings = replies.mapInPandas(audit_batches, schema=SCHEMA).toPandas()
        took = time.perf_counter() - start
    finally:
        spark.stop()
    print(f"spark: {len(df)} replies, {len(findings)} findings in {took:.2f} s "
          f"({len(df) / took:.0f} replies/s on local[{args.cores}])")
    assert same_findings(findings, audit_frame(df)), "spark and pandas disagree"


if __name__ == "__main__":
    main()
