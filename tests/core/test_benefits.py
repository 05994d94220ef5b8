"""Benefit schemes as dated data, channels, barriers, account digits and age bands."""

import json
from datetime import date

import pytest

from desktop_app.core.benefits import (
    BARRIERS,
    CHANNELS,
    age_band,
    barrier_label,
    channel_label,
    is_sensitive_category,
    load_schemes,
    scheme_amount,
    validate_account_last4,
)
from desktop_app.core.errors import ValidationError
from desktop_app.paths import DATA


def test_social_allowance_follows_the_standard_level_in_force():
    assert scheme_amount("social_allowance", "elderly_80_no_pension", date(2021, 7, 1)) == 360_000
    assert scheme_amount("social_allowance", "elderly_80_no_pension", date(2024, 6, 30)) == 360_000
    assert scheme_amount("social_allowance", "elderly_80_no_pension", date(2024, 7, 1)) == 500_000
    assert (
        scheme_amount("social_allowance", "elderly_poor_no_carer_60_79", date(2024, 7, 1))
        == 750_000
    )
    assert (
        scheme_amount("social_allowance", "elderly_poor_no_carer_80_plus", date(2023, 1, 1))
        == 720_000
    )
    assert (
        scheme_amount(
            "social_allowance", "disability_especially_severe_child_or_elderly", date(2025, 1, 1)
        )
        == 1_250_000
    )


def test_social_pension_starts_1_july_2025():
    assert scheme_amount("social_pension", "age_75_plus", date(2025, 7, 1)) == 500_000
    with pytest.raises(ValidationError) as err:
        scheme_amount("social_pension", "age_75_plus", date(2025, 6, 30))
    assert err.value.code == "scheme_not_in_force"


def test_meritorious_standard_level_from_july_2024():
    schemes = load_schemes()
    assert schemes["meritorious"].standard_level(date(2024, 7, 1)) == 2_789_000
    assert scheme_amount("meritorious", "martyr_relative", date(2025, 1, 1)) == 2_789_000


def test_amount_set_per_decision_and_unknown_codes_are_refused():
    with pytest.raises(ValidationError) as err:
        scheme_amount("other", "other", date(2025, 1, 1))
    assert err.value.code == "amount_per_decision"
    with pytest.raises(ValidationError) as err:
        scheme_amount("nope", "other", date(2025, 1, 1))
    assert err.value.code == "unknown_scheme"
    with pytest.raises(ValidationError) as err:
        scheme_amount("social_allowance", "nope", date(2025, 1, 1))
    assert err.value.code == "unknown_category"


def test_amounts_are_whole_vnd_rounded_half_up(tmp_path):
    data = json.loads((DATA / "benefit_schemes.json").read_text(encoding="utf-8"))
    scheme = data["schemes"][0]
    scheme["standard_levels"] = [{"from": "2021-07-01", "amount": 333_333}]
    scheme["categories"][0]["coefficient"] = 1.5  # 499,999.5 -> 500,000
    path = tmp_path / "schemes.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    schemes = load_schemes(path)
    code = scheme["categories"][0]["code"]
    amount = scheme_amount("social_allowance", code, date(2022, 1, 1), schemes)
    assert amount == 500_000 and isinstance(amount, int)


def test_hiv_categories_are_sensitive_and_others_are_not():
    schemes = load_schemes()
    sensitive = {
        (s.code, c.code) for s in schemes.values() for c in s.categories.values() if c.sensitive
    }
    assert sensitive, "Decree 20 has HIV categories: they must be marked sensitive"
    for scheme_code, category_code in sensitive:
        assert "hiv" in category_code
        assert is_sensitive_category(scheme_code, category_code)
    assert not is_sensitive_category("social_allowance", "elderly_80_no_pension")
    assert not is_sensitive_category(None, None)
    for scheme in schemes.values():
        for category in scheme.categories.values():
            if "HIV" in category.label.vi:
                assert category.sensitive


def test_every_scheme_has_a_legal_basis_and_dated_levels():
    data = json.loads((DATA / "benefit_schemes.json").read_text(encoding="utf-8"))
    codes = {s["code"] for s in data["schemes"]}
    assert {"social_allowance", "social_pension", "meritorious", "other"} <= codes
    for scheme in data["schemes"]:
        for category in scheme["categories"]:
            assert isinstance(category["sensitive"], bool)
        for level in scheme["standard_levels"]:
            date.fromisoformat(level["from"])
            assert isinstance(level["amount"], int)


def test_channels_and_barriers_have_both_labels():
    assert set(CHANNELS) == {
        "bank_account",
        "mobile_money",
        "post_office_cash",
        "commune_cash",
        "home_delivery",
        "proxy",
    }
    assert {
        "forgot_pin",
        "card_locked",
        "scam_attempt",
        "biometric_reverification",
        "other",
    } <= set(BARRIERS)
    assert len(BARRIERS) == 16
    for label in list(CHANNELS.values()) + list(BARRIERS.values()):
        assert label.vi and label.en and label.vi != label.en
    assert channel_label("post_office_cash") == "Nhận tiền mặt tại bưu điện"
    assert channel_label("post_office_cash", "en") == "Cash at the post office"
    assert barrier_label("forgot_pin", "en").startswith("Forgot PIN")
    assert barrier_label("made_up") == "made_up"


@pytest.mark.parametrize("text", ["1234", " 12 34 ", "****1234", "12-34", 1234])
def test_last4_accepted(text):
    assert validate_account_last4(text) == "1234"


@pytest.mark.parametrize("text", ["0123456789", "1903 4567 8901 234", "12345"])
def test_full_account_number_is_refused(text):
    with pytest.raises(ValidationError) as err:
        validate_account_last4(text)
    assert err.value.code == "account_full_number"
    assert "4 số cuối" in err.value.message_vi
    assert "last 4 digits" in err.value.message_en


@pytest.mark.parametrize("text", ["", None, "123", "12a4", "abcd"])
def test_last4_invalid(text):
    with pytest.raises(ValidationError) as err:
        validate_account_last4(text)
    assert err.value.code == "account_last4_invalid"


def test_age_band():
    on = date(2026, 11, 27)
    assert age_band(1952, on) == "under_75"  # 74
    assert age_band(1951, on) == "75_79"  # 75
    assert age_band(1947, on) == "75_79"  # 79
    assert age_band(1946, on) == "80_plus"  # 80
    assert age_band(1920, on) == "80_plus"
    assert age_band(None, on) == "unknown"
    assert age_band(2030, on) == "unknown"
    assert age_band(1800, on) == "unknown"
    assert age_band("x", on) == "unknown"
