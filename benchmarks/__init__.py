"""Benchmarks and calibration of factcheck (scripts, not tests)."""
