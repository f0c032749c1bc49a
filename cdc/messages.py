"""The problems of ``cdc validate`` and ``cdc check`` in the answers file's language.

Validation writes its messages once, in English, with the variable parts (ids, values, lines)
inside them; this module turns each message and hint into French with one pattern per message,
kept together so that a new message is translated in one place. A message no pattern knows is
left as it is (the test suite checks that every message it can provoke has its pattern).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from cdc.errors import Problem
from cdc.typography import NBSP, NNBSP

_DESCRIBE: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"^yes/no \((true|false)\)$"), lambda m: "oui/non (" + (
        "oui" if m[1] == "true" else "non") + ")"),
    (re.compile(r"^a date \((.*)\)$"), lambda m: f"une date ({m[1]})"),
    (re.compile(r"^a number \((.*)\)$"), lambda m: f"un nombre ({m[1]})"),
    (re.compile(r"^text \('(.*)'\)$", re.S), lambda m: f"du texte (« {m[1]} »)"),
    (re.compile(r"^text \((.*)\)$", re.S), lambda m: f"du texte ({m[1]})"),
    (re.compile(r"^a list$"), lambda m: "une liste"),
    (re.compile(r"^a mapping$"), lambda m: "un ensemble de « clé : valeur »"),
]


def _described(text: str) -> str:
    for pattern, french in _DESCRIBE:
        match = pattern.match(text)
        if match:
            return french(match)
    return text


# (English pattern, French template); {name} fills a named group, {name!d} a described value.
_MESSAGES: list[tuple[str, str]] = [
    (r"(?P<q>[\w.\[\]]+): expected text, got (?P<v>.+)",
     "{q} : du texte est attendu, pas {v!d}"),
    (r"(?P<q>[\w.\[\]]+): expected a whole number, got (?P<v>.+)",
     "{q} : un nombre entier est attendu, pas {v!d}"),
    (r"(?P<q>[\w.\[\]]+): expected a number, got (?P<v>.+)",
     "{q} : un nombre est attendu, pas {v!d}"),
    (r"(?P<q>[\w.\[\]]+): expected yes or no, got (?P<v>.+)",
     "{q} : oui ou non est attendu, pas {v!d}"),
    (r"(?P<q>[\w.\[\]]+): expected a list of choices, got (?P<v>.+)",
     "{q} : une liste de choix est attendue, pas {v!d}"),
    (r"(?P<q>[\w.\[\]]+): '(?P<v>.*)' is not one of the choices",
     "{q} : « {v} » ne fait pas partie des choix"),
    (r"(?P<q>[\w.\[\]]+): '(?P<v>.*)' is not a real date \(no such day in the calendar\)",
     "{q} : « {v} » n'existe pas dans le calendrier"),
    (r"(?P<q>[\w.\[\]]+): '(?P<v>.*)' is not a date", "{q} : « {v} » n'est pas une date"),
    (r"(?P<q>[\w.\[\]]+): (?P<d>\S+) is outside the years (?P<a>\d+) to (?P<b>\d+)",
     "{q} : {d} est en dehors des années {a} à {b}"),
    (r"(?P<q>[\w.\[\]]+): (?P<n>.+?) is below the minimum (?P<m>\S+)",
     "{q} : {n} est inférieur au minimum {m}"),
    (r"(?P<q>[\w.\[\]]+): (?P<n>.+?) is above the maximum (?P<m>\S+)",
     "{q} : {n} dépasse le maximum {m}"),
    (r"(?P<q>[\w.\[\]]+): a choice is listed twice", "{q} : un choix figure deux fois"),
    (r"(?P<q>[\w.\[\]]+): an open point is written \{todo: \"what is missing\"\}",
     "{q} : un point ouvert s'écrit {{todo: \"ce qui manque\"}}"),
    (r"(?P<q>[\w.\[\]]+): '(?P<g>\w+)' is a list of records, got (?P<v>.+)",
     "{q} : « {g} » est une liste de lignes, pas {v!d}"),
    (r"(?P<q>[\w.\[\]]+): YAML reads this answer as the number (?P<n>\S+)",
     "{q} : YAML lit cette réponse comme le nombre {n}"),
    (r"required question '(?P<q>\w+)' is not answered yet",
     "la question obligatoire « {q} » n'a pas encore de réponse"),
    (r"(?P<g>\w+)\[(?P<i>\d+)\]: required field '(?P<f>\w+)' is empty",
     "{g}[{i}] : le champ obligatoire « {f} » est vide"),
    (r"(?P<g>\w+)\[(?P<i>\d+)\]: unknown field '(?P<f>.+)'",
     "{g}[{i}] : champ inconnu « {f} »"),
    (r"(?P<g>\w+)\[(?P<i>\d+)\]: each (?P<item>.+) must be a set of 'field: value' lines, "
     r"not (?P<v>.+)",
     "{g}[{i}] : chaque ligne doit être un ensemble de « champ : valeur », pas {v!d}"),
    (r"unknown question '(?P<q>.+)' in '(?P<p>\w+)'",
     "question inconnue « {q} » dans « {p} »"),
    (r"unknown part '(?P<p>.+)'", "partie inconnue « {p} »"),
    (r"'(?P<p>\w+)' must hold the part's answers as 'question: answer' lines, not (?P<v>.+)",
     "« {p} » doit contenir les réponses de la partie en lignes « question : réponse », pas "
     "{v!d}"),
    (r"answer ignored: it only applies when (?P<c>.+)",
     "réponse ignorée : la question ne s'applique que si {c!c}"),
    (r"the file is empty", "le fichier est vide"),
    (r"the file must be a mapping of parts, not (?P<v>.+)",
     "le fichier doit être un ensemble de parties, pas {v!d}"),
    (r"no schema_version; assuming 1", "pas de schema_version ; la version 1 est supposée"),
    (r"schema_version (?P<v>.+) is not supported by this cdc \(it reads version (?P<n>\d+)\)",
     "schema_version {v} n'est pas pris en charge par ce cdc (il lit la version {n})"),
    (r"YAML syntax error: (?P<w>.+)", "erreur de syntaxe YAML : {w!y}"),
    (r"YAML error: (?P<w>.+)", "erreur YAML : {w!y}"),
    (r"the value '(?P<v>.*)' does not fit its tag (?P<t>.+)",
     "la valeur « {v} » ne correspond pas à son étiquette {t}"),
    (r"the value (?P<v>.+) does not fit its tag (?P<t>.+)",
     "la valeur {v} ne correspond pas à son étiquette {t}"),
    (r"the text contains the character (?P<c>\S+), which no document format can hold",
     "le texte contient le caractère {c}, qu'aucun format de document ne peut contenir"),
    (r"the key contains a character no document format can hold",
     "la clé contient un caractère qu'aucun format de document ne peut contenir"),
    (r"a key must be a plain word, not a list, a mapping or a tagged value",
     "une clé doit être un simple mot, pas une liste, un ensemble ou une valeur étiquetée"),
    (r"a merge key \(<<\) must refer to a mapping or a list of mappings",
     "une clé de fusion (<<) doit désigner un ensemble ou une liste d'ensembles"),
    (r"this is a folder, not a file", "c'est un dossier, pas un fichier"),
    (r"the file is (?P<s>[\d.]+) MB; (?P<w>.+) are limited to (?P<m>\d+) MB",
     "le fichier pèse {s} Mo ; la limite est de {m} Mo"),
    (r"(?P<w>.+) are limited to (?P<m>\d+) MB", "la limite est de {m} Mo"),
    (r"cannot read the file: permission denied",
     "impossible de lire le fichier : permission refusée"),
    (r"cannot read the file: (?P<r>.+)", "impossible de lire le fichier : {r}"),
    (r"the file is encoded in UTF-16; cdc reads UTF-8",
     "le fichier est encodé en UTF-16 ; cdc lit l'UTF-8"),
    (r"byte 0x(?P<b>[0-9a-f]{2}) is not valid UTF-8", "l'octet 0x{b} n'est pas de l'UTF-8 valide"),
    (r"the file contains a NUL byte", "le fichier contient un octet NUL"),
    (r"refused: the values are nested too deeply",
     "refusé : les valeurs sont imbriquées trop profondément"),
    (r"refused: the values are nested more than (?P<n>\d+) levels deep",
     "refusé : les valeurs sont imbriquées sur plus de {n} niveaux"),
    (r"refused: an alias refers to itself \(recursive anchor\)",
     "refusé : un alias se désigne lui-même (ancre récursive)"),
    (r"refused: (?P<w>.+)", "refusé : {w}"),
    (r"YAML tag (?P<t>.+) is not allowed", "l'étiquette YAML {t} n'est pas autorisée"),
    (r"duplicate key '(?P<k>.+)' \(first given on line (?P<l>\d+)\)",
     "clé « {k} » en double (déjà ligne {l})"),
    (r"the award criteria's weights add up to (?P<n>\S+), not 100",
     "les poids des critères de choix totalisent {n}, et non 100"),
    (r"the payment milestones' shares add up to (?P<n>\S+) %, not 100 %",
     "les échéances de paiement totalisent {n} %, et non 100 %"),
    (r"'(?P<v>.*)' is not a time of day", "« {v} » n'est pas une heure"),
    (r"'(?P<v>.*)' is not an e-mail address", "« {v} » n'est pas une adresse e-mail"),
    (r"'(?P<v>.*)' is not a web address", "« {v} » n'est pas une adresse web"),
    (r"'(?P<v>.*)' is neither an e-mail nor a web address",
     "« {v} » n'est ni une adresse e-mail ni une adresse web"),
    (r"'(?P<v>.*)' is not a demonstration scenario of this specification",
     "« {v} » n'est pas un scénario de démonstration de ce cahier des charges"),
    (r"a new demonstration scenario needs a title",
     "un nouveau scénario de démonstration a besoin d'un titre"),
    (r"an 'other' award criterion needs its name",
     "un critère de choix « autre » a besoin de son intitulé"),
    (r"(?P<w>.+): (?P<a>\w+) \((?P<d1>[\d-]+)\) comes after (?P<b>\w+) \((?P<d2>[\d-]+)\)",
     "{w!t} : {a} ({d1}) vient après {b} ({d2})"),
    (r"unknown requirement id '(?P<i>.+)'", "identifiant d'exigence inconnu « {i} »"),
    (r"ref '(?P<r>.+)' is not an id of module '(?P<m>.+)'",
     "la référence « {r} » n'est pas un identifiant du module « {m} »"),
    (r"ref '(?P<r>.+)' is reserved for the standard catalogue",
     "la référence « {r} » est réservée au catalogue standard"),
    (r"ref '(?P<r>.+)' is already used by custom requirement (?P<n>\d+)",
     "la référence « {r} » est déjà prise par l'exigence propre n° {n}"),
    (r"(?P<i>[A-Z]{3}-\d+) is not in the specification \((?P<w>.+)\), so this change has no "
     r"effect",
     "{i} ne figure pas dans le cahier des charges ({w!r}) : cette modification est sans effet"),
    (r"(?P<i>[A-Z]{3}-\d+) is changed twice \(lines (?P<a>\d+) and (?P<b>\d+)\); the last one "
     r"applies",
     "{i} est modifiée deux fois (lignes {a} et {b}) ; la dernière modification s'applique"),
    (r"(?P<i>[A-Z]{3}-\d+): 'reprioritise' without a new priority keeps the current one",
     "{i} : « reprioritise » sans nouvelle priorité garde la priorité actuelle"),
    (r"(?P<i>[A-Z]{3}-\d+): the priority is only applied when the action is 'reprioritise'",
     "{i} : la priorité ne s'applique que si l'action est « reprioritise »"),
    (r"the requirement changes name unknown ids",
     "les modifications d'exigences citent des identifiants inconnus"),
    (r"(?P<f>.+): (?P<n>\d+) error\(s\); nothing was rendered",
     "{f} : {n} erreur(s) ; aucun document n'a été produit"),
    (r"(?P<f>.+): (?P<n>\d+) error\(s\); the grids cannot be compared with it",
     "{f} : {n} erreur(s) ; les grilles ne peuvent pas lui être comparées"),
]

_HINTS: list[tuple[str, str]] = [
    (r"Write the answer as text; quote it if YAML reads it as something else\.",
     "Écrivez la réponse comme du texte, entre guillemets si YAML la lit autrement."),
    (r"Write digits only, without spaces or units, e\.g\. 12000\.",
     "N'écrivez que des chiffres, sans espace ni unité, par exemple 12000."),
    (r"Write (?P<n>[\d.]+) \(no spaces\)\.", "Écrivez {n} (sans espace)."),
    (r"Round it: this counts things\.", "Arrondissez : ce chiffre compte des éléments."),
    (r"Check the figure and its unit \((?P<u>.+)\)\.", "Vérifiez le chiffre et son unité ({u})."),
    (r"Check the figure and its unit\.", "Vérifiez le chiffre et son unité."),
    (r"Write a real figure, e\.g\. 12000 \(\.nan and \.inf are not numbers a document can "
     r"print\)\.",
     "Écrivez un vrai chiffre, par exemple 12000 (.nan et .inf ne s'impriment pas dans un "
     "document)."),
    (r"Valid values: (?P<l>.+?)\.", "Valeurs possibles : {l}."),
    (r"The file starts with 'schema_version: 1' then 'meta:', 'company:'\.\.\.",
     "Le fichier commence par « schema_version: 1 », puis « meta: », « company: »…"),
    (r"Upgrade cdc, or check the number at the top of the file\.",
     "Mettez cdc à jour, ou vérifiez le numéro en tête du fichier."),
    (r"'(?P<k>.+)' is a question of part (?P<n>\d+): move it under '(?P<p>.+)'\.",
     "« {k} » est une question de la partie {n} : déplacez-la sous « {p} »."),
    (r"'(?P<k>.+)' belongs to part (?P<n>\d+): move it under '(?P<p>.+)'\.",
     "« {k} » appartient à la partie {n} : déplacez-la sous « {p} »."),
    (r"Top-level keys: (?P<l>.+)\.", "Clés de premier niveau : {l}."),
    (r"See the questions of this part: cdc questions --part (?P<n>\d+)",
     "Voyez les questions de cette partie : cdc questions --part {n}"),
    (r"Write each record as an item starting with '- ', e\.g\.\n(?P<e>.+)",
     "Écrivez chaque ligne comme un élément qui commence par « - », par exemple :\n{e}"),
    (r"Write the date as YYYY-MM-DD, e\.g\. 2026-11-29\.",
     "Écrivez la date au format AAAA-MM-JJ, par exemple 2026-11-29."),
    (r"Write the date as YYYY-MM-DD, or the month as YYYY-MM \(e\.g\. 2027-06\)\.",
     "Écrivez la date au format AAAA-MM-JJ, ou le mois au format AAAA-MM (2027-06)."),
    (r"Write (?P<d>\d{4}-\d{2}-\d{2}) \(YYYY-MM-DD\)\.", "Écrivez {d} (AAAA-MM-JJ)."),
    (r"Check the year: it is probably mistyped\.",
     "Vérifiez l'année : elle est probablement mal tapée."),
    (r"Write true or false \(yes/no also work\)\.",
     "Écrivez true ou false (yes/no fonctionnent aussi)."),
    (r"List each choice once\.", "Citez chaque choix une seule fois."),
    (r"Write a list, e\.g\. \[(?P<l>.*)\]\.", "Écrivez une liste, par exemple [{l}]."),
    (r"Choices: (?P<l>.+)\.", "Choix possibles : {l}."),
    (r"Write the value '(?P<v>.+)' \(the label is shown in the document\)\.",
     "Écrivez la valeur « {v} » (le libellé est celui du document)."),
    (r"Did you mean '(?P<w>.+)'\?", "Vouliez-vous dire « {w} » ?"),
    (r"Fields: (?P<l>.+)\.", "Champs : {l}."),
    (r"Remove it, or change the answer it depends on\.",
     "Supprimez-la, ou changez la réponse dont elle dépend."),
    (r"Start from a blank answers file: cdc new answers\.yaml",
     "Partez d'un fichier de réponses vierge : cdc new reponses.yaml"),
    (r"Add 'schema_version: 1' at the top of the file\.",
     "Ajoutez « schema_version: 1 » en tête du fichier."),
    (r"Keep only the todo key, with a short note or nothing\.",
     "Ne gardez que la clé todo, avec une note courte ou rien."),
    (r"If you meant text such as \"(?P<t>.+)\" \(a version, a code\), write it in quotes: "
     r"YAML drops the trailing zeros of a number\.",
     "S'il s'agit d'un texte (une version, un code), écrivez-le entre guillemets : \"{t}\" ; "
     "YAML supprime les zéros finaux d'un nombre."),
    (r"Adjust the weights so that they total 100 \(a percentage each\)\.",
     "Ajustez les poids pour qu'ils totalisent 100 (un pourcentage chacun)."),
    (r"Adjust the shares so that they total 100\.",
     "Ajustez les parts pour qu'elles totalisent 100."),
    (r"Write it as HH:MM, in quotes: \"12:00\"\.",
     "Écrivez-la au format HH:MM, entre guillemets : \"12:00\"."),
    (r"Write an address such as achats@exemple\.fr\.",
     "Écrivez une adresse comme achats@exemple.fr."),
    (r"Write the platform's address, starting with https://\.",
     "Écrivez l'adresse de la plateforme, qui commence par https://."),
    (r"Write an e-mail address or the platform's address \(https://…\)\.",
     "Écrivez une adresse e-mail ou l'adresse de la plateforme (https://…)."),
    (r"Put the consultation's dates in order\.",
     "Remettez les dates de la consultation dans l'ordre."),
    (r"Scenarios proposed: (?P<l>.+)\. Leave id empty to add a scenario\.",
     "Scénarios proposés : {l}. Laissez id vide pour ajouter un scénario."),
    (r"Give it a title, steps and an expected result\.",
     "Donnez-lui un titre, des étapes et un résultat attendu."),
    (r"Write what it assesses in label\.", "Écrivez ce qu'il évalue dans label."),
    (r"(?P<p>.+) \(cdc interview --part (?P<n>\d+), or edit the file; \{todo: \.\.\.\} marks "
     r"it as an open point\)",
     "{p} (cdc interview --part {n}, ou éditez le fichier ; {{todo: ...}} en fait un point "
     "ouvert)"),
    (r"Check the indentation \(spaces, not tabs\) and quote values that contain ': ' or start "
     r"with a special character such as \* & ! % @ `\.",
     "Vérifiez l'indentation (des espaces, pas de tabulations) et mettez entre guillemets les "
     "valeurs qui contiennent « : » ou commencent par un caractère spécial comme * & ! % @ `."),
    (r"Remove the tag: cdc reads plain text, numbers, dates, lists and mappings only\.",
     "Supprimez l'étiquette : cdc ne lit que du texte, des nombres, des dates, des listes et "
     "des ensembles."),
    (r"Remove the tag, or correct the value\.",
     "Supprimez l'étiquette, ou corrigez la valeur."),
    (r"Remove it \(it is usually the result of a bad copy and paste or of a \\u escape\)\.",
     "Supprimez-le (il vient en général d'un copier-coller raté ou d'un échappement \\u)."),
    (r"Retype the key\.", "Retapez la clé."),
    (r"Write keys as `name: value`\.", "Écrivez les clés sous la forme `nom: valeur`."),
    (r"Write the values out, or merge an anchored mapping: <<: \*name\.",
     "Écrivez les valeurs, ou fusionnez un ensemble ancré : <<: *nom."),
    (r"Keep one of the two entries: YAML would silently keep only the last\.",
     "Gardez une seule des deux entrées : YAML ne garderait que la dernière, sans le dire."),
    (r"Check that this is the right file: a complete answers file is a few dozen KB\.",
     "Vérifiez qu'il s'agit du bon fichier : un fichier de réponses complet pèse quelques "
     "dizaines de Ko."),
    (r"Check the file's permissions \(ls -l\), or run cdc as a user who may read it\.",
     "Vérifiez les droits du fichier (ls -l), ou lancez cdc avec un utilisateur qui peut le "
     "lire."),
    (r"Save the file as UTF-8 \(in most editors: Save as… > Encoding > UTF-8\)\.",
     "Enregistrez le fichier en UTF-8 (dans la plupart des éditeurs : Enregistrer sous… > "
     "Encodage > UTF-8)."),
    (r"Save the file as UTF-8; it was probably written as Latin-1 or Windows-1252\.",
     "Enregistrez le fichier en UTF-8 ; il a sans doute été écrit en Latin-1 ou "
     "Windows-1252."),
    (r"This is a binary file, not a YAML text file\.",
     "C'est un fichier binaire, pas un fichier texte YAML."),
    (r"An answers file needs only a few levels: part, question, record, field\.",
     "Un fichier de réponses n'a besoin que de quelques niveaux : partie, question, ligne, "
     "champ."),
    (r"Answers files do not need YAML anchors and aliases; write values out\.",
     "Les fichiers de réponses n'ont pas besoin d'ancres ni d'alias YAML ; écrivez les "
     "valeurs."),
    (r"Your own requirements are numbered from (?P<i>[A-Z]{3}-\d+)\.",
     "Vos exigences propres sont numérotées à partir de {i}."),
    (r"Each requirement keeps its own id\.", "Chaque exigence garde son propre identifiant."),
    (r"Write (?P<i>[A-Z]{3}-\d+) or a later number\.",
     "Écrivez {i} ou un numéro suivant."),
    (r"Ids look like CON-003 or NFR-004: see the response grid or the requirements annex\.",
     "Les identifiants ressemblent à CON-003 ou NFR-004 : voyez la grille de réponse ou "
     "l'annexe des exigences."),
    (r"Give priority: must, should, could or wont\.",
     "Donnez priority : must, should, could ou wont."),
    (r"Fix them, then run again \(cdc validate (?P<f>.+)\)\.",
     "Corrigez-les, puis relancez (cdc validate {f})."),
    (r"Fix them first \(cdc validate (?P<f>.+)\)\.",
     "Corrigez-les d'abord (cdc validate {f})."),
    (r"Fix the file, then run the command again\.",
     "Corrigez le fichier, puis relancez la commande."),
]

_CONDITIONS = [(re.compile(r"^(\w+) not equals "), r"\1 ne vaut pas "),
               (re.compile(r"^(\w+) equals "), r"\1 vaut "),
               (re.compile(r"^(\w+) contains "), r"\1 contient "),
               (re.compile(r"^(\w+) in "), r"\1 est parmi "),
               (re.compile(r"^(\w+) mentions "), r"\1 mentionne "),
               (re.compile(r"^(\w+) answered "), r"\1 a une réponse : ")]


def _condition(text: str) -> str:
    for pattern, french in _CONDITIONS:
        if pattern.match(text):
            return pattern.sub(french, text, count=1)
    return text


# PyYAML's reasons, phrase by phrase (the context, then the problem).
_YAML_PHRASES = [
    (r"while scanning a quoted scalar", "dans un texte entre guillemets"),
    (r"while scanning a simple key", "en lisant une clé"),
    (r"while scanning a block scalar", "dans un bloc de texte"),
    (r"while scanning an? (alias|anchor)", "en lisant une ancre ou un alias"),
    (r"while scanning a (directive|tag)", "en lisant une étiquette"),
    (r"while scanning for the next token", "en lisant le texte"),
    (r"while parsing a block mapping", "dans un bloc « clé : valeur »"),
    (r"while parsing a block collection", "dans une liste"),
    (r"while parsing a flow sequence", "dans une liste entre crochets"),
    (r"while parsing a flow mapping", "dans un ensemble entre accolades"),
    (r"while parsing a block node", "en lisant une valeur"),
    (r"while parsing a flow node", "en lisant une valeur"),
    (r"while constructing a mapping", "en lisant un ensemble"),
    (r"found unexpected end of stream", "le fichier se termine avant la fin du texte"),
    (r"found character '(.+)' that cannot start any token",
     "le caractère « \\1 » ne peut pas commencer une valeur"),
    (r"mapping values are not allowed here",
     "« : » n'est pas permis ici (mettez la valeur entre guillemets)"),
    (r"could not find expected ':'", "« : » manque"),
    (r"found a tab character (that violates indentation|where an indentation space is "
     r"expected)", "une tabulation se trouve dans l'indentation"),
    (r"expected (.+?), but (?:found|got) (.+)", "attendu\u00a0: \\1, trouvé\u00a0: \\2"),
    (r"'([^'<])' or '([^'<])'", "« \\1 » ou « \\2 »"),
    (r"<block end>", "la fin du bloc"),
    (r"'?<stream end>'?", "la fin du fichier"),
    (r"'?<block mapping start>'?", "une clé mal indentée"),
    (r"'?<block sequence start>'?", "une liste mal indentée"),
    (r"'?<document start>'?", "le début du document"),
    (r"'?<alias>'?", "un alias"),
    (r"'?<scalar>'?", "une valeur"),
    (r"'?<block entry>'?", "« - »"),
    (r"'-'", "« - »"),
    (r"'?<flow mapping end>'?", "« } »"),
    (r"'?<flow sequence end>'?", "« ] »"),
    (r"invalid YAML", "YAML invalide"),
]
_YAML_COMPILED = [(re.compile(p), f) for p, f in _YAML_PHRASES]


def _yaml_reason(text: str) -> str:
    for pattern, french_text in _YAML_COMPILED:
        text = pattern.sub(french_text, text)
    return text


_TIMELINE = {  # the consultation's dates that must come in order (cdc.consultation)
    "questions after the deadline": "questions reçues après la remise des offres",
    "shortlist before the offers": "présélection avant la remise des offres",
    "demonstrations before the offers": "démonstrations avant la remise des offres",
    "decision before the demonstrations": "décision avant les démonstrations",
    "decision before the offers": "décision avant la remise des offres",
    "project before the decision": "projet lancé avant la décision",
}


def _reason(text: str) -> str:
    """Why a requirement is not in the specification."""
    match = re.fullmatch(r"its condition on (\w+) does not hold", text)
    if match:
        return f"sa condition sur {match[1]} n'est pas remplie"
    match = re.fullmatch(r"module '(.+)' is not (.+)", text)
    if match:
        return f"le module « {match[1]} » n'est pas retenu dans mapping.crm_modules"
    if text == "no technical answer generates it":
        return "aucune réponse technique ne la produit"
    return text


_COMPILED = [(re.compile(f"^{p}$", re.S), t) for p, t in _MESSAGES]
_COMPILED_HINTS = [(re.compile(f"^{p}$", re.S), t) for p, t in _HINTS]
_FIELD = re.compile(r"\{(\w+)(![dcyrt])?\}")


_DIGITS = re.compile(r"… \((\d+) digits\)$")


def _fill(template: str, match: re.Match[str]) -> str:
    def value(field: re.Match[str]) -> str:
        text = _DIGITS.sub(r"… (\1 chiffres)", match.group(field[1]) or "")
        if field[2] == "!d":
            return _described(text)
        if field[2] == "!t":
            return _TIMELINE.get(text, text)
        if field[2] == "!r":
            return _reason(text)
        if field[2] == "!y":
            return _yaml_reason(text)
        return _condition(text) if field[2] == "!c" else text

    return _FIELD.sub(value, template).replace("{{", "{").replace("}}", "}")


# French spacing where the message already has a space: a no-break space before : ; ! ? %
# and inside « ». A colon with no space before it is YAML the user types ("schema_version: 1",
# "{todo: ...}") and stays as it is.
_SPACING = [(re.compile(r" ([;!?])(?=\s|$)"), NNBSP + r"\1"), (re.compile(r" :"), NBSP + ":"),
            (re.compile(r"« "), "«" + NBSP), (re.compile(r" »"), NBSP + "»"),
            (re.compile(r"(?<=\d) %"), NBSP + "%")]


def french(text: str, hint: bool = False) -> str | None:
    """``text`` in French, or None when no pattern knows it."""
    for pattern, template in (_COMPILED_HINTS if hint else _COMPILED):
        match = pattern.match(text)
        if match:
            result = _fill(template, match)
            for spaces, replacement in _SPACING:
                result = spaces.sub(replacement, result)
            return result
    return None


def _hint(text: str) -> str:
    """A hint may be several sentences: each is translated on its own."""
    whole = french(text, hint=True)
    if whole is not None:
        return whole
    parts = re.split(r"(?<=[.?)])\s+(?=[A-Z])", text)
    return " ".join(french(p, hint=True) or p for p in parts)


def in_language(problems: Iterable[Problem], lang: str) -> list[Problem]:
    """The problems in ``lang`` (English as written, or French)."""
    if lang != "fr":
        return list(problems)
    return [dataclasses.replace(p, message=french(p.message) or p.message,
                                hint=_hint(p.hint) if p.hint else p.hint) for p in problems]


_LANGUAGE_LINE = re.compile(r"^\s+language:\s*['\"]?(fr|en)\b", re.M)


def file_language(path: Path, data: object = None) -> str:
    """The language an answers file is written for: meta.language, read from the validated
    data, or from the text when the file could not be parsed; French by default."""
    meta = data.get("meta") if isinstance(data, dict) else None
    if isinstance(meta, dict) and meta.get("language") in ("fr", "en"):
        return str(meta["language"])
    try:
        match = _LANGUAGE_LINE.search(path.read_text(encoding="utf-8", errors="replace")[:20000])
    except OSError:
        return "fr"
    return match.group(1) if match else "fr"


def hint_label(lang: str) -> str:
    """The word before a hint, with its colon."""
    return f"conseil{NBSP}:" if lang == "fr" else "hint:"


def summary(valid: bool, errors: int, warnings: int, open_points: int, percent: int,
            lang: str) -> str:
    """The last line of ``cdc validate`` for one file, after its name."""
    if lang == "fr":
        return (f"{'valide' if valid else 'invalide'}{NBSP}: {errors} erreur(s), "
                f"{warnings} avertissement(s), {open_points} point(s) ouvert(s), "
                f"{percent}{NBSP}% de réponses")
    return (f"{'valid' if valid else 'invalid'}: {errors} error(s), {warnings} warning(s), "
            f"{open_points} open point(s), {percent} % answered")
