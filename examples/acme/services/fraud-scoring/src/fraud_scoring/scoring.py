"""Rule-plus-model risk score in [0, 1]."""
from dataclasses import dataclass

import structlog

log = structlog.get_logger("fraud_scoring")

# northstar:priority checkout-conversion
HIGH_RISK_COUNTRIES = frozenset({"XX", "ZZ"})


@dataclass(frozen=True)
class Attempt:
    amount_minor: int
    currency: str
    card_country: str
    ip_country: str
    attempts_last_hour: int
    account_age_days: int


def score(attempt: Attempt, model_score: float = 0.0) -> float:
    """Combine hard signals with the model score; never returns outside [0, 1]."""
    risk = model_score
    if attempt.card_country != attempt.ip_country:
        risk += 0.15
    if attempt.card_country in HIGH_RISK_COUNTRIES:
        risk += 0.25
    if attempt.attempts_last_hour > 5:
        risk += 0.4
    if attempt.account_age_days < 1 and attempt.amount_minor > 50_000:
        risk += 0.2
    risk = max(0.0, min(1.0, risk))
    log.info("scored", risk=round(risk, 3), currency=attempt.currency)
    return risk
