"""Plot tests: a package, so test_time.py / test_survival.py do not clash with tests/metrics."""
