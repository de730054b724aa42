"""Havre's benchmarks: `make bench` prints figures, each beside a baseline
measured in the same run on the same machine."""
