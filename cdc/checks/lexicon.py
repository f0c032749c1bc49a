"""Vague-wording lexicons (``lexicon_fr.yaml``, ``lexicon_en.yaml``) and the scanner using them.

The word lists are data: adding a term is a YAML edit. The scanner only knows three generic rules:
longest match wins when two terms overlap ("plus simple" over "simple"); a term whose entry names
``unless`` measure kinds is accepted when such a measure sits in the same clause ("rapide, en
moins de 2 s"); terms the project allows (its glossary, its allow-list) are accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cdc.checks.model import french_spacing
from cdc.yamlsource import load_data

CATEGORIES = (
    "subjective",
    "vague_quantity",
    "weak_verb",
    "loophole",
    "open_ended",
    "tbd",
    "absolute_comparative",
)

_HERE = Path(__file__).resolve().parent
TERM = "{term}"
"""Where a category's message names the words found: each message is a sentence for people
("Le terme « rapide » est subjectif : …"), not a label after a colon."""

# A pattern is matched as whole words, except at an end where it starts or stops with punctuation
# ("etc.", "...", "???"), which has no word boundary to respect.
_START = r"(?:(?<!\w)|(?=\W))"
_END = r"(?:(?!\w)|(?<=\W))"

# Clauses end at ; ! ? and line breaks, and at a full stop followed by a capital letter. A comma
# does not end a clause: "rapide, en moins de 2 s" keeps its measure.
_CLAUSE_END = re.compile(r"[;!?\n]|\.\s+(?=[A-ZÀ-ÖØ-Þ])")


@dataclass(frozen=True)
class Entry:
    """One line of a lexicon: a pattern, its category, when it is accepted, and a rewrite hint."""

    category: str
    pattern: re.Pattern[str]
    unless: tuple[str, ...]
    hint: str


@dataclass(frozen=True)
class Hit:
    """Vague words found in a text: where, the exact words, and the lexicon entry."""

    start: int
    end: int
    term: str
    category: str
    message: str
    hint: str


@dataclass(frozen=True)
class Lexicon:
    language: str
    entries: tuple[Entry, ...]
    measures: dict[str, re.Pattern[str]]
    messages: dict[str, str]
    hints: dict[str, str]
    starts: re.Pattern[str]
    """Every entry in one alternation: finds where a term may start, in one pass over the text
    (each entry is then tried only there: several times faster than one pass per entry)."""

    def _candidates(self, text: str) -> list[tuple[int, int, Entry]]:
        found = []
        position = 0
        while (match := self.starts.search(text, position)) is not None:
            at = match.start()
            for entry in self.entries:
                hit = entry.pattern.match(text, at)
                if hit is not None:
                    start, end = _term_span(hit)
                    if end > start:
                        found.append((start, end, entry))
            position = at + 1
        return found

    def scan(self, text: str, allowed: tuple[str, ...] = (),
             categories: frozenset[str] | None = None) -> list[Hit]:
        """Every vague term of ``text``, in reading order, minus measured and allowed ones.

        ``categories`` limits the scan to those categories (all by default).
        """
        candidates = [c for c in self._candidates(text)
                      if categories is None or c[2].category in categories]
        candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        kept: list[tuple[int, int, Entry]] = []
        for start, end, entry in candidates:
            if any(start < k_end and k_start < end for k_start, k_end, _ in kept):
                continue
            kept.append((start, end, entry))
        allowed_spans = _allowed_spans(text, allowed)
        clauses = _clauses(text)
        hits = []
        for start, end, entry in sorted(kept, key=lambda c: c[0]):
            term = text[start:end]
            if any(start < a_end and a_start < end for a_start, a_end in allowed_spans):
                continue
            if any(_same_word(term, word, entry) for word in allowed):
                continue
            if entry.unless and self._measured(text, start, clauses, entry.unless):
                continue
            hits.append(Hit(start, end, term, entry.category,
                            self.messages[entry.category].replace(TERM, term),
                            entry.hint or self.hints[entry.category]))
        return hits

    def _measured(self, text: str, position: int, clauses: list[tuple[int, int]],
                  kinds: tuple[str, ...]) -> bool:
        begin, stop = next(((b, e) for b, e in clauses if b <= position < e), (0, len(text)))
        clause = text[begin:stop]
        return any(self.measures[kind].search(clause) for kind in kinds)


def _term_span(match: re.Match[str]) -> tuple[int, int]:
    for name, value in match.groupdict().items():
        if name.startswith("t") and value is not None:
            return match.span(name)
    return match.span()


def _clauses(text: str) -> list[tuple[int, int]]:
    spans = []
    begin = 0
    for match in _CLAUSE_END.finditer(text):
        spans.append((begin, match.end()))
        begin = match.end()
    spans.append((begin, len(text)))
    return spans


def _allowed_spans(text: str, allowed: tuple[str, ...]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for word in allowed:
        if word.strip():
            spans.extend(m.span() for m in _word_pattern(word.strip()).finditer(text))
    return spans


@lru_cache(maxsize=256)
def _word_pattern(word: str) -> re.Pattern[str]:
    return re.compile(_START + re.escape(word) + _END, re.IGNORECASE)


def _same_word(term: str, allowed: str, entry: Entry) -> bool:
    """An allowed word also covers its inflections: allowing "rapide" accepts "rapides"."""
    word = allowed.strip().casefold()
    found = term.casefold()
    if not word:
        return False
    if word == found:
        return True
    if not entry.pattern.fullmatch(allowed.strip()):
        return False
    prefix = min(len(word) - 1, 5)
    return prefix >= 3 and found[:prefix] == word[:prefix]


@lru_cache(maxsize=4)
def load_lexicon(language: str) -> Lexicon:
    """The packaged lexicon of ``language`` ("fr" or "en"), read once per process (and kept
    parsed in the user's cache, :func:`cdc.cache.remember`)."""
    from cdc.cache import remember

    path = _HERE / f"lexicon_{'en' if language == 'en' else 'fr'}.yaml"
    # the one safe YAML reader, even for our own files; kept parsed between runs
    return remember(f"lexicon-{path.stem}", [path],
                    lambda: parse_lexicon(load_data(path, "lexicons"), str(path)))


def parse_lexicon(raw: dict[str, object], source: str = "<lexicon>") -> Lexicon:
    """Builds a Lexicon from its YAML data; a broken lexicon is a programming error."""
    if not isinstance(raw, dict):
        raise ValueError(f"{source}: a lexicon is a mapping")
    measures_raw = raw.get("measures") or {}
    categories_raw = raw.get("categories") or {}
    assert isinstance(measures_raw, dict) and isinstance(categories_raw, dict), source
    measures = {str(k): re.compile(str(v), re.IGNORECASE) for k, v in measures_raw.items()}
    language = str(raw.get("language", ""))

    def typeset(text: object) -> str:
        return french_spacing(str(text)) if language == "fr" else str(text)

    messages = {}
    hints = {}
    for name in CATEGORIES:
        info = categories_raw.get(name)
        if not isinstance(info, dict):
            raise ValueError(f"{source}: category {name} has no message and hint")
        message = typeset(info.get("message", ""))
        if TERM not in message:
            raise ValueError(f"{source}: the message of category {name} must name the words "
                             f"found with {TERM}")
        messages[name] = message
        hints[name] = typeset(info.get("hint", ""))
    entries = []
    branches = []
    raw_entries = raw.get("entries")
    assert isinstance(raw_entries, list), source
    for i, item in enumerate(raw_entries):
        if not isinstance(item, dict) or item.get("category") not in CATEGORIES:
            raise ValueError(f"{source}: entry {i} needs a known category")
        unless = tuple(str(u) for u in item.get("unless", ()))
        for kind in unless:
            if kind not in measures:
                raise ValueError(f"{source}: entry {i}: unknown measure kind {kind!r}")
        pattern = re.compile(_START + "(?:" + str(item["match"]) + ")" + _END, re.IGNORECASE)
        branches.append("(?:" + re.sub(r"\(\?P<\w+>", "(?:", str(item["match"])) + ")")
        entries.append(Entry(str(item["category"]), pattern, unless, typeset(item.get("hint", ""))))
    starts = re.compile(_START + "(?:" + "|".join(branches) + ")", re.IGNORECASE)
    return Lexicon(language, tuple(entries), measures, messages, hints, starts)


# --------------------------------------------------------------------------- language

_FR_WORDS = frozenset((
    "le", "la", "les", "des", "du", "un", "une", "et", "est", "sont", "pour", "par", "avec",
    "dans", "sur", "au", "aux", "doit", "doivent", "nous", "notre", "nos", "ne", "pas", "qui",
    "que", "leur", "leurs", "ces", "cette", "être", "chaque", "selon", "lors", "après", "avant",
    "entre",
))
_EN_WORDS = frozenset((
    "the", "a", "an", "and", "is", "are", "of", "to", "for", "with", "in", "on", "shall", "must",
    "be", "we", "our", "by", "from", "that", "which", "their", "each", "will", "should", "this",
    "these", "after", "before", "between", "when",
))
_WORD = re.compile(r"[a-zà-öø-ÿ']+")


def guess_language(text: str) -> str | None:
    """"fr" or "en" when the function words of ``text`` clearly say so, else None."""
    fr = en = 0
    for word in _WORD.findall(text.lower()):
        fr += word in _FR_WORDS
        en += word in _EN_WORDS
    if fr >= 2 and fr >= 2 * en:
        return "fr"
    if en >= 2 and en >= 2 * fr:
        return "en"
    return None
