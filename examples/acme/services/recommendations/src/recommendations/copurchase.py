"""Co-purchase counts: products often bought together."""
from collections import Counter
from itertools import combinations


def build_pairs(orders: list[list[str]]) -> Counter[tuple[str, str]]:
    """Count each unordered pair of distinct products bought in the same order."""
    pairs: Counter[tuple[str, str]] = Counter()
    for skus in orders:
        for a, b in combinations(sorted(set(skus)), 2):
            pairs[(a, b)] += 1
    return pairs


def also_bought(sku: str, pairs: Counter[tuple[str, str]], limit: int = 4) -> list[str]:
    scores: Counter[str] = Counter()
    for (a, b), n in pairs.items():
        if a == sku:
            scores[b] += n
        elif b == sku:
            scores[a] += n
    return [other for other, _ in scores.most_common(limit)]
