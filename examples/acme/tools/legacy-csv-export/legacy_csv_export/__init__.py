"""Monthly CSV export of orders for the old BI warehouse."""
