"""Supplier feed importer."""
