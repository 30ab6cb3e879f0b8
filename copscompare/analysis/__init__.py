"""Pure analysis over a loaded Dataset: each command's function returns one neutral ``Table``.

- rank.py: rank jurisdictions on one metric; delta.py: changes between periods;
  compare.py: jurisdictions side by side; listings.py: show, cities, sources, metrics;
  export.py: one row per observation, the public export; audit.py: the figures checked
  against each other.
- claims.py: whether a reported figure agrees with the figures it can be computed from (the
  one claim check ``delta`` and ``audit`` share).
- common.py: choosing figures, their uncertainty, and the footnotes every table shares;
  values.py: a figure written as a journalist writes it; names.py: finding what a user typed.

No module here reads files or draws anything (ruff.toml in this folder says so). Rules live
in each module's docstring.
"""
