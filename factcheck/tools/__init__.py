"""The tools that measure the checker rather than run it.

:mod:`~factcheck.tools.evaluate` scores a check against hand-labelled gold
findings (``factcheck eval``); :mod:`~factcheck.tools.mutate` writes corpora
with known planted contradictions and scores a check on them.
"""
