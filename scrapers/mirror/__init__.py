"""Local test web site (127.0.0.1) serving the seed articles in three realistic templates."""
