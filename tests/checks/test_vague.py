"""Vague wording: the lexicons, inflections, measured values, allowed terms, paths, languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from cdc.checks import check_answers
from cdc.checks.lexicon import CATEGORIES, guess_language, load_lexicon, parse_lexicon
from cdc.checks.vague import scan_text
from cdc.questionnaire import Questionnaire
from tests.checks.factory import complete_answers, with_answers

CORPUS = yaml.safe_load((Path(__file__).parent / "corpus.yaml").read_text(encoding="utf-8"))


def terms(text: str, lang: str = "fr", allowed: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(h.term, h.category) for h in scan_text(text, lang, allowed)]


def test_corpus_is_big_enough_and_balanced() -> None:
    langs = [item["lang"] for item in CORPUS]
    assert len(CORPUS) >= 200
    assert 0.4 <= langs.count("fr") / len(langs) <= 0.6
    assert sum(1 for item in CORPUS if not item["flags"]) >= 60


def test_clean_corpus_sentences_are_not_flagged() -> None:
    alarms = {item["id"]: terms(item["text"], item["lang"], tuple(item.get("allowed", ())))
              for item in CORPUS if not item["flags"]}
    assert {k: v for k, v in alarms.items() if v} == {}


def test_corpus_precision_and_recall() -> None:
    expected = found = matched = 0
    for item in CORPUS:
        gold = {(str(f["term"]).casefold(), f["category"]) for f in item["flags"]}
        got = {(t.casefold(), c) for t, c in terms(item["text"], item["lang"],
                                                   tuple(item.get("allowed", ())))}
        expected += len(gold)
        found += len(got)
        matched += len(gold & got)
    assert matched / found >= 0.85
    assert matched / expected >= 0.90


@pytest.mark.parametrize("word", ["rapide", "rapides", "rapidement", "performant", "performante",
                                  "performants", "performantes", "intuitif", "intuitive",
                                  "intuitives", "convivial", "conviviale", "conviviaux"])
def test_french_inflections(word: str) -> None:
    assert terms(f"L'outil doit être {word} pour les commerciaux.") == [(word, "subjective")]


def test_exact_words_and_case_are_reported() -> None:
    assert terms("Dans la mesure du possible, le CRM sera Rapide.") == [
        ("Dans la mesure du possible", "loophole"), ("Rapide", "subjective")]


@pytest.mark.parametrize(("text", "lang"), [
    ("La recherche doit être rapide : moins de 2 secondes pour 95 % des requêtes.", "fr"),
    ("Les leads sont traités rapidement, en moins de 4 heures ouvrées.", "fr"),
    ("Chaque commercial saisit au moins 8 comptes rendus par semaine.", "fr"),
    ("100 % des fiches migrées portent un numéro client ERP.", "fr"),
    ("The search shall be fast: under 2 seconds at the 95th percentile.", "en"),
    ("Each rep shall log at least 10 visits per week.", "en"),
    ("The solution shall support 250 named users.", "en"),
    ("100 % of migrated accounts shall carry an ERP number.", "en"),
    ("Les données sont sécurisées : chiffrement AES-256 au repos et TLS 1.2 en transit.", "fr"),
])
def test_measured_values_are_not_flagged(text: str, lang: str) -> None:
    assert terms(text, lang) == []


def test_environ_stays_vague_even_with_a_number() -> None:
    assert terms("Environ 45 000 contacts seront migrés.") == [("Environ", "vague_quantity")]


def test_unmeasured_versions_are_flagged() -> None:
    assert terms("Chaque commercial saisit au moins ses rendez-vous.") == [
        ("au moins", "open_ended")]
    assert terms("The availability shall reach 100 %.", "en") == [("100 %", "absolute_comparative")]
    assert terms("The CRM shall support marketing automation.", "en") == [
        ("support", "weak_verb")]


def test_longest_term_wins() -> None:
    assert terms("Le tableau de bord doit être plus simple.") == [
        ("plus simple", "absolute_comparative")]
    assert terms("Le support répondra dans les meilleurs délais.") == [
        ("dans les meilleurs délais", "vague_quantity")]


def test_words_that_look_vague_but_are_not() -> None:
    assert terms("Go-live on 3 May 2027.", "en") == []  # the month, not the modal verb
    assert terms("Support hours are 8 a.m. to 6 p.m.", "en") == []  # a noun
    assert terms("Pompes pour les fluides industriels.") == []  # a noun in this trade
    assert terms("Sur 50 doublons connus, 48 au moins sont signalés.") == []
    assert terms("Chiffrer en option la montée en version.") == []


def test_tbd_markers() -> None:
    assert terms("Budget : XX k€, date à confirmer, volumes ???") == [
        ("XX", "tbd"), ("à confirmer", "tbd"), ("???", "tbd")]
    assert terms("Number of users TBD.", "en") == [("TBD", "tbd")]


def test_allowed_terms_cover_their_inflections() -> None:
    assert terms("La synchronisation est en temps réel.", allowed=("temps réel",)) == []
    assert terms("Les écrans doivent être rapides.", allowed=("rapide",)) == []
    assert terms("Les écrans doivent être rapides et fiables.", allowed=("rapide",)) == [
        ("fiables", "subjective")]


def test_lexicons_are_data_with_every_category() -> None:
    for lang in ("fr", "en"):
        lexicon = load_lexicon(lang)
        assert lexicon.language == lang
        assert {e.category for e in lexicon.entries} == set(lexicon.messages)


def test_french_messages_use_non_breaking_spaces() -> None:
    hit = scan_text("Le CRM doit être rapide.", "fr")[0]
    assert " :" not in hit.message and " :" not in hit.hint


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("fr", "Le CRM doit être rapide.",
     "Le terme « rapide » est subjectif : chaque lecteur le comprend à sa façon."),
    ("fr", "Volumes à confirmer.", "La mention « à confirmer » laisse un point non défini."),
    ("fr", "Les contacts, les comptes, etc.",
     "La formulation « etc. » laisse la liste ouverte : l'éditeur choisira ce qu'il couvre."),
    ("en", "The CRM shall be fast.",
     "The term “fast” is subjective: every reader understands it differently."),
    ("en", "Number of users TBD.", "The mention “TBD” leaves an item undefined."),
])
def test_messages_are_sentences_that_name_the_words(lang: str, text: str, expected: str) -> None:
    """A reader gets a sentence about their words, not a label after a colon
    ("« rapide » : qualificatif subjectif")."""
    [hit] = scan_text(text, lang)
    assert hit.message.replace("\u00a0", " ") == expected


def test_every_category_message_is_a_sentence_with_the_words() -> None:
    for lang in ("fr", "en"):
        lexicon = load_lexicon(lang)
        for category, message in lexicon.messages.items():
            assert message[0].isupper() and message.endswith("."), (lang, category)
            assert message.count("{term}") == 1, (lang, category)
        for hint in lexicon.hints.values():
            assert "{todo" not in hint and hint.endswith("."), lang


def test_a_message_without_the_words_is_refused() -> None:
    raw = {"language": "en", "categories": {c: {"message": "vague", "hint": "Fix it."}
                                            for c in CATEGORIES},
           "entries": [{"category": "subjective", "match": "fast"}]}
    with pytest.raises(ValueError, match="must name the words found"):
        parse_lexicon(raw)


def test_guess_language() -> None:
    assert guess_language("Le CRM doit créer les devis pour les commerciaux.") == "fr"
    assert guess_language("The CRM shall create quotes for the sales reps.") == "en"
    assert guess_language("Salesforce, HubSpot") is None


# --------------------------------------------------------------------------- in an answers file


@pytest.fixture(scope="module")
def clean(bank: Questionnaire) -> dict[str, Any]:
    return complete_answers(bank)


def vague(data: dict[str, Any], bank: Questionnaire, lang: str | None = None) -> list[Any]:
    return [f for f in check_answers(data, bank, lang).findings if f.rule == "vague_wording"]


def test_paths_index_group_items(clean: dict[str, Any], bank: Questionnaire) -> None:
    reqs = [{"statement": "Le CRM doit créer un devis en 3 clics.", "priority": "must",
             "acceptance_criterion": "12 devis créés"},
            {"statement": "Le CRM doit être intuitif.", "priority": "should",
             "acceptance_criterion": "12 utilisateurs formés"}]
    found = vague(with_answers(clean, mapping__custom_requirements=reqs), bank)
    assert [(f.path, f.term, f.category, f.severity, f.part) for f in found] == [
        ("mapping.custom_requirements[1].statement", "intuitif", "subjective", "warning", 3)]
    assert found[0].hint


def test_glossary_and_allow_list_are_accepted(clean: dict[str, Any], bank: Questionnaire) -> None:
    data = with_answers(clean, technical__performance_expectations=(
        "Synchronisation en temps réel ; écrans rapides et conviviaux."))
    assert {f.term for f in vague(data, bank)} == {"temps réel", "rapides", "conviviaux"}
    data["meta"]["glossary"] = [{"term": "temps réel", "definition": "moins de 5 secondes"}]
    data["meta"]["allowed_terms"] = [{"term": "convivial", "reason": "défini en annexe 2"}]
    assert {f.term for f in vague(data, bank)} == {"rapides"}


def test_descriptive_answers_only_report_tbd(clean: dict[str, Any], bank: Questionnaire) -> None:
    data = with_answers(clean, company__current_process=(
        "Les commandes sont souvent ressaisies et toujours en retard ; volume à préciser."))
    assert [(f.term, f.category) for f in vague(data, bank)] == [("à préciser", "tbd")]


def test_names_are_not_requirement_text(clean: dict[str, Any], bank: Questionnaire) -> None:
    data = with_answers(clean, team__sponsor="Simple Solutions SARL")
    data["team"]["members"][0]["name"] = "Simple Solutions SARL"
    assert vague(data, bank) == []


def test_language_per_answer_and_forced(clean: dict[str, Any], bank: Questionnaire) -> None:
    data = with_answers(clean, technical__performance_expectations=(
        "The screens must be fast for the sales reps."))
    assert [f.term for f in vague(data, bank)] == ["fast"]  # English answer in a French file
    assert vague(data, bank, lang="fr") == []  # forced French: the English word is unknown
