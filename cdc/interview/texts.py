"""Every word the interview itself says, in French and English.

The questions, help texts and choice labels come from the bank; this table holds only the
interview's own words (welcome, progress, buttons, error messages). French strings are written
with ordinary spaces and get their non-breaking spaces (before ``: ; ? !``, inside « ») here, once.
"""

from __future__ import annotations

from cdc.typography import NBSP, french

_FR: dict[str, str] = {
    "welcome_title": "Entretien de cadrage CRM",
    "welcome_intro": (
        "Cet entretien guidé recueille tout ce qu'il faut pour rédiger le cahier des charges "
        "de votre projet CRM : l'entreprise, ses flux de données, les besoins, les contraintes "
        "techniques, le planning et l'équipe. Il n'y a pas de mauvaise réponse."
    ),
    "welcome_parts": "Les parties, et leur durée approximative :",
    "minutes": "{n}",
    "welcome_saved": "Chaque réponse est enregistrée aussitôt dans {file}.",
    "welcome_stop": (
        "Vous pouvez vous arrêter à tout moment avec Ctrl-C : relancez la même commande pour "
        "reprendre là où vous en étiez."
    ),
    "welcome_unknown": (
        "Vous ne savez pas encore ? Tapez ? : la question sera notée « à préciser »."
    ),
    "welcome_resume": "Reprise : {answered} réponse(s) déjà enregistrée(s) dans {file}.",
    "respondent_intro": "Pour la traçabilité du document, qui répond aujourd'hui ?",
    "respondent_name": "Votre nom (prénom et nom)",
    "respondent_role": "Votre fonction",
    "respondent_needed": "Indiquez un nom, pour savoir qui a dit quoi.",
    "respondent_known": "Personne interrogée : {name} ({role}).",
    "respondent_other": "Quelqu'un d'autre répond ? Relancez avec : {command}",
    "respondent_placeholder": "Prénom Nom",
    "welcome_role": (
        "Entretien « {role} » : seules les questions qui concernent ce rôle, environ {n}."
    ),
    "bad_role_part": (
        "le rôle {role} n'a pas de question dans la partie {part} ; ses parties : {parts}"
    ),
    "note_prompt": "Que manque-t-il ? (facultatif ; Entrée pour passer)",
    "none_given": "aucune",
    "welcome_left": "Il reste environ {n}.",
    "merge_next": (
        "Quand toutes les personnes auront été interrogées, réunissez leurs réponses : {command}"
    ),
    "project_file": "projet.yaml",
    "other_files": "AUTRE.yaml...",
    "part_header": "Partie {number} : {title}",
    "part_minutes": "environ {n}",
    "progress": "Partie {number} · {title} · question {k} sur {n} · {percent} % de l'ensemble",
    "required": "Obligatoire",
    "internal": "Réponse interne : absente du cahier des charges envoyé aux éditeurs",
    "example": "Exemple : {text}",
    "unit": "en {unit}",
    "hint_unknown": "? = je ne sais pas encore",
    "hint_skip": "Entrée pour passer",
    "hint_keep": "Entrée pour garder",
    "hint_multiline": "plusieurs lignes possibles ; une ligne vide pour terminer",
    "hint_date": "JJ/MM/AAAA, AAAA-MM-JJ ou « aujourd'hui »",
    "hint_select": "flèches puis Entrée",
    "hint_search": "flèches puis Entrée ; tapez un mot pour filtrer",
    "hint_checkbox": "flèches, Espace pour cocher, Entrée pour valider",
    "unknown": "Je ne sais pas encore (à préciser)",
    "skip": "Passer cette question",
    "todo_default": "à préciser",
    "open_point": "à préciser",
    "open_point_note": "à préciser : {note}",
    "yes": "Oui",
    "no": "Non",
    "err_required": "Une réponse est nécessaire. Tapez ? si vous ne savez pas encore.",
    "err_integer": "Écrivez un nombre entier, en chiffres, par exemple 1200.",
    "err_number": "Écrivez un nombre, en chiffres, par exemple 12,5.",
    "err_date": "Écrivez une date comme 29/11/2026 (ou 2026-11-29).",
    "err_no_such_date": "Cette date n'existe pas.",
    "err_minimum": "Au minimum {limit}.",
    "err_maximum": "Au maximum {limit}.",
    "err_none_checked": "Cochez au moins une réponse, ou « Je ne sais pas encore ».",
    "records": "Déjà saisies ({n}) :",
    "no_records": "Aucune ligne « {item} » pour l'instant.",
    "add_first": "Ajouter une ligne « {item} » ?",
    "add_another": "Ajouter une autre ligne « {item} » ?",
    "record_header": "{item} n° {n}",
    "group_unknown": "Je ne sais pas encore (à préciser)",
    "interrupted": (
        "Entretien interrompu. Toutes vos réponses sont enregistrées dans {file}.\n"
        "Pour reprendre là où vous en étiez : {command}"
    ),
    "interrupted_empty": "Entretien interrompu avant la première réponse ; rien n'a été écrit.",
    "all_done": "Toutes les questions ont une réponse.",
    "part_done": "Partie {number} terminée.",
    "review_part_title": "Partie {number} : {title}",
    "col_question": "Question",
    "col_answer": "Réponse",
    "col_status": "État",
    "col_part": "Partie",
    "col_done": "Répondu",
    "col_open": "À préciser",
    "col_missing": "Manquant",
    "status_answered": "répondu",
    "status_open": "à préciser",
    "status_missing": "manquant",
    "status_empty": "—",
    "review_pick_part": "Quelle partie voulez-vous relire ?",
    "review_pick": "Quelle réponse voulez-vous modifier ?",
    "review_done": "Terminer la relecture",
    "review_back": "Revenir à la liste des parties",
    "group_action": "Que voulez-vous faire ?",
    "group_add": "Ajouter une ligne « {item} »",
    "group_edit": "Modifier : {label}",
    "group_remove": "Supprimer : {label}",
    "group_unknown_action": "Marquer la liste « à préciser »",
    "group_back": "Revenir au récapitulatif",
    "removed": "Supprimé.",
    "dropped": "Retiré, car la question ne s'applique plus : {items}",
    "render_offer": "Produire le document maintenant ?",
    "render_formats": "Dans quels formats ?",
    "render_running": "Production du document…",
    "render_failed": "Le document n'a pas pu être produit : {error}",
    "render_done": "Écrit : {file}",
    "render_later": "Pour produire le document plus tard : {command}",
    "goodbye": "Merci ! Vérifiez le fichier à tout moment avec : {command}",
    "no_tty": "cdc interview a besoin d'un terminal interactif (l'entrée standard n'en est pas un)",
    "no_tty_hint": (
        "Sans terminal, remplissez le fichier à la main : cdc new {file}, modifiez-le, puis "
        "cdc validate {file} et cdc render {file}."
    ),
    "bad_part": "il n'y a pas de partie {part} ; les parties vont de {first} à {last}",
    "overview_title": "Avancement par partie",
    "total_minutes": "Au total, environ {n}, en une ou plusieurs fois.",
    "one_part": "Pour ne traiter qu'une partie : {command}",
}

_EN: dict[str, str] = {
    "welcome_title": "CRM scoping interview",
    "welcome_intro": (
        "This guided interview gathers everything needed to write the requirements "
        "specification of your CRM project: the company, its data flows, the needs, the "
        "technical constraints, the planning and the team. There are no wrong answers."
    ),
    "welcome_parts": "The parts, and roughly how long each takes:",
    "minutes": "{n}",
    "welcome_saved": "Every answer is saved at once in {file}.",
    "welcome_stop": (
        "You can stop at any time with Ctrl-C: run the same command again to pick up where "
        "you left off."
    ),
    "welcome_unknown": "Don't know yet? Type ?: the question is noted \"to be confirmed\".",
    "welcome_resume": "Resuming: {answered} answer(s) already saved in {file}.",
    "respondent_intro": "For the document's traceability, who is answering today?",
    "respondent_name": "Your name (first and last)",
    "respondent_role": "Your position",
    "respondent_needed": "Give a name, so that we know who said what.",
    "respondent_known": "Respondent: {name} ({role}).",
    "respondent_other": "Someone else answering? Run: {command}",
    "respondent_placeholder": "First Last",
    "welcome_role": "\"{role}\" interview: only the questions of this role, about {n}.",
    "bad_role_part": "role {role} has no question in part {part}; its parts: {parts}",
    "note_prompt": "What is missing? (optional; Enter to skip)",
    "none_given": "none",
    "welcome_left": "About {n} left.",
    "merge_next": "Once everyone has been interviewed, bring their answers together: {command}",
    "project_file": "project.yaml",
    "other_files": "OTHER.yaml...",
    "part_header": "Part {number}: {title}",
    "part_minutes": "about {n}",
    "progress": "Part {number} · {title} · question {k} of {n} · {percent}% of the whole",
    "required": "Required",
    "internal": "Internal answer: left out of the specification sent to vendors",
    "example": "Example: {text}",
    "unit": "in {unit}",
    "hint_unknown": "? = I don't know yet",
    "hint_skip": "Enter to skip",
    "hint_keep": "Enter to keep",
    "hint_multiline": "several lines allowed; an empty line to finish",
    "hint_date": "YYYY-MM-DD, DD/MM/YYYY or \"today\"",
    "hint_select": "arrows, then Enter",
    "hint_search": "arrows, then Enter; type a word to filter",
    "hint_checkbox": "arrows, Space to tick, Enter to confirm",
    "unknown": "I don't know yet (to be confirmed)",
    "skip": "Skip this question",
    "todo_default": "to be confirmed",
    "open_point": "to be confirmed",
    "open_point_note": "to be confirmed: {note}",
    "yes": "Yes",
    "no": "No",
    "err_required": "An answer is needed. Type ? if you don't know yet.",
    "err_integer": "Write a whole number, in digits, e.g. 1200.",
    "err_number": "Write a number, in digits, e.g. 12.5.",
    "err_date": "Write a date such as 2026-11-29 (or 29/11/2026).",
    "err_no_such_date": "This date does not exist.",
    "err_minimum": "At least {limit}.",
    "err_maximum": "At most {limit}.",
    "err_none_checked": "Tick at least one answer, or \"I don't know yet\".",
    "records": "Already entered ({n}):",
    "no_records": "No {item} yet.",
    "add_first": "Add {a_item}?",
    "add_another": "Add another {item}?",
    "record_header": "{item} no. {n}",
    "group_unknown": "I don't know yet (to be confirmed)",
    "interrupted": (
        "Interview stopped. Every answer is saved in {file}.\n"
        "To pick up where you left off: {command}"
    ),
    "interrupted_empty": "Interview stopped before the first answer; nothing was written.",
    "all_done": "Every question has an answer.",
    "part_done": "Part {number} done.",
    "review_part_title": "Part {number}: {title}",
    "col_question": "Question",
    "col_answer": "Answer",
    "col_status": "Status",
    "col_part": "Part",
    "col_done": "Answered",
    "col_open": "To confirm",
    "col_missing": "Missing",
    "status_answered": "answered",
    "status_open": "to be confirmed",
    "status_missing": "missing",
    "status_empty": "—",
    "review_pick_part": "Which part do you want to review?",
    "review_pick": "Which answer do you want to change?",
    "review_done": "Finish the review",
    "review_back": "Back to the list of parts",
    "group_action": "What do you want to do?",
    "group_add": "Add {a_item}",
    "group_edit": "Change: {label}",
    "group_remove": "Remove: {label}",
    "group_unknown_action": "Mark the list \"to be confirmed\"",
    "group_back": "Back to the summary",
    "removed": "Removed.",
    "dropped": "Removed, as the question no longer applies: {items}",
    "render_offer": "Produce the document now?",
    "render_formats": "In which formats?",
    "render_running": "Producing the document…",
    "render_failed": "The document could not be produced: {error}",
    "render_done": "Written: {file}",
    "render_later": "To produce the document later: {command}",
    "goodbye": "Thank you! Check the file at any time with: {command}",
    "no_tty": "cdc interview needs an interactive terminal (standard input is not one)",
    "no_tty_hint": (
        "Without a terminal, fill the file in by hand: cdc new {file}, edit it, then "
        "cdc validate {file} and cdc render {file}."
    ),
    "bad_part": "there is no part {part}; parts go from {first} to {last}",
    "overview_title": "Progress by part",
    "total_minutes": "About {n} in all, in one sitting or several.",
    "one_part": "To cover one part only: {command}",
}

WORDS: dict[str, dict[str, str]] = {
    "fr": {key: french(value) for key, value in _FR.items()},
    "en": dict(_EN),
}


def duration(lang: str, minutes: int) -> str:
    """``95`` → "1 h 35" in French, "1 h 35 min" in English; "40 min" under an hour."""
    if minutes < 60:
        return f"{minutes}{NBSP}min"
    hours, rest = divmod(minutes, 60)
    text = f"{hours}{NBSP}h"
    if rest:
        text += f"{NBSP}{rest:02d}" + ("" if lang == "fr" else f"{NBSP}min")
    return text


def word(lang: str, key: str, **values: object) -> str:
    """The interview's text ``key`` in ``lang``, with ``{placeholders}`` filled.

    ``{a_item}`` is ``{item}`` with its English article ("a revision", "an accepted term").
    """
    table = WORDS["en" if lang == "en" else "fr"]
    text = table[key]
    if "item" in values:
        item = str(values["item"])
        values.setdefault("a_item", ("an " if item[:1].lower() in "aeiou" else "a ") + item)
    return text.format(**values) if values else text
