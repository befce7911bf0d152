from recommendations.copurchase import also_bought, build_pairs


def test_also_bought_ranks_by_frequency():
    pairs = build_pairs([["MUG", "TEA"], ["MUG", "TEA", "SPOON"], ["MUG", "SPOON"], ["MUG", "TEA"]])
    assert also_bought("MUG", pairs) == ["TEA", "SPOON"]


def test_duplicates_in_one_order_count_once():
    assert build_pairs([["MUG", "MUG", "TEA"]])[("MUG", "TEA")] == 1
