from datetime import date

from legacy_csv_export.export import month_bounds, to_csv


def test_december_rolls_over_to_next_year():
    assert month_bounds(2026, 12) == (date(2026, 12, 1), date(2027, 1, 1))


def test_csv_has_header_and_drops_extra_fields():
    text = to_csv([{"order_id": "o1", "placed_on": "2026-10-03", "country": "DE", "total_eur": "45.99", "email": "x"}])
    assert text.splitlines() == ["order_id,placed_on,country,total_eur", "o1,2026-10-03,DE,45.99"]
