"""Parse supplier CSV feeds into price and stock updates."""
import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# northstar:priority catalog-freshness, reliability


@dataclass(frozen=True)
class Update:
    sku: str
    price_minor: int
    stock: int


def parse_csv(text: str) -> tuple[list[Update], list[int]]:
    """Return the updates and the 1-based line numbers of rows that could not be read."""
    updates: list[Update] = []
    bad_lines: list[int] = []
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    for line_no, row in enumerate(reader, start=2):
        try:
            price = Decimal(row["price"].replace(",", "."))
            stock = int(row["stock"])
            if price < 0 or stock < 0:
                raise ValueError("negative")
            updates.append(Update(row["sku"].strip(), int(price * 100), stock))
        except (KeyError, ValueError, InvalidOperation, AttributeError):
            bad_lines.append(line_no)
    return updates, bad_lines
