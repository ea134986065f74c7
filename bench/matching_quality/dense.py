"""Does a dense semantic signal pay? BAAI bge-small-zh-v1.5 embeddings on the labelled sets.

    scripts/embedding-model          # once: fetches the model into var/embedding-model/
    .venv/bin/pip install onnxruntime tokenizers    # the experiment's only extra packages
    DATABASE_URL=postgres://... .venv/bin/python bench/matching_quality/dense.py [--data D ...]

A measurement, not a feature. Embeds every need and achievement of ../shared/eval/dev and dev-b
(or the --data sets; vectors cached in var/dense-vectors.npz, so reruns are fast) and prints per
set:
  (a) dense retrieval alone (cosine over all achievements, top 10), needs embedded with and
      without bge's query instruction, and dense fused with character BM25 by RRF;
  (b) the learned ranker cross-validated exactly as `run.py --cv` does it (cv.py, train.py:
      same folds and features), without and with dense columns (the cosine; the dense rank's
      reciprocal; with or without the instruction), for the first configuration (--every-config:
      all); the candidates are the matcher's own (features cached by run.py --cv in
      var/match-features-<set>.json; computed first when missing, which needs DATABASE_URL);
  (c) the embedding cost on this machine: texts per second, and hours for 100k listings.

The bench database and index are named after the set's folder, shared by every checkout on the
machine: on a shared machine pass --data through symlinks of other names
(var/dense-eval/dense-dev -> ../shared/eval/dev).
"""

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.common import ROOT  # noqa: E402
from bench.matching_quality import cv, metrics  # noqa: E402

MODEL_DIR = ROOT / "var" / "embedding-model"
CACHE = ROOT / "var" / "dense-vectors.npz"
# The model card's instruction for short queries against passages (optional for v1.5).
INSTRUCTION = "为这个句子生成表示以用于检索相关文章："
MAX_TOKENS = 512
BATCH = 16
SEEDS = range(3)  # the gains are also averaged over three fold splits: 83 needs are few


class Embedder:
    """bge-small-zh-v1.5 in onnxruntime: [CLS] vector, L2-normalised (the model card's pooling)."""

    def __init__(self):
        import onnxruntime
        from tokenizers import Tokenizer

        if not (MODEL_DIR / "model.onnx").is_file():
            sys.exit("model missing: run scripts/embedding-model first")
        self.tokenizer = Tokenizer.from_file(str(MODEL_DIR / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()
        self.session = onnxruntime.InferenceSession(
            str(MODEL_DIR / "model.onnx"), providers=["CPUExecutionProvider"]
        )

    def __call__(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), 512), dtype=np.float32)
        # Similar lengths batched together: less padding.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            encodings = self.tokenizer.encode_batch([texts[i] for i in chunk])
            feed = {
                "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
            }
            cls = self.session.run(None, feed)[0][:, 0, :]
            out[chunk] = cls / np.linalg.norm(cls, axis=1, keepdims=True)
        return out


class Vectors:
    """Embeddings keyed by the text's hash, kept in one .npz across runs."""

    def __init__(self):
        self.known: dict[str, np.ndarray] = {}
        if CACHE.is_file():
            data = np.load(CACHE)
            self.known = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
        self.embedder = None

    def of(self, texts: list[str]) -> np.ndarray:
        keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]  # noqa: S324 - a cache key
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in self.known})
        if missing:
            by_key = dict(zip(keys, texts, strict=True))
            self.embedder = self.embedder or Embedder()
            started = time.perf_counter()
            vectors = self.embedder([by_key[k] for k in missing])
            print(f"  embedded {len(missing)} texts in {time.perf_counter() - started:.1f}s")
            self.known.update(zip(missing, vectors, strict=True))
            CACHE.parent.mkdir(exist_ok=True)
            np.savez(
                CACHE, keys=np.array(list(self.known)), vectors=np.stack(list(self.known.values()))
            )
        return np.stack([self.known[k] for k in keys])


def read_set(data: Path) -> tuple[dict[str, str], dict[str, str]]:
    """({need id: text}, {achievement id: text}): title, keywords, body."""

    def texts(name, body):
        rows = [json.loads(line) for line in (data / name).read_text(encoding="utf-8").splitlines()]
        return {
            r["external_id"]: "\n".join([r["title"], " ".join(r.get("keywords") or []), r[body]])
            for r in rows
        }

    return texts("needs.jsonl", "description"), texts("achievements.jsonl", "summary")


def cosines(vectors: Vectors, data: Path, *, instruction: bool) -> dict[str, dict[str, float]]:
    """{need: {achievement: cosine}} over the whole set."""
    needs, achievements = read_set(data)
    prefix = INSTRUCTION if instruction else ""
    q = vectors.of([prefix + t for t in needs.values()])
    d = vectors.of(list(achievements.values()))
    sims = q @ d.T
    return {
        need: dict(zip(achievements, row.tolist(), strict=True))
        for need, row in zip(needs, sims, strict=True)
    }


def top(scores: dict[str, float], k: int = 10) -> list[str]:
    return sorted(scores, key=scores.get, reverse=True)[:k]


def rrf(*rankings: list[str], k: int = 60) -> list[str]:
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank + 1)
    return top(fused)


def with_dense(needs, sims_by_set) -> None:
    """Four feature columns more per candidate: the cosine, and the candidate's reciprocal rank
    in dense retrieval over all achievements (like the retrievers' *_rr), each with the need
    embedded without and with the query instruction."""
    from search.matching import features

    names = ("dense", "dense_rr", "dense_i", "dense_i_rr")
    # The ranker's code looks columns up in features.NAMES: extend it, in this process only.
    features.NAMES.extend(n for n in names if n not in features.NAMES)
    for need in needs:
        extra = []
        for instruction in (False, True):
            scores = sims_by_set[need.set_name, instruction][need.key]
            rank = {a: i for i, a in enumerate(top(scores, len(scores)))}
            extra.append([scores.get(i, 0.0) for i in need.ids])
            extra.append([1.0 / (rank[i] + 1) if i in rank else 0.0 for i in need.ids])
        need.x = np.hstack([need.x, np.array(extra).T.reshape(len(need.ids), len(names))])


def retrieval(datas, sims_by_set, needs):
    char = {n.key: n.char for n in needs}
    for data in datas:
        qrels = metrics.read_qrels(data / "qrels.tsv")
        print(f"\n{data.name}: (a) retrieval over all {len(read_set(data)[1])} achievements")
        print(cv.header())
        rows = {"BM25 characters (this run)": {k: char.get(k, []) for k in qrels}}
        for instruction in (False, True):
            sims = sims_by_set[data.name, instruction]
            label = "with" if instruction else "without"
            dense = {k: top(v) for k, v in sims.items()}
            rows[f"dense, {label} instruction"] = dense
            rows[f"RRF(dense {label}, BM25 chars)"] = {
                k: rrf(top(v, 100), char.get(k, [])) for k, v in sims.items()
            }
        for name, run in rows.items():
            print(cv.row(name, metrics.evaluate(run, qrels)))
        # Dense can only help the ranker on candidates the matcher's retrievers found.
        pool = {n.key: set(n.ids) for n in needs if n.set_name == data.name}
        sims = sims_by_set[data.name, False]
        relevant = [(k, a) for k, g in qrels.items() for a, v in g.items() if v >= 1]
        inside = sum(a in pool.get(k, ()) for k, a in relevant)
        widened = sum(a in pool.get(k, ()) or a in top(sims[k]) for k, a in relevant)
        print(
            f"  relevant pairs in the ranker's candidates: {inside}/{len(relevant)}; "
            f"with dense top 10 added: {widened}/{len(relevant)}"
        )


def ranker(datas, needs, sims_by_set, *, k: int, every_config: bool):
    """Each configuration of cv.configs() (by default only the first, the one in use) with and
    without the dense columns, under the same folds."""
    from search.matching.ranker import train

    # The configurations first: "all signals" means features.NAMES, which with_dense extends.
    base = cv.configs() if every_config else cv.configs()[:1]
    with_dense(needs, sims_by_set)
    sets = [d.name for d in datas]
    plus = {
        "+ cos": ("dense",),
        "+ cos (instr.)": ("dense_i",),
        "+ cos, rr": ("dense", "dense_rr"),
        "+ cos, rr (instr.)": ("dense_i", "dense_i_rr"),
        "+ all four": ("dense", "dense_rr", "dense_i", "dense_i_rr"),
    }
    results: dict[tuple[str, str], dict[int, dict]] = {}
    for config in base:
        for suffix, extra in {"": (), **plus}.items():
            variant = train.Config(
                f"{config.name} {suffix}", config.features + extra, config.c, config.grade2_weight
            )
            results[config.name, suffix] = {
                seed: train.cross_validate(needs, variant, k=k, seed=seed)["cv"] for seed in SEEDS
            }
    for s in sets:
        print(f"\n{s}: (b) the ranker cross-validated ({k} folds, seed 0)")
        print(cv.header())
        for (name, suffix), result in results.items():
            print(cv.row(f"  {suffix}" if suffix else name, result[0][s]))
    print(f"\n(b) gain, nDCG@10 / Recall@10, mean over seeds {list(SEEDS)} (same folds per seed)")
    for config in base:
        for suffix in plus:
            cells = []
            for s in sets:
                gain = [
                    np.mean(
                        [
                            results[config.name, suffix][seed][s][key]
                            - results[config.name, ""][seed][s][key]
                            for seed in SEEDS
                        ]
                    )
                    for key in ("ndcg@10", "recall@10")
                ]
                cells.append(f"{s} {gain[0]:+.3f} / {gain[1]:+.3f}")
            print(f"  {config.name + ' ' + suffix:38} " + "   ".join(cells))


def cost(vectors: Vectors, datas):
    """Embeds a fixed sample afresh (the cache would hide the cost). Wall time depends on what
    else the machine runs; CPU time is what a dedicated worker would spend."""
    texts = []
    for data in datas:
        texts += list(read_set(data)[1].values())
    sample = texts[:64]
    embedder = vectors.embedder or Embedder()
    embedder(sample[:BATCH])  # warm up
    wall, cpu = time.perf_counter(), time.process_time()
    embedder(sample)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    chars = np.mean([len(t) for t in sample])
    print(
        f"\n(c) cost, {len(sample)} achievements of {chars:.0f} characters, batch {BATCH}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}:"
    )
    for what, seconds, unit in (("wall clock", wall, "h"), ("CPU time", cpu, "core-hours")):
        rate = len(sample) / seconds
        print(
            f"  {what:10}: {rate:5.1f} texts/s; 100k listings: {100_000 / rate / 3600:.1f} {unit}"
        )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", action="append", help="a labelled set (repeatable)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--every-config", action="store_true", help="not only the first")
    parser.add_argument("--no-cost", action="store_true", help="skip the timing")
    args = parser.parse_args(argv)
    shared = ROOT.parent / "shared" / "eval"
    datas = [Path(d) for d in args.data or [shared / "dev", shared / "dev-b"]]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    needs, _ = cv.load_needs(datas, reuse=True)
    vectors = Vectors()
    sims_by_set = {
        (data.name, instruction): cosines(vectors, data, instruction=instruction)
        for data in datas
        for instruction in (False, True)
    }
    retrieval(datas, sims_by_set, needs)
    ranker(datas, needs, sims_by_set, k=args.folds, every_config=args.every_config)
    if not args.no_cost:
        cost(vectors, datas)


if __name__ == "__main__":
    main()
