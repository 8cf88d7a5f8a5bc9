"""The modes: ways of running the check besides one report.

:mod:`~factcheck.modes.watch` follows a folder and prints what changed,
:mod:`~factcheck.modes.diff` compares two reports, and
:mod:`~factcheck.modes.baseline` records accepted findings and removes them
from later reports. They call the library and sit above it; the draft mode is
not here because the pipeline itself runs it (:mod:`factcheck.draft`).
"""
