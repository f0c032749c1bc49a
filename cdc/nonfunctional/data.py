"""Personal data and the company's data: GDPR duties, reversibility, migration, no reuse."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cdc.answers import is_answered
from cdc.nonfunctional.base import Nfr, fmt_count, fmt_hours, fmt_number, join_and, lower_first, tr
from cdc.wording import Answers, contract, organisation


def _purposes(a: Answers) -> list[Mapping[str, Any]]:
    raw = a.get("processing_purposes") or []
    return [p for p in raw if isinstance(p, Mapping) and is_answered(p.get("purpose"))]


def _legal_basis(a: Answers, lang: str) -> Nfr | None:
    if a.get("personal_data") is not True:
        return None
    items = []
    for p in _purposes(a):
        basis = p.get("legal_basis")
        label = a.label_field("processing_purposes", "legal_basis", basis, lang) if basis else "?"
        purpose = str(p["purpose"]).strip()
        # "(consent)" after a purpose that already ends in brackets would read "(...) (...)"
        items.append(f"{purpose} – {label}" if purpose.endswith(")") else f"{purpose} ({label})")
    if not items:
        return None
    return Nfr(tr(lang, f"Le CRM doit enregistrer, pour chaque personne, la base légale de chaque "
                        f"traitement : {' ; '.join(items)}, et la preuve du consentement (date, "
                        f"source, texte) lorsque la base est le consentement.",
                  f"The CRM shall record, for each person, the legal basis of each processing "
                  f"purpose: {'; '.join(items)}, and the proof of consent (date, source, wording) "
                  f"when the basis is consent."),
               tr(lang, "La fiche d'un contact de test affiche la base légale de chaque "
                        "traitement "
                        "et la preuve de son consentement.",
                  "A test contact's record shows the legal basis of each purpose and the proof "
                  "of consent."),
               a.source("processing_purposes"), verification="demonstration")


def _retention(a: Answers, lang: str) -> Nfr | None:
    if a.get("personal_data") is not True:
        return None
    items = [f"{p['purpose']}{tr(lang, ' : ', ': ')}{lower_first(str(p['retention']))}"
             for p in _purposes(a) if is_answered(p.get("retention"))]
    if not items:
        return None
    return Nfr(tr(lang, f"Le CRM doit supprimer ou anonymiser automatiquement les données "
                        f"personnelles à la fin de leur durée de conservation : "
                        f"{' ; '.join(items)}.",
                  f"The CRM shall automatically delete or anonymise personal data at the end "
                  f"of its "
                  f"retention period: {'; '.join(items)}."),
               tr(lang, "Une fiche de test dont la durée est échue est purgée ou anonymisée au "
                        "passage suivant du traitement de purge, tracé dans le journal.",
                  "A test record whose period has expired is purged or anonymised at the next "
                  "run of the purge job, recorded in the log."),
               a.source("processing_purposes", "automatic_purge"), verification="test")


def _data_subject_rights(a: Answers, lang: str) -> Nfr | None:
    rights = a.get("data_subject_rights") or []
    if a.get("personal_data") is not True or not rights:
        return None
    labels = {"access": ("accès", "access"), "rectification": ("rectification", "rectification"),
              "erasure": ("effacement", "erasure"), "portability": ("portabilité", "portability"),
              "restriction": ("limitation", "restriction"),
              "objection": ("opposition", "objection")}
    listed = join_and([labels[r][0 if lang == "fr" else 1] for r in rights if r in labels], lang)
    return Nfr(tr(lang, f"Le CRM doit traiter les demandes d'exercice des droits ({listed}) en "
                        f"retrouvant une personne dans chaque module, en exportant ses données "
                        f"et en propageant l'effacement aux pièces jointes et aux outils "
                        f"marketing connectés.",
                  f"The CRM shall process data-subject requests ({listed}) by finding a person "
                  f"in each module, exporting their data and propagating erasure to attachments "
                  f"and connected marketing tools."),
               tr(lang, "Pour un contact de test, produire l'export de ses données en moins de 15 "
                        "minutes, puis l'effacer ; il n'apparaît plus dans aucun module.",
                  "For a test contact, produce the export of their data in less than 15 minutes, "
                  "then erase them; they no longer appear in any module."),
               a.source("data_subject_rights"), verification="demonstration")


def _processor_agreement(a: Answers, lang: str) -> Nfr | None:
    if a.get("processor_agreement") is not True:
        return None
    return Nfr(tr(lang, "Le titulaire doit signer un accord de sous-traitance conforme à "
                        "l'article 28 du RGPD, listant ses sous-traitants ultérieurs et leur "
                        "localisation.",
                  "The vendor shall sign a data processing agreement complying with GDPR article "
                  "28, listing its sub-processors and their location."),
               tr(lang, "Le projet d'accord est joint à l'offre.",
                  "The draft agreement is attached to the offer."),
               a.source("processor_agreement"), eliminatory=True)


def _breach(a: Answers, lang: str) -> Nfr | None:
    hours = a.get("breach_notification_hours")
    if hours is None:
        return None
    org = organisation(a, lang)
    return Nfr(tr(lang, f"Le titulaire doit notifier {contract('à', org)} toute violation de "
                        f"données "
                        f"personnelles dans un délai de {fmt_hours(hours, 'fr')} après sa "
                        f"découverte.",
                  f"The vendor shall notify {org} of any personal-data breach within "
                  f"{fmt_hours(hours, 'en')} of its discovery."),
               tr(lang, "La procédure de gestion des incidents et le contrat mentionnent ce "
                        "délai.",
                  "The incident procedure and the contract state this time limit."),
               a.source("breach_notification_hours"))


def _reversibility(a: Answers, lang: str) -> Nfr | None:
    formats = a.get("reversibility_formats") or []
    if not formats:
        return None
    names = {"csv": "CSV", "xlsx": "XLSX", "json": "JSON", "sql": "SQL"}
    files = [names.get(f, str(f)) for f in formats if f != "api"]
    ways_fr, ways_en = [], []
    if files:
        ways_fr.append(f"au{'x' if len(files) > 1 else ''} format{'s' if len(files) > 1 else ''} "
                       f"{join_and(files, 'fr')}")
        ways_en.append(f"in the {join_and(files, 'en')} format{'s' if len(files) > 1 else ''}")
    if "api" in formats:
        ways_fr.append("par son API")
        ways_en.append("through its API")
    return Nfr(tr(lang, f"Le titulaire doit restituer en fin de contrat la totalité des données, "
                        f"pièces jointes et historiques {' et '.join(ways_fr)}, puis fournir un "
                        f"certificat de destruction.",
                  f"At the end of the contract the vendor shall return the complete data, "
                  f"attachments and history {' and '.join(ways_en)}, then provide a deletion "
                  f"certificate."),
               tr(lang, "Un export complet fait en recette est relu sans perte par un outil "
                        "tiers.",
                  "A complete export made during acceptance is read back without loss by a "
                  "third-party tool."),
               a.source("reversibility_formats"), verification="test")


def _migration_volume(a: Answers, lang: str) -> Nfr | None:
    if a.get("migration_needed") is not True:
        return None
    records = a.get("migration_records")
    if records is None:
        return None
    trials = a.get("trial_migrations")
    count = f"{int(records):,}".replace(",", "\u202f" if lang == "fr" else ",")
    trial_fr = f", après {fmt_count(trials, 'fr', 'migration', 'x')} à blanc" if trials else ""
    trial_en = f", after {fmt_count(trials, 'en', 'x', 'trial migration')}" if trials else ""
    return Nfr(tr(lang, f"Le titulaire doit reprendre les {count} enregistrements existants dans "
                        f"le CRM{trial_fr}, avec un rapport de rapprochement des volumes par "
                        f"objet.",
                  f"The vendor shall migrate the {count} existing records into the CRM{trial_en}, "
                  f"with a reconciliation report of the volumes per object."),
               tr(lang, "Le rapport de rapprochement montre un écart nul, ou chaque écart "
                        "justifié.",
                  "The reconciliation report shows no gap, or each gap explained."),
               a.source("migration_needed", "migration_records"), verification="analysis")


def _migration_history(a: Answers, lang: str) -> Nfr | None:
    """The depth of history to migrate, as the answers give it (``history_years``), within the
    migration scope part 4 describes: no list of objects the answers did not name."""
    if a.get("migration_needed") is not True:
        return None
    years = a.get("history_years")
    if years is None or float(years) <= 0:
        return None
    one = float(years) == 1
    fr = "la dernière année" if one else f"les {fmt_number(years, 'fr')} dernières années"
    of_fr = "de la dernière année" if one else f"des {fmt_number(years, 'fr')} dernières années"
    en = "the last year" if one else f"the last {fmt_number(years, 'en')} years"
    scope = a.get("migration_scope") is not None
    within_fr = ", sur le périmètre de reprise décrit dans la partie 4" if scope else ""
    within_en = ", within the migration scope described in part 4" if scope else ""
    return Nfr(tr(lang, f"La reprise doit inclure l'historique des fiches reprises sur {fr}"
                        f"{within_fr}.",
                  f"The migration shall include the history of the migrated records over {en}"
                  f"{within_en}."),
               tr(lang, f"Sur 20 fiches tirées au hasard, l'historique {of_fr} est présent et "
                        f"identique à la source.",
                  f"On 20 random records, the history of {en} is present and identical to "
                  f"the source."),
               a.source("history_years"), priority="should", verification="test")


def _no_ai_training(a: Answers, lang: str) -> Nfr | None:
    if a.get("ai_training_allowed") is not False:
        return None
    org = organisation(a, lang)
    return Nfr(tr(lang, f"Le titulaire ne doit réutiliser les données {contract('de', org)} pour "
                        "aucune autre finalité que le service, entraînement de modèles d'IA "
                        "compris.",
                  f"The vendor shall not reuse {org}'s data for any purpose other than the "
                  "service, AI model training included."),
               tr(lang, "Le contrat contient cette clause.", "The contract contains this clause."),
               a.source("ai_training_allowed"))


RULES = {
    "NFR-011": _legal_basis,
    "NFR-012": _retention,
    "NFR-013": _data_subject_rights,
    "NFR-014": _processor_agreement,
    "NFR-015": _breach,
    "NFR-016": _reversibility,
    "NFR-021": _migration_volume,
    "NFR-022": _migration_history,
    "NFR-023": _no_ai_training,
}
