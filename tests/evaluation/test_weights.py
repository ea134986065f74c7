"""Category weights and indicators are configuration: seeded, editable, frozen per evaluation."""

from decimal import Decimal

import pytest

from evaluation.models import Category, CategoryScheme, Indicator

from .factories import score, scoring

pytestmark = pytest.mark.django_db


def test_every_category_is_seeded_with_five_dimension_weights():
    schemes = {s.category: s for s in CategoryScheme.objects.all()}

    assert set(schemes) == set(Category.values)
    assert schemes["basic"].weights["science"] > schemes["transfer"].weights["science"]
    assert schemes["transfer"].weights["economy"] > schemes["basic"].weights["economy"]
    assert {i.dimension for i in Indicator.objects.all()} == {
        "science",
        "technology",
        "economy",
        "society",
        "culture",
    }


def _score_by_dimension(evaluation, assignments, values: dict[str, int]):
    for assignment in assignments:
        scores = {
            spec["id"]: (Decimal(values[spec["dimension"]]), "依据中试报告")
            for spec in evaluation.scheme["indicators"]
        }
        from evaluation import services

        services.submit_scores(
            assignment=assignment, by=assignment.expert, scores=scores, comment="意见"
        )
    evaluation.refresh_from_db()


def test_the_category_decides_the_overall_score():
    values = {"science": 90, "technology": 70, "economy": 50, "society": 60, "culture": 60}
    basic, basic_panel = scoring(category="basic")
    transfer, transfer_panel = scoring(category="transfer")

    _score_by_dimension(basic, basic_panel, values)
    _score_by_dimension(transfer, transfer_panel, values)

    assert basic.overall_score > transfer.overall_score
    weights = CategoryScheme.objects.get(category="basic").weights
    expected = sum(Decimal(values[d]) * w for d, w in weights.items()) / sum(weights.values())
    assert basic.overall_score == expected.quantize(Decimal("0.01"))


def test_staff_editing_the_weights_changes_new_evaluations_only():
    running, panel = scoring(category="transfer")
    scheme = CategoryScheme.objects.get(category="transfer")
    scheme.weight_economy = 0
    scheme.weight_culture = 90
    scheme.save()
    fresh, _ = scoring(category="transfer")

    assert running.scheme["weights"]["economy"] == 40
    assert fresh.scheme["weights"]["economy"] == 0
    assert fresh.scheme["weights"]["culture"] == 90


def test_a_deactivated_indicator_is_not_asked_for_in_new_evaluations():
    running, panel = scoring()
    indicator = Indicator.objects.get(name="模仿壁垒")
    indicator.active = False
    indicator.save()
    fresh, fresh_panel = scoring()

    assert indicator.pk in {i["id"] for i in running.scheme["indicators"]}
    assert indicator.pk not in {i["id"] for i in fresh.scheme["indicators"]}
    score(fresh_panel[0], 80)
    score(panel[0], 80)
