"""Entry point run by the scheduler every 5 minutes."""
import structlog
from prometheus_client import CollectorRegistry, Counter, push_to_gateway

from .feed import parse_csv

log = structlog.get_logger("catalog_import")


def run(feed_text: str = "", gateway: str = "pushgateway.monitoring:9091") -> None:
    registry = CollectorRegistry()
    applied = Counter("catalog_import_updates_total", "Updates applied", registry=registry)
    rejected = Counter("catalog_import_rejected_rows_total", "Rows rejected", registry=registry)
    updates, bad = parse_csv(feed_text)
    applied.inc(len(updates))
    rejected.inc(len(bad))
    log.info("import finished", applied=len(updates), rejected=len(bad))
    push_to_gateway(gateway, job="catalog-import", registry=registry)
