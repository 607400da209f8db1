#!/usr/bin/env python3
"""Run the corpus scorers on one split and hold the figures to the floors.

usage: accuracy.py BINARY CORPUS.jsonl FLOORS [--split dev]

Runs ../shared/corpus/score_quotes.py and mutate.py (as they are, next to CORPUS),
reads the figures from their last lines, prints them beside the floors, and exits 1 when
any figure is below its floor (or a floor names a figure the scorers did not print).
Standard library only."""
import argparse, os, re, subprocess, sys


def run(script, binary, corpus, split):
    out = subprocess.run(
        [sys.executable, script, binary, corpus, "--split", split],
        capture_output=True, text=True, check=True,
    ).stdout
    print(out.rstrip())
    return out


def figures(score_out, mutate_out):
    got = {}
    m = re.search(r"recall ([\d.]+) precision ([\d.]+) F1 [\d.]+; speaker ([\d.]+); end-to-end ([\d.]+)", score_out)
    if m:
        got.update({"score.recall": float(m[1]), "score.precision": float(m[2]),
                    "score.speaker": float(m[3]), "score.end_to_end": float(m[4])})
    m = re.search(r"untouched articles: (\d+)/(\d+) clean", mutate_out)
    if m and int(m[2]):
        got["mutate.untouched_clean"] = int(m[1]) / int(m[2])
    m = re.search(r"mutations caught: [^:]*: (.*)$", mutate_out, re.M)
    if m:
        for kind, caught, total in re.findall(r"([\w-]+) (\d+)/(\d+)", m[1]):
            if int(total):
                got[f"mutate.{kind}"] = int(caught) / int(total)
    return got


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary"); ap.add_argument("corpus"); ap.add_argument("floors")
    ap.add_argument("--split", default="dev")
    a = ap.parse_args()
    here = os.path.dirname(os.path.abspath(a.corpus))
    score = run(os.path.join(here, "score_quotes.py"), a.binary, a.corpus, a.split)
    mutate = run(os.path.join(here, "mutate.py"), a.binary, a.corpus, a.split)
    got = figures(score, mutate)
    failed = False
    print(f"\n{'figure':28} {'measured':>9} {'floor':>7}")
    for line in open(a.floors, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, floor = line.split()
        value = got.get(name)
        ok = value is not None and value >= float(floor)
        failed |= not ok
        shown = "missing" if value is None else f"{value:.3f}"
        print(f"{name:28} {shown:>9} {float(floor):>7.3f}  {'ok' if ok else 'BELOW FLOOR'}")
    if failed:
        sys.exit("accuracy: a figure is below its floor (see above)")
    print("accuracy: every figure at or above its floor")


if __name__ == "__main__":
    main()
