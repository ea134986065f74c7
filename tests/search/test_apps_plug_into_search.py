"""Search knows domain objects only through what their apps register (search/registry.py)."""

import pytest

from challenges.models import Challenge
from marketplace.models import Achievement, Need
from search import registry
from tests.factories import AchievementFactory, NeedFactory


def test_each_app_registers_its_searchable_objects_in_installed_apps_order():
    assert [(s.name, s.model) for s in registry.all()] == [
        ("achievement", Achievement),
        ("need", Need),
        ("challenge", Challenge),
    ]
    assert [type(e).__name__ for e in registry.extensions("achievement")] == [
        "EvaluatedAchievements"
    ]
    assert [type(e).__name__ for e in registry.extensions("need")] == ["PromotedNeeds"]


def test_a_hit_names_its_object_by_index_and_document_id():
    assert registry.by_document("challenges", "12") == (registry.named("challenge"), 12)
    assert registry.by_document("needs", "12") == (registry.named("need"), 12)
    assert registry.by_document("achievements", 12) == (registry.named("achievement"), 12)


def test_each_index_holds_one_model_under_its_primary_keys():
    kinds = [s.index_kind for s in registry.all()]
    assert kinds == ["achievements", "needs", "challenges"]
    assert all(s.doc_id(12) == "12" for s in registry.all())


def test_an_unregistered_object_is_refused():
    with pytest.raises(TypeError):
        registry.of(object())


@pytest.mark.django_db
def test_achievements_and_needs_link_to_their_pages():
    achievement, need = AchievementFactory(), NeedFactory()
    assert achievement.get_absolute_url() == f"/achievements/{achievement.pk}/"
    assert need.get_absolute_url() == f"/needs/{need.pk}/"
    assert registry.named("need").url(need.pk) == need.get_absolute_url()
