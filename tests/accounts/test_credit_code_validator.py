import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.validators import CREDIT_CODE_CHARS, credit_code_check_char, validate_credit_code

# Real-world shaped codes with correct check characters.
VALID = ["91350100M000100Y43", "12371300MB2845701R", "91371300MA3C8X7D1W", "11371300004331508W"]


@pytest.mark.parametrize("code", VALID)
def test_codes_with_a_correct_check_character_are_accepted(code):
    validate_credit_code(code)


def test_lower_case_input_is_accepted_as_the_same_code():
    validate_credit_code("91350100m000100y43")


@pytest.mark.parametrize(
    ("code", "error_code"),
    [
        ("91350100M000100Y4", "length"),
        ("91350100M000100Y433", "length"),
        ("", "length"),
        ("91350100M000100O43", "charset"),
        ("91350100I000100Y43", "charset"),
        ("9135A100M000100Y43", "region"),
        ("91350100M000100Y44", "checksum"),
    ],
)
def test_bad_codes_are_rejected_with_a_specific_message(code, error_code):
    with pytest.raises(ValidationError) as info:
        validate_credit_code(code)
    assert info.value.code == error_code
    assert "统一社会信用代码" in str(info.value.messages[0])


body = st.tuples(
    st.text(alphabet=CREDIT_CODE_CHARS, min_size=2, max_size=2),
    st.text(alphabet="0123456789", min_size=6, max_size=6),
    st.text(alphabet=CREDIT_CODE_CHARS, min_size=9, max_size=9),
).map("".join)


@settings(deadline=None)
@given(body)
def test_any_code_completed_with_its_check_character_is_valid(first17):
    validate_credit_code(first17 + credit_code_check_char(first17))


@settings(deadline=None)
@given(body, st.sampled_from(CREDIT_CODE_CHARS))
def test_any_other_check_character_is_rejected(first17, wrong):
    if wrong == credit_code_check_char(first17):
        wrong = CREDIT_CODE_CHARS[(CREDIT_CODE_CHARS.index(wrong) + 1) % 31]
    with pytest.raises(ValidationError):
        validate_credit_code(first17 + wrong)


@settings(deadline=None)
@given(body, st.integers(min_value=0, max_value=16), st.sampled_from(CREDIT_CODE_CHARS))
def test_a_single_mistyped_character_is_caught(first17, position, replacement):
    code = first17 + credit_code_check_char(first17)
    typo = code[:position] + replacement + code[position + 1 :]
    if typo == code or not typo[2:8].isdigit():
        return
    with pytest.raises(ValidationError):
        validate_credit_code(typo)
