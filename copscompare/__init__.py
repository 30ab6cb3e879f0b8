"""copscompare: what Chinese public security bureaus reported about themselves, with sources."""

__version__ = "0.1.0"
