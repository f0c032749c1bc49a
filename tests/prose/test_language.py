"""The language layer on its own: elision, contraction, agreement, lists, gender, the vendor."""

from __future__ import annotations

import pytest

from cdc.language import (
    agree,
    count,
    elide,
    feminine_role,
    join,
    key_user,
    singular,
    starts_with_vowel_sound,
    vendor_terms,
)


@pytest.mark.parametrize(("particle", "text", "expected"), [
    ("de", "Hydrotec Pompes SAS", "d'Hydrotec Pompes SAS"),
    ("de", "Menuiseries Durand", "de Menuiseries Durand"),
    ("de", "le secteur public", "du secteur public"),
    ("de", "les entreprises", "des entreprises"),
    ("de", "des formulaires de devis", "de formulaires de devis"),
    ("de", "des événements", "d'événements"),
    ("de", "la prospection directe", "de la prospection directe"),
    ("de", "l'entreprise", "de l'entreprise"),
    ("à", "les entreprises (B2B)", "aux entreprises (B2B)"),
    ("à", "le secteur public (B2G)", "au secteur public (B2G)"),
    ("à", "la Région", "à la Région"),
    ("que", "il", "qu'il"),
    ("le", "hôtel", "l'hôtel"),
    ("la", "hiérarchie", "la hiérarchie"),  # an aspirated h takes no elision
    ("De", "le CRM", "Du CRM"),
    ("to", "the vendors", "to the vendors"),
])
def test_elision_and_contraction(particle: str, text: str, expected: str) -> None:
    assert elide(particle, text) == expected


def test_vowel_sounds() -> None:
    assert starts_with_vowel_sound("Hydrotec") and starts_with_vowel_sound("éditeur")
    assert not starts_with_vowel_sound("hors-ligne") and not starts_with_vowel_sound("Sage")
    assert not starts_with_vowel_sound("onze")


@pytest.mark.parametrize(("number", "unit", "lang", "expected"), [
    (1, "heures", "fr", "heure"), (0, "heures", "fr", "heure"), (1.5, "heures", "fr", "heure"),
    (2, "heures", "fr", "heures"), (1, "devis par mois", "fr", "devis par mois"),
    (1, "clients par an", "fr", "client par an"), (1, "mois", "fr", "mois"),
    (1, "hours", "en", "hour"), (0, "hours", "en", "hours"), (1, "people", "en", "person"),
    (1, "requests per month", "en", "request per month"), (1, "%", "fr", "%"),
])
def test_a_unit_agrees_with_its_number(number: float, unit: str, lang: str,
                                       expected: str) -> None:
    assert agree(number, unit, lang) == expected


def test_counts_and_singulars() -> None:
    assert count(1, "personne réticente", "fr", "personnes réticentes") == \
        "1\u00a0personne réticente"
    assert count(3, "personne", "fr") == "3\u00a0personnes"
    assert count(2, "entry", "en") == "2\u00a0entries" and count(1, "hour", "en") == "1\u00a0hour"
    assert count(1150, "client", "fr", shown="1\u202f150") == "1\u202f150\u00a0clients"
    assert singular("journaux", "fr") == "journal" and singular("boxes", "en") == "box"


def test_lists() -> None:
    assert join(["A", "B", "C"], "fr") == "A, B et C"
    assert join(["A", "B"], "en") == "A and B"
    assert join(["A", "B"], "fr", "ou") == "A ou B"
    assert join(["A"], "fr") == "A" and join([], "en") == ""


@pytest.mark.parametrize(("role", "feminine"), [
    ("Utilisatrice clé SAV", True), ("Directrice générale", True), ("Cheffe de projet", True),
    ("Technico-commerciale", True), ("Directeur commercial", False),
    ("Responsable de l'administration des ventes", False), ("Utilisateur clé", False),
])
def test_gender_follows_the_role_as_entered(role: str, feminine: bool) -> None:
    assert feminine_role(role) is feminine
    assert key_user(role, "fr") == ("utilisatrice clé" if feminine else "utilisateur clé")
    assert key_user(role, "en") == "key user"


def test_one_name_for_the_vendor_per_procedure() -> None:
    private, public = vendor_terms("fr"), vendor_terms("fr", "public_tender")
    assert (private.bidder, private.contractor) == ("l'éditeur", "le prestataire retenu")
    assert (public.bidder, public.contractor) == ("le candidat", "le titulaire")
    assert vendor_terms("en").contractor == "the selected supplier"
    assert vendor_terms("en", "public_adapted").bidders == "the bidders"
