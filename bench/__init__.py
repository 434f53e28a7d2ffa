"""`make bench`: throughput and storage figures (never asserted in tests)."""
