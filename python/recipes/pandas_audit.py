"""Recipe: audit sent replies in a pandas DataFrame with check_many.

    python pandas_audit.py --rows 5000
"""

import argparse
import time

import replylint
from _replies import audit_frame, sent_replies, summary


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=5000)
    args = ap.parse_args()
    df = sent_replies(args.rows)

    start = time.perf_counter()
    findings = audit_frame(df)
    took = time.perf_counter() - start
    print(summary(findings).head(10).to_string(index=False))
    print(f"pandas: {len(df)} replies, {len(findings)} findings in {took:.2f} s "
          f"({len(df) / took:.0f} replies/s)")

    # The recipe finds what checking each reply alone finds.
    sample = df.sample(200, random_state=1)
    for row in sample.itertuples():
        alone = {(d.rule, d.start_char) for d in replylint.check(row.text, channel=row.channel)}
        mine = findings[findings["id"] == row.id]
        assert alone == set(zip(mine["rule"], mine["start_char"])), row.id
    assert len(findings) > 0


if __name__ == "__main__":
    main()
