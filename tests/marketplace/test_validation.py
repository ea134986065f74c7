from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from marketplace.validators import patent_check_character, validate_ipc, validate_patent_number
from tests.factories import AchievementFactory, NeedFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "number",
    [
        "ZL202310456781.4",
        "CN202319486215.5",
        "CN202219734902.X",
        "202310456781.4",
        "2023104567814",
        "ZL 202310456781.4",
        "zl202310456781.4",
        "ZL99100234.2",
    ],
)
def test_valid_chinese_patent_numbers_are_accepted(number):
    validate_patent_number(number)


@pytest.mark.parametrize(
    "number",
    [
        "ZL202310456781.2",  # wrong check digit
        "CN202219734902.1",  # X expected
        "ZL99100234.5",  # old 8-digit format, wrong check digit
        "ZL20231045678.4",  # 11 digits
        "US20230123456",
        "ZL180010456781.4",  # year 1800
        "",
    ],
)
def test_malformed_or_miscomputed_patent_numbers_are_refused(number):
    with pytest.raises(ValidationError):
        validate_patent_number(number)


def test_check_character_ten_is_written_as_x():
    assert patent_check_character("202219734902") == "X"


def test_wrong_check_digit_message_names_the_expected_digit():
    with pytest.raises(ValidationError) as exc:
        validate_patent_number("ZL202310456781.2")
    assert "4" in exc.value.messages[0]


@pytest.mark.parametrize("ipc", ["C09J 189/00", "C09J189/00", "A23L 3/01; B27N 3/00", "G06Q 10/08"])
def test_valid_ipc_symbols_are_accepted(ipc):
    validate_ipc(ipc)


@pytest.mark.parametrize("ipc", ["C9J 189/00", "c09j 189/00", "C09J-189/00", "Z09J 189/00", "C09J"])
def test_malformed_ipc_symbols_are_refused(ipc):
    with pytest.raises(ValidationError):
        validate_ipc(ipc)


def test_achievement_with_bad_patent_number_fails_model_validation():
    achievement = AchievementFactory.build(patent_number="ZL202310456781.2")
    with pytest.raises(ValidationError) as exc:
        achievement.full_clean(exclude=["organization", "industry"])
    assert "patent_number" in exc.value.message_dict


def test_negative_asking_price_is_refused():
    achievement = AchievementFactory.build(asking_price_cny=Decimal("-1"))
    with pytest.raises(ValidationError) as exc:
        achievement.full_clean(exclude=["organization", "industry"])
    assert "asking_price_cny" in exc.value.message_dict


def test_reserve_price_above_asking_price_is_refused():
    achievement = AchievementFactory.build(
        asking_price_cny=Decimal("100"), reserve_price_cny=Decimal("200")
    )
    with pytest.raises(ValidationError) as exc:
        achievement.full_clean(exclude=["organization", "industry"])
    assert "reserve_price_cny" in exc.value.message_dict


def test_government_funded_achievement_needs_programme_and_ip_declaration():
    achievement = AchievementFactory.build(funded_by_government=True)
    with pytest.raises(ValidationError) as exc:
        achievement.full_clean(exclude=["organization", "industry"])
    assert {"funding_programme", "ip_declaration"} <= set(exc.value.message_dict)


def test_need_budget_upper_bound_below_lower_bound_is_refused():
    need = NeedFactory.build(budget_min_cny=Decimal("500"), budget_max_cny=Decimal("100"))
    with pytest.raises(ValidationError) as exc:
        need.full_clean(exclude=["organization", "industry"])
    assert "budget_max_cny" in exc.value.message_dict


def test_empty_asking_price_means_negotiable():
    assert AchievementFactory.build(asking_price_cny=None).price_negotiable
