"""Pure analysis over the loaded model: each function returns one neutral ``Table``.

rank (rank.py), deltas between periods (delta.py), side-by-side comparison (compare.py), and the
listings that help find one's way (listings.py). Rules live in each module's docstring.
"""
