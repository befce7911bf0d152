"""Recommendations service."""
