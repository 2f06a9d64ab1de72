"""Recipe: audit sent replies with Dask, `map_partitions` on a local
cluster (two worker processes of one thread each: one core each).

    python dask_audit.py --rows 5000
"""

import argparse
import time

import dask.dataframe as dd
import pandas as pd
from dask.distributed import Client, LocalCluster

from _replies import FINDING_COLUMNS, audit_frame, same_findings, sent_replies


def audit_partition(part: pd.DataFrame) -> pd.DataFrame:
    # One thread per worker: Dask runs a partition per worker core.
    return audit_frame(part, threads=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=5000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    df = sent_replies(args.rows)
    meta = pd.DataFrame({c: pd.Series(dtype="int64" if c in ("line", "column", "start_char", "end_char") else "object")
                         for c in FINDING_COLUMNS})

    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster):
        ddf = dd.from_pandas(df, npartitions=4 * args.workers)
        start = time.perf_counter()
        findings = ddf.map_partitions(audit_partition, meta=meta).compute()
        took = time.perf_counter() - start
    print(f"dask: {len(df)} replies, {len(findings)} findings in {took:.2f} s "
          f"({len(df) / took:.0f} replies/s on {args.workers} workers)")
    assert same_findings(findings, audit_frame(df)), "dask and pandas disagree"


if __name__ == "__main__":
    main()
