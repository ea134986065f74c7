"""nDCG@10 (gain 2^grade - 1), Recall@10 (grade >= 1), Success@1 and MRR (first grade 2)."""

import math


def read_qrels(path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    for line in open(path, encoding="utf-8").read().splitlines()[1:]:
        if line.strip():
            need, achievement, grade = line.split("\t")
            qrels.setdefault(need, {})[achievement] = int(grade)
    return qrels


def per_need(ranked: list[str], grades: dict[str, int], k: int = 10) -> dict[str, float]:
    dcg = sum((2 ** grades.get(a, 0) - 1) / math.log2(i + 2) for i, a in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal)) or 1.0
    relevant = {a for a, g in grades.items() if g >= 1}
    recall = len(relevant & set(ranked[:k])) / (len(relevant) or 1)
    first = next((i for i, a in enumerate(ranked) if grades.get(a) == 2), None)
    return {
        "ndcg@10": dcg / idcg,
        "recall@10": recall,
        "success@1": 1.0 if first == 0 else 0.0,
        "mrr": 1.0 / (first + 1) if first is not None else 0.0,
    }


def evaluate(run: dict[str, list[str]], qrels: dict[str, dict[str, int]]) -> dict[str, float]:
    rows = [per_need(run.get(need, []), grades) for need, grades in qrels.items()]
    return {key: sum(r[key] for r in rows) / len(rows) for key in rows[0]}
