"""Matching quality on a labelled set: nDCG@10, Recall@10, Success@1, MRR.

    .venv/bin/python bench/matching_quality/run.py [--data ../shared/eval/dev] [--reuse] [--show]
    .venv/bin/python bench/matching_quality/run.py --cv [--data D --data D2] [--folds 5] [--reuse]
        [--repeats 3] [--write-model search/matching/ranker/model.json]

Imports the set into an isolated database (linyi_bench_quality) and index prefix (bench_quality),
rebuilds the indices, runs `manage.py match_needs --limit 10 --format jsonl` and scores it.

--cv: cross-validation over ../shared/eval/dev and dev-b (or the --data sets), see cv.py: each set
in its own isolated database (linyi_bench_match_<set>), features computed once per need,
configurations fitted on the other folds and scored on the held-out one, per set, next to plain
character BM25 from the same run. --write-model PATH also writes the chosen model (fitted on all).
"""

import argparse
import io
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.common import ROOT, isolate  # noqa: E402

BASELINES = {
    "BM25 characters": {"ndcg@10": 0.766, "recall@10": 0.933, "success@1": 0.325, "mrr": 0.590},
    "BM25 jieba words": {"ndcg@10": 0.680, "recall@10": 0.904, "success@1": 0.225, "mrr": None},
}
TARGETS = {"ndcg@10": 0.85, "recall@10": 0.95, "success@1": 0.60}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", action="append", help="a labelled set (repeatable)")
    parser.add_argument("--reuse", action="store_true", help="keep the imported data and indices")
    parser.add_argument("--show", action="store_true", help="print each need's misses")
    parser.add_argument("--cv", action="store_true", help="cross-validate over the sets")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=1, help="with --cv: splits to average")
    parser.add_argument("--write-model", help="with --cv: write the chosen model here")
    parser.add_argument("--collect", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    shared = ROOT.parent / "shared" / "eval"
    if args.cv:
        return _cv(args, [Path(d) for d in args.data or [shared / "dev", shared / "dev-b"]])
    data = Path((args.data or [shared / "dev"])[0])
    if args.collect:
        return _collect(data, Path(args.out))
    if not (data / "qrels.tsv").is_file():
        sys.exit(f"labelled set not found at {data}")

    isolate("quality", fresh=not args.reuse)
    from django.core.management import call_command

    from bench.matching_quality import loader, metrics

    started = time.perf_counter()
    if not args.reuse:
        how = loader.load(data)
        call_command("rebuild_index", no_progress=True, stdout=io.StringIO())
        print(f"imported and indexed with the {how} in {time.perf_counter() - started:.1f}s")

    out = io.StringIO()
    started = time.perf_counter()
    call_command("match_needs", limit=10, format="jsonl", stdout=out)
    elapsed = time.perf_counter() - started
    lines = [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]
    run = {line["need"]: [m["achievement"] for m in line["matches"]] for line in lines}
    qrels = metrics.read_qrels(data / "qrels.tsv")
    result = metrics.evaluate(run, qrels)
    print(f"matched {len(lines)} needs in {elapsed:.1f}s")
    if args.show:
        _show(lines, qrels)
    print(f"{'':22}{'nDCG@10':>9}{'Recall@10':>11}{'Success@1':>11}{'MRR':>8}")
    for name, figures in [*BASELINES.items(), ("this matcher", result)]:
        cells = [f"{figures[k]:.3f}" if figures[k] is not None else "-" for k in result]
        print(f"{name:22}{cells[0]:>9}{cells[1]:>11}{cells[2]:>11}{cells[3]:>8}")
    missed = [k for k, v in TARGETS.items() if result[k] < v]
    print("targets met" if not missed else f"below target: {', '.join(missed)}")
    return result


def _cv(args, datas):
    for data in datas:
        if not (data / "qrels.tsv").is_file():
            sys.exit(f"labelled set not found at {data}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from bench.matching_quality import cv

    write = Path(args.write_model) if args.write_model else None
    return cv.main(
        datas, k=args.folds, seed=args.seed, reuse=args.reuse, write=write, repeats=args.repeats
    )


def _collect(data: Path, out: Path):
    """In its own process: import one set into linyi_bench_match_<set>, write every need's
    candidates and features, and how match_needs (with the model in the tree) scores."""
    from bench.matching_quality.cv import slug

    isolate(f"match_{slug(data)}")
    from django.core.management import call_command

    from bench.matching_quality import loader, metrics
    from marketplace.selectors import published_needs
    from search.matching.ranker import dataset

    loader.load(data)
    call_command("rebuild_index", no_progress=True, stdout=io.StringIO())
    started = time.perf_counter()
    collected = dataset.collect(published_needs().order_by("pk"))
    print(
        f"{data.name}: features of {len(collected)} needs in {time.perf_counter() - started:.1f}s"
    )
    lines = io.StringIO()
    call_command("match_needs", limit=10, format="jsonl", stdout=lines)
    rows = [json.loads(line) for line in lines.getvalue().splitlines() if line.strip()]
    run = {r["need"]: [m["achievement"] for m in r["matches"]] for r in rows}
    shipped = metrics.evaluate(run, metrics.read_qrels(data / "qrels.tsv"))
    out.write_text(json.dumps({"collected": collected, "shipped": shipped}), encoding="utf-8")


def _show(lines, qrels):
    for line in lines:
        grades = qrels.get(line["need"], {})
        ranked = [m["achievement"] for m in line["matches"]]
        marks = " ".join(f"{a}:{grades.get(a, 0)}" for a in ranked)
        best = [a for a, g in grades.items() if g == 2]
        print(f"{line['need']}  best={best}  {marks}")


if __name__ == "__main__":
    main()
