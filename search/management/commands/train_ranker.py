"""Retrain the matcher's ranker: cross-validated figures printed, a new versioned model written."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from search.matching import ranker


class Command(BaseCommand):
    help = (
        "Retrain the match ranker on labelled sets (each imported into its own isolated bench"
        " database) plus implicit labels of this database (dismissed pairs, pairs marked 相关,"
        " engagements and deals); prints cross-validated figures."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data", action="append", required=True, help="a labelled set dir")
        parser.add_argument("--folds", type=int, default=5)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--repeats", type=int, default=3, help="fold splits to average")
        parser.add_argument("--out", default=str(ranker.DEFAULT_PATH), help="model file")
        parser.add_argument("--reuse", action="store_true", help="reuse cached features")
        parser.add_argument("--no-feedback", action="store_true")

    def handle(self, *args, data, folds, seed, repeats, out, reuse, no_feedback, **options):
        try:
            import sklearn  # noqa: F401
        except ImportError as error:
            raise CommandError("training needs scikit-learn (requirements.lock)") from error
        from bench.matching_quality import cv
        from search.matching.ranker import dataset, train

        datas = [Path(d) for d in data]
        for d in datas:
            if not (d / "qrels.tsv").is_file():
                raise CommandError(f"no qrels.tsv in {d}")
        extra = [] if no_feedback else train.needs_of("implicit", dataset.implicit_rows(), {})
        pairs = sum(len(n.implicit) for n in extra)
        self.stdout.write(f"{len(extra)} needs with {pairs} implicit labels among their candidates")
        cv.main(
            datas, k=folds, seed=seed, reuse=reuse, write=Path(out), extra=extra, repeats=repeats
        )
