"""The write path: new records (and, later, filling, attaching, fixing, importing)."""
