from fraud_scoring.scoring import Attempt, score


def attempt(**overrides):
    base = dict(
        amount_minor=4599,
        currency="EUR",
        card_country="DE",
        ip_country="DE",
        attempts_last_hour=1,
        account_age_days=400,
    )
    base.update(overrides)
    return Attempt(**base)


def test_ordinary_payment_is_low_risk():
    assert score(attempt()) < 0.1


def test_card_testing_pattern_is_high_risk():
    assert score(attempt(attempts_last_hour=12, ip_country="FR")) >= 0.5


def test_score_is_clamped():
    assert score(attempt(attempts_last_hour=50), model_score=0.9) == 1.0
