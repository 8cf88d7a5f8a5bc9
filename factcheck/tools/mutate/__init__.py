"""Mutation self-test: edit one fact in one article and record what a checker must find.

A mutation changes one fact that at least one other article of the corpus also
states (a number, an amount, a duration, a date or weekday, a speaker, a name
in a list, a negation, a word inside a quotation), so that a correct checker
can detect it by comparing the two. Each mutation gives its own corpus: a copy
of the source articles with that one edit, plus a ``factcheck-gold/1`` file
whose expected finding points at the edited span and its counterpart.

Edits stay grammatical: number words keep agreement (``deux ans`` →
``trois ans``, never ``un ans``), French elision follows the new word
(``de juillet`` → ``d'août``), negation is inserted or removed whole
(``a reconnu`` ↔ ``n'a pas reconnu``). Facts are found with plain patterns and
the normalized view (:mod:`factcheck.normalize`), independently of the
checker's own extractors, so the self-test does not share their blind spots.

The modules: :mod:`~factcheck.tools.mutate.vocabulary` (the word lists),
:mod:`~factcheck.tools.mutate.edits` (finding candidate edits and their counterparts),
:mod:`~factcheck.tools.mutate.corpus` (writing and reading back mutated corpora) and
:mod:`~factcheck.tools.mutate.score` (scoring a checker on them).
"""

from __future__ import annotations

from factcheck.tools.mutate.corpus import EXPECTED_KIND, MANIFEST, Mutation, load_mutations, mutate
from factcheck.tools.mutate.edits import MUTATION_TYPES, Edit, find_edits
from factcheck.tools.mutate.score import (
    MutationOutcome,
    MutationScore,
    check_mutation_dir,
    check_mutations,
    render_mutation_text,
    score_mutations,
)

__all__ = [
    "EXPECTED_KIND",
    "MANIFEST",
    "MUTATION_TYPES",
    "Edit",
    "Mutation",
    "MutationOutcome",
    "MutationScore",
    "check_mutation_dir",
    "check_mutations",
    "find_edits",
    "load_mutations",
    "mutate",
    "render_mutation_text",
    "score_mutations",
]
