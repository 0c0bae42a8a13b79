"""`python -m benchmarks`: the end-to-end run (see benchmarks/run.py)."""

from benchmarks.run import main

main()
