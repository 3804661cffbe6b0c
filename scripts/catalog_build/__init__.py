"""Builders of computedivide's shipped catalogs; see scripts/build_catalogs.py."""
