"""Analysis commands (rank, delta, compare, show and the listings), registered on ``cli``."""

from __future__ import annotations
