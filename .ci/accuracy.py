#!/usr/bin/env python3
"""Run the corpus scorers and hold their figures to the floors.

usage: accuracy.py BINARY CORPUS.jsonl FLOORS [--split SPLIT]...

Each floor line is `SPLIT.SCRIPT.FIGURE FLOOR`, e.g. `train.score.speaker 0.95`:
SCRIPT is `score` (score_quotes.py), `mutate` (mutate.py), `reported`
(score_reported.py) or `mutate_reported` (mutate_reported.py), each run as it is from
CORPUS's folder, once per split that a floor names, and only when a floor needs it.
`--split` keeps only the floors of the given splits. The figures are read from the
scripts' last lines and printed beside the floors; the exit code is 1 when any figure is
below its floor or a floor names a figure the scripts did not print. Standard library only."""
import argparse, os, re, subprocess, sys

SCRIPTS = {
    "score": "score_quotes.py",
    "mutate": "mutate.py",
    "reported": "score_reported.py",
    "mutate_reported": "mutate_reported.py",
}


def run(script, binary, corpus, split):
    out = subprocess.run(
        [sys.executable, script, binary, corpus, "--split", split],
        capture_output=True, text=True, check=True,
    ).stdout
    tail = out.rstrip().splitlines()[-3:]
    print(f"$ {os.path.basename(script)} --split {split}")
    print("\n".join(tail))
    return out


def figures(name, out):
    """The figures a script printed, keyed `NAME.figure`."""
    got = {}
    m = re.search(r"recall ([\d.]+) precision ([\d.]+) F1 [\d.]+; speaker ([\d.]+); end-to-end ([\d.]+)", out)
    if m:
        got.update({f"{name}.recall": float(m[1]), f"{name}.precision": float(m[2]),
                    f"{name}.speaker": float(m[3]), f"{name}.end_to_end": float(m[4])})
    m = re.search(r"untouched articles: (\d+)/(\d+) clean", out)
    if m and int(m[2]):
        got[f"{name}.untouched_clean"] = int(m[1]) / int(m[2])
    m = re.search(r"mutations caught: [^:]*: (.*)$", out, re.M)
    if m:
        for kind, caught, total in re.findall(r"([\w-]+) (\d+)/(\d+)", m[1]):
            if int(total):
                got[f"{name}.{kind}"] = int(caught) / int(total)
    return got


def read_floors(path, splits):
    floors = []
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        key, floor = line.split()
        split, script, figure = key.split(".", 2)
        if script not in SCRIPTS:
            sys.exit(f"accuracy: {path}: unknown script `{script}` in `{key}`")
        if not splits or split in splits:
            floors.append((split, script, figure, float(floor)))
    return floors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary"); ap.add_argument("corpus"); ap.add_argument("floors")
    ap.add_argument("--split", action="append", default=[])
    a = ap.parse_args()
    here = os.path.dirname(os.path.abspath(a.corpus))
    floors = read_floors(a.floors, a.split)
    got = {}
    for split, script in sorted({(s, sc) for s, sc, _, _ in floors}):
        out = run(os.path.join(here, SCRIPTS[script]), a.binary, a.corpus, split)
        for k, v in figures(script, out).items():
            got[f"{split}.{k}"] = v
    failed = False
    print(f"\n{'figure':36} {'measured':>9} {'floor':>7}")
    for split, script, figure, floor in floors:
        name = f"{split}.{script}.{figure}"
        value = got.get(name)
        ok = value is not None and value >= floor
        failed |= not ok
        shown = "missing" if value is None else f"{value:.3f}"
        print(f"{name:36} {shown:>9} {floor:>7.3f}  {'ok' if ok else 'BELOW FLOOR'}")
    if failed:
        sys.exit("accuracy: a figure is below its floor (see above)")
    print("accuracy: every figure at or above its floor")


if __name__ == "__main__":
    main()
