"""`djrh report`: the year's per-branch statistics (stats.py) and one module per output format."""
