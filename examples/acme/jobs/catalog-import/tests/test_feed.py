from catalog_import.feed import Update, parse_csv


def test_parses_decimal_commas_and_reports_bad_rows():
    text = "sku;price;stock\nMUG-01;12,50;40\nTEE-02;oops;3\nCAP-03;9.99;-1\n"
    updates, bad = parse_csv(text)
    assert updates == [Update("MUG-01", 1250, 40)]
    assert bad == [3, 4]


def test_empty_feed():
    assert parse_csv("sku;price;stock\n") == ([], [])
