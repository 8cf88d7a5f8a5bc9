"""The claims stage: sentences cut into clause claims, read from the dependency parse.

The table holds French and English sentences written for these tests
(coordination, participial and relative clauses, lists of outcomes, headlines,
"selon X" / "according to X" openings, quotes with their attribution). Each
row gives the claims expected, in order, as (exact clause text, predicate
lemma, subject as written or None when not checked). A sentence of one claim
is its own only claim; a sentence of several is first a claim as a whole, then
one claim per clause. Values (numbers) found in the sentence land in the
clause that holds them.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from factcheck.claims import claims, split
from factcheck.extract import parse
from factcheck.extract.values import extract_quantities
from factcheck.model import Span, Statement
from factcheck.render import RenderOptions, render_text

OFFSET = 11  # claims are cut from an article, not from offset 0

# One sentence per line ("fr " / "en " then the sentence), then one line per expected
# claim: "> clause text | predicate lemma | subject as written, or - when not checked".
# A line starting with "+" continues the line above (joined with one space).
TABLE = """
en The storm killed two people, injured fourteen and cut power to 30,000 homes, police said.
   > The storm killed two people | kill | The storm
   > injured fourteen | injure | The storm
   > cut power to 30,000 homes, police said. | cut | The storm
en Police arrested two men and seized 40 kilograms of cocaine on Tuesday.
   > Police arrested two men | arrest | Police
   > seized 40 kilograms of cocaine on Tuesday. | seize | Police
en The company cut 1,200 jobs and closed three factories last year.
   > The company cut 1,200 jobs | cut | The company
   > closed three factories last year. | close | The company
en The minister resigned on Monday and was replaced by his deputy.
   > The minister resigned on Monday | resign | The minister
   > was replaced by his deputy. | replace | The minister
en The fire destroyed the warehouse and damaged two neighbouring buildings.
   > The fire destroyed the warehouse | destroy | The fire
   > damaged two neighbouring buildings. | damage | The fire
en Three people died in the blast, which also wounded twelve others.
   > Three people died in the blast | die | Three people
   > which also wounded twelve others. | wound | which
en The bank raised its rates by 0.5 points, citing persistent inflation.
   > The bank raised its rates by 0.5 points, citing persistent inflation. | raise | The bank
en The army freed fifteen hostages, ending a six-year ordeal.
   > The army freed fifteen hostages | free | The army
   > ending a six-year ordeal. | end | -
en Rebels attacked the camp on Thursday, killing at least twelve refugees.
   > Rebels attacked the camp on Thursday | attack | Rebels
   > killing at least twelve refugees. | kill | -
en The earthquake struck at dawn, leaving 300 people homeless.
   > The earthquake struck at dawn | strike | The earthquake
   > leaving 300 people homeless. | leave | -
en The government approved the budget and announced 2 billion dollars in new spending.
   > The government approved the budget | approve | The government
   > announced 2 billion dollars in new spending. | announce | The government
en The suspect was charged with murder and remanded in custody until March.
   > The suspect was charged with murder | charge | The suspect
   > remanded in custody until March. | remand | The suspect
en The plane landed safely and all 150 passengers were evacuated.
   > The plane landed safely | land | The plane
   > all 150 passengers were evacuated. | evacuate | all 150 passengers
en The strike halted trains across the country, and flights were cancelled at three airports.
   > The strike halted trains across the country | halt | The strike
   > flights were cancelled at three airports. | cancel | flights
en Prices rose 3 percent in May, the statistics office said.
   > Prices rose 3 percent in May, the statistics office said. | rise | Prices
en According to the police, the attack left four people dead.
   > According to the police, the attack left four people dead. | leave | the attack
en "We will not give in," the prime minister told reporters.
   > "We will not give in," the prime minister told reporters. | give | We
en The mayor said the bridge would reopen in June.
   > The mayor said the bridge would reopen in June. | reopen | the bridge
en Officials said the bombing killed at least twelve people and wounded twenty.
   > Officials said the bombing killed at least twelve people | kill | the bombing
   > wounded twenty. | wound | the bombing
en Three bank employees died when protesters threw petrol bombs into the building.
   > Three bank employees died | die | Three bank employees
   > when protesters threw petrol bombs into the building. | throw | protesters
en The president, who took office in 2009, promised new elections.
   > The president, who took office in 2009, promised new elections. | promise | The president
en Doctors treated 45 patients, most of whom had minor burns.
   > Doctors treated 45 patients | treat | Doctors
   > most of whom had minor burns. | have | most of whom
en The floods displaced 20,000 residents and destroyed 5,000 homes, the UN said.
   > The floods displaced 20,000 residents | displace | The floods
   > destroyed 5,000 homes, the UN said. | destroy | The floods
en Shares fell 4 percent after the bank reported a loss of 1.2 billion euros.
   > Shares fell 4 percent | fall | Shares
   > after the bank reported a loss of 1.2 billion euros. | report | the bank
en Bombs hit the camp of Yida, which shelters about 20,000 refugees.
   > Bombs hit the camp of Yida | hit | Bombs
   > which shelters about 20,000 refugees. | shelter | which
en Firefighters fought the blaze for six hours before bringing it under control.
   > Firefighters fought the blaze for six hours before bringing it under control. |
     + fight | Firefighters
en The vaccine was approved in 2020 and has been given to millions of people.
   > The vaccine was approved in 2020 | approve | The vaccine
   > has been given to millions of people. | give | The vaccine
en Protesters marched through the capital, chanting slogans against the government.
   > Protesters marched through the capital | march | Protesters
   > chanting slogans against the government. | chant | -
en The central bank kept its key rate at 2 percent.
   > The central bank kept its key rate at 2 percent. | keep | The central bank
en Greek police said three people were killed when the bank was set on fire.
   > Greek police said three people were killed | kill | three people
   > when the bank was set on fire. | set | the bank
en The company said it would hire 500 workers and invest 30 million dollars in the plant.
   > The company said it would hire 500 workers | hire | it
   > invest 30 million dollars in the plant. | invest | it
en Flights resumed on Friday.
   > Flights resumed on Friday. | resume | Flights
en Storm kills two, injures fourteen
   > Storm kills two | kill | Storm
   > injures fourteen | injure | Storm
en Thousands of people fled the town, according to aid workers.
   > Thousands of people fled the town, according to aid workers. | flee | Thousands of people
en The bill passed by 312 votes to 250, a margin wider than expected.
   > The bill passed by 312 votes to 250, a margin wider than expected. | pass | -
en The minister denied the report, saying it was false.
   > The minister denied the report, saying it was false. | deny | The minister
fr Le gouvernement a nommé Jean Dupont, qui remplace Paul Martin, et annoncé 2 milliards
     + d'euros.
   > Le gouvernement a nommé Jean Dupont | nommer | -
   > qui remplace Paul Martin | remplacer | -
   > annoncé 2 milliards d'euros. | annoncer | -
fr L'incendie a détruit l'entrepôt et endommagé deux bâtiments voisins.
   > L'incendie a détruit l'entrepôt | détruire | L'incendie
   > endommagé deux bâtiments voisins. | endommager | L'incendie
fr Selon la police, l'incendie a fait trois morts.
   > Selon la police, l'incendie a fait trois morts. | faire | l'incendie
fr Selon le ministère, 2 000 personnes ont été évacuées.
   > Selon le ministère, 2 000 personnes ont été évacuées. | évacuer | 2 000 personnes
fr « Nous ne céderons pas », a déclaré le ministre, qui s'exprimait devant les députés.
   > « Nous ne céderons pas », a déclaré le ministre | céder | Nous
   > qui s'exprimait devant les députés. | exprimer | qui
fr L'armée a libéré quinze otages, mettant fin à six ans de captivité.
   > L'armée a libéré quinze otages | libérer | L'armée
   > mettant fin à six ans de captivité. | mettre | -
fr Les rebelles ont attaqué le camp jeudi, tuant au moins douze réfugiés.
   > Les rebelles ont attaqué le camp jeudi | attaquer | Les rebelles
   > tuant au moins douze réfugiés. | tuer | -
fr Le ministre a démissionné lundi et a été remplacé par son adjoint.
   > Le ministre a démissionné lundi | démissionner | Le ministre
   > a été remplacé par son adjoint. | remplacer | Le ministre
fr Le suspect a été mis en examen pour meurtre et placé en détention provisoire.
   > Le suspect a été mis en examen pour meurtre | mettre | Le suspect
   > placé en détention provisoire. | placer | Le suspect
fr L'avion a atterri sans encombre et les 150 passagers ont été évacués.
   > L'avion a atterri sans encombre | atterrir | L'avion
   > les 150 passagers ont été évacués. | évacuer | les 150 passagers
fr Les prix ont augmenté de 3 % en mai, a indiqué l'Insee.
   > Les prix ont augmenté de 3 % en mai, a indiqué l'Insee. | augmenter | Les prix
fr Le maire a assuré que le pont rouvrirait en juin.
   > Le maire a assuré que le pont rouvrirait en juin. | rouvrir | le pont
fr L'entreprise a supprimé 1 200 emplois et fermé trois usines l'an dernier.
   > L'entreprise a supprimé 1 200 emplois | supprimer | L'entreprise
   > fermé trois usines l'an dernier. | fermer | L'entreprise
fr Le président, qui a pris ses fonctions en 2009, a promis de nouvelles élections.
   > Le président, qui a pris ses fonctions en 2009, a promis de nouvelles élections. |
     + promettre | Le président
fr Les inondations ont déplacé 20 000 habitants et détruit 5 000 maisons, selon l'ONU.
   > Les inondations ont déplacé 20 000 habitants | déplacer | Les inondations
   > détruit 5 000 maisons, selon l'ONU. | détruire | Les inondations
fr L'action a chuté de 4 % après l'annonce d'une perte de 1,2 milliard d'euros.
   > L'action a chuté de 4 % après l'annonce d'une perte de 1,2 milliard d'euros. |
     + chuter | L'action
fr Le tribunal l'a condamné à cinq ans de prison et à 10 000 euros d'amende.
   > Le tribunal l'a condamné à cinq ans de prison et à 10 000 euros d'amende. |
     + condamner | Le tribunal
fr Les pompiers ont lutté six heures contre les flammes avant de maîtriser l'incendie.
   > Les pompiers ont lutté six heures contre les flammes avant de maîtriser l'incendie.
     + | lutter | Les pompiers
fr Les manifestants ont défilé dans la capitale, scandant des slogans hostiles au gouvernement.
   > Les manifestants ont défilé dans la capitale | défiler | Les manifestants
   > scandant des slogans hostiles au gouvernement. | scander | -
fr La banque centrale a maintenu son taux directeur à 2 %.
   > La banque centrale a maintenu son taux directeur à 2 %. | maintenir | La banque centrale
fr Ingrid Betancourt a été libérée mercredi avec quatorze autres otages.
   > Ingrid Betancourt a été libérée mercredi avec quatorze autres otages. | libérer |
     + Ingrid Betancourt
fr L'Etat va injecter 10,5 milliards d'euros dans les banques, a annoncé le ministre.
   > L'Etat va injecter 10,5 milliards d'euros dans les banques, a annoncé le ministre. |
     + injecter | L'Etat
fr Le Premier ministre a reçu les syndicats, qui réclament une hausse des salaires de 5 %.
   > Le Premier ministre a reçu les syndicats | recevoir | Le Premier ministre
   > qui réclament une hausse des salaires de 5 %. | réclamer | qui
fr Les secours ont retrouvé trois corps, a précisé la préfecture.
   > Les secours ont retrouvé trois corps, a précisé la préfecture. | retrouver | Les secours
fr Selon l'AFP, les deux hommes ont été interpellés samedi.
   > Selon l'AFP, les deux hommes ont été interpellés samedi. | interpeller | les deux hommes
fr Les vols ont repris vendredi.
   > Les vols ont repris vendredi. | reprendre | Les vols
fr Un incendie fait deux morts à Lyon
   > Un incendie fait deux morts à Lyon | faire | Un incendie
fr Le ministre a démenti l'information, affirmant qu'elle était fausse.
   > Le ministre a démenti l'information, affirmant qu'elle était fausse. | démentir | Le
     + ministre
fr Les banques ont reçu 10,5 milliards d'euros de l'Etat, qui en attend des intérêts.
   > Les banques ont reçu 10,5 milliards d'euros de l'Etat | recevoir | Les banques
   > qui en attend des intérêts. | attendre | qui
fr Il est né en 1950 et a étudié le droit à Paris.
   > Il est né en 1950 | naître | Il
   > a étudié le droit à Paris. | étudier | Il
fr Le texte a été adopté par 312 voix contre 250.
   > Le texte a été adopté par 312 voix contre 250. | adopter | Le texte
fr Des milliers de personnes ont fui la ville, selon des humanitaires.
   > Des milliers de personnes ont fui la ville, selon des humanitaires. | fuir | Des
     + milliers de personnes
fr L'entreprise a annoncé qu'elle embaucherait 500 salariés.
   > L'entreprise a annoncé qu'elle embaucherait 500 salariés. | embaucher | elle
fr Le temple, situé à la frontière, est revendiqué par les deux pays.
   > Le temple, situé à la frontière, est revendiqué par les deux pays. | revendiquer |
     + Le temple
fr Les soldats ont tiré en l'air pour disperser la foule, blessant deux manifestants.
   > Les soldats ont tiré en l'air | tirer | Les soldats
   > pour disperser la foule | disperser | -
   > blessant deux manifestants. | blesser | -
fr « L'opération a été parfaite », a affirmé Ingrid Betancourt.
   > « L'opération a été parfaite », a affirmé Ingrid Betancourt. | affirmer | -
fr Le président a salué « une victoire historique » et remercié les électeurs.
   > Le président a salué « une victoire historique » | saluer | Le président
   > remercié les électeurs. | remercier | Le président
en Police fired tear gas and arrested 30 protesters.
   > Police fired tear gas | fire | Police
   > arrested 30 protesters. | arrest | Police
en The ministry confirmed the figures on Wednesday.
   > The ministry confirmed the figures on Wednesday. | confirm | The ministry
en The hurricane flooded the coast and left 2 million homes without power.
   > The hurricane flooded the coast | flood | The hurricane
   > left 2 million homes without power. | leave | The hurricane
en The team won the final 3-1 and lifted the trophy.
   > The team won the final 3-1 | win | The team
   > lifted the trophy. | lift | The team
en Bank employees died in the fire, the police spokesman said.
   > Bank employees died in the fire, the police spokesman said. | die | Bank employees
en The UN said 40,000 people had fled the fighting.
   > The UN said 40,000 people had fled the fighting. | flee | 40,000 people
en Rescuers pulled 12 survivors from the rubble, officials said.
   > Rescuers pulled 12 survivors from the rubble, officials said. | pull | Rescuers
en The judge ordered his release and dropped the charges.
   > The judge ordered his release | order | The judge
   > dropped the charges. | drop | The judge
en The company reported a profit of 3 billion dollars, beating forecasts.
   > The company reported a profit of 3 billion dollars | report | The company
   > beating forecasts. | beat | -
en "It was a massacre," a witness told Reuters.
   > "It was a massacre," a witness told Reuters. | tell | a witness
fr La police a tiré des gaz lacrymogènes et interpellé 30 manifestants.
   > La police a tiré des gaz lacrymogènes | tirer | La police
   > interpellé 30 manifestants. | interpeller | La police
fr Le ministère a confirmé ces chiffres mercredi.
   > Le ministère a confirmé ces chiffres mercredi. | confirmer | Le ministère
fr « C'était un massacre », a raconté un témoin à l'AFP.
   > « C'était un massacre », a raconté un témoin à l'AFP. | raconter | -
fr Selon un bilan officiel, l'explosion a fait 12 morts.
   > Selon un bilan officiel, l'explosion a fait 12 morts. | faire | l'explosion
fr D'après les secours, 40 personnes ont été hospitalisées.
   > D'après les secours, 40 personnes ont été hospitalisées. | hospitaliser | 40 personnes
fr Les secouristes ont dégagé 12 survivants des décombres, ont indiqué les autorités.
   > Les secouristes ont dégagé 12 survivants des décombres, ont indiqué les autorités. |
     + dégager | Les secouristes
fr Le juge a ordonné sa libération et abandonné les poursuites.
   > Le juge a ordonné sa libération | ordonner | Le juge
   > abandonné les poursuites. | abandonner | Le juge
fr Le groupe a dégagé un bénéfice de 3 milliards d'euros, dépassant les prévisions.
   > Le groupe a dégagé un bénéfice de 3 milliards d'euros | dégager | Le groupe
   > dépassant les prévisions. | dépasser | -
fr Les employés sont morts dans l'incendie, a déclaré le porte-parole de la police.
   > Les employés sont morts dans l'incendie, a déclaré le porte-parole de la police. |
     + mourir | Les employés
fr Le Cambodge a saisi la Cour internationale de justice, qui a rendu son arrêt en 1962.
   > Le Cambodge a saisi la Cour internationale de justice | saisir | Le Cambodge
   > qui a rendu son arrêt en 1962. | rendre | qui
fr Trois employés de banque meurent dans un incendie à Athènes
   > Trois employés de banque meurent dans un incendie à Athènes | mourir | -
fr Le gouvernement débloque 10 milliards pour les banques
   > Le gouvernement débloque 10 milliards pour les banques | débloquer | Le gouvernement
"""


def _cases() -> list[tuple[str, str, list[tuple[str, str, str | None]]]]:
    cases: list[tuple[str, str, list[tuple[str, str, str | None]]]] = []
    lines: list[str] = []
    for line in TABLE.strip().splitlines():
        if line.lstrip().startswith("+ "):
            lines[-1] += " " + line.lstrip()[2:]
        else:
            lines.append(line)
    for line in lines:
        if line.lstrip().startswith(">"):
            clause, predicate, subject = (p.strip() for p in line.lstrip()[1:].split(" | "))
            cases[-1][2].append((clause, predicate, None if subject == "-" else subject))
        else:
            cases.append((line[:2], line[3:], []))
    return cases


CASES = _cases()


def _statement(lang: str, sentence: str) -> tuple[str, Statement]:
    text = "Intro text " + sentence + " Next."
    span = Span("a", OFFSET, OFFSET + len(sentence), sentence)
    tokens = parse.parse_sentences([span], lang)[0]
    quantities = tuple(extract_quantities(span, lang))
    return text, Statement(span=span, quantities=quantities, tokens=tokens)


@pytest.mark.parametrize(("lang", "sentence", "expected"), CASES)
def test_claims_of_a_sentence(
    lang: str, sentence: str, expected: list[tuple[str, str, str | None]]
) -> None:
    if not parse.available(lang):
        pytest.skip(f"no {lang} parser installed")
    text, statement = _statement(lang, sentence)
    found = claims([statement], text, lang)
    parts = found[1:] if len(found) > 1 else found
    if len(found) > 1:
        whole = found[0]
        assert whole.span == statement.span
        assert whole.claim is not None
        assert (whole.claim.clause, whole.claim.clauses) == (None, len(parts))
    assert [(c.span.text, c.claim.predicate if c.claim else None) for c in parts] == [
        (t, p) for t, p, _ in expected
    ]
    for claim, (_, _, subject) in zip(parts, expected, strict=True):
        assert claim.claim is not None
        assert claim.claim.sentence == statement.span
        assert text[claim.span.start : claim.span.end] == claim.span.text
        if subject is not None:
            assert claim.claim.subject == subject
    # Every number of the sentence is carried by exactly one clause, the one holding it.
    carried = [q for c in parts for q in c.quantities]
    assert sorted(q.span.start for q in carried) == sorted(
        q.span.start for q in statement.quantities
    )
    for c in parts:
        assert all(c.span.start <= q.span.start and q.span.end <= c.span.end for q in c.quantities)


def test_enough_sentences_in_both_languages() -> None:
    assert len(CASES) >= 80
    assert {lang for lang, _, _ in CASES} == {"fr", "en"}
    assert sum(len(e) > 1 for _, _, e in CASES) >= 40


def test_clause_tokens_form_a_tree_of_their_own() -> None:
    if not parse.available("en"):
        pytest.skip("no en parser installed")
    text, statement = _statement(
        "en", "The storm killed two people, injured fourteen and cut power, police said."
    )
    for c in split(statement, text, "en"):
        assert c.tokens, c.span.text
        assert all(0 <= t.head < len(c.tokens) and t.i == n for n, t in enumerate(c.tokens))
        assert all(c.span.start <= t.start and t.end <= c.span.end for t in c.tokens)


def test_without_a_parse_a_sentence_is_one_claim() -> None:
    sentence = "Le bilan est de trois morts et douze blessés, selon la préfecture."
    span = Span("a", 0, len(sentence), sentence)
    (only,) = claims([Statement(span=span)], sentence, "de")
    assert only.span == span
    assert only.claim is not None
    assert (only.claim.clause, only.claim.clauses, only.claim.predicate) == (None, 1, None)


def _groups_key(report: Any) -> list[tuple[str, ...]]:
    return sorted(tuple(s.id for s in g.statements) for g in report.groups)


def test_alignment_on_claims_keeps_spans_exact_and_ignores_article_order(seeds_dir: Path) -> None:
    from factcheck.align.embed import HashEmbedder
    from factcheck.options import Options
    from factcheck.pipeline import check

    files = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    reports = [
        check(order, Options(), embedder=HashEmbedder())
        for order in (files, files[::-1], files[2:] + files[:2])
    ]
    assert _groups_key(reports[0]) == _groups_key(reports[1]) == _groups_key(reports[2])
    texts = {a.id: a.text for a in reports[0].articles}
    members = [s for g in reports[0].groups for s in g.statements]
    for s in members:
        assert texts[s.article][s.span.start : s.span.end] == s.span.text
        assert s.claim is not None
        sentence = s.claim.sentence
        assert sentence.start <= s.span.start and s.span.end <= sentence.end
        assert texts[s.article][sentence.start : sentence.end] == sentence.text
    if parse.available("fr"):
        assert any(s.claim is not None and s.claim.clause is not None for s in members)
    data = json.loads(render_text(reports[0], "json", RenderOptions()))
    schema = json.loads(
        resources.files("factcheck").joinpath("schemas/report.schema.json").read_text()
    )
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["schema_version"] == "1.2"
    claimed = [s["claim"] for g in data["groups"] for s in g["statements"]]
    assert claimed and all({"sentence", "clause", "clauses"} <= set(c) for c in claimed)
