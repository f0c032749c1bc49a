"""End to end: ``cdc interview`` in a real pseudo-terminal, as a project lead would run it.

A few robust scenarios only (generous timeouts, a 120x40 window); the widgets' details are
tested through prompt_toolkit's pipe input in test_prompts.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pexpect = pytest.importorskip("pexpect")
from pexpect import spawn as Child  # noqa: E402

pytestmark = pytest.mark.interactive

ENTER = "\r"
UP = "\x1b[A"
DOWN = "\x1b[B"
CLEAR = "\x15"
CTRL_C = "\x03"
TIMEOUT = 30


def spawn(*args: str) -> Child:
    env = dict(os.environ, TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1", NO_COLOR="1",
               COLUMNS="120", LINES="40")
    return pexpect.spawn(sys.executable, ["-m", "cdc", "interview", *args], env=env,
                         encoding="utf-8", dimensions=(40, 120), timeout=TIMEOUT)


def answer(child: Child, prompt: str, keys: str) -> None:
    """Waits for ``prompt`` on screen, then types ``keys``."""
    child.expect_exact(prompt)
    child.send(keys)


def finish(child: Child) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else -1)


def decline_render(child: Child) -> None:
    """The end offers to render (if cdc.render is installed) or prints the command."""
    index = child.expect_exact(["Produire le document maintenant", "cdc render"])
    if index == 0:
        child.send(DOWN + ENTER)


def load(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_answer_interrupt_resume_finish_review_and_validate(tmp_path: Path) -> None:
    path = tmp_path / "projet.yaml"

    # 1. A first session: several answers with accents and emoji, two records, then Ctrl-C.
    child = spawn(str(path), "--part", "0")
    child.expect_exact("Entretien de cadrage CRM")
    answer(child, "Votre nom", "Zoé Müller 😀" + ENTER)
    answer(child, "Votre fonction", "Directrice commerciale" + ENTER)
    answer(child, "titre du document", CLEAR + "Cahier des charges – Café ☕" + ENTER)
    answer(child, "nom de l'entreprise", "Menuiseries Durand & Fils 🪚" + ENTER)
    answer(child, "désigne-t-il l'organisme", ENTER)  # optional: the name reads as is
    answer(child, "version du document", ENTER)
    child.expect_exact("auteur du document")
    child.expect_exact("Zoé Müller 😀, Directrice commerciale")  # pre-filled: who answers
    child.send(CLEAR + "Élodie Nguyễn" + ENTER)
    answer(child, "date du document", "29/11/2026" + ENTER)
    answer(child, "Dans quelle langue", ENTER)
    answer(child, "confidentialité", ENTER)
    answer(child, "annoncer le budget", ENTER)
    answer(child, "Ajouter une ligne", UP + ENTER)
    answer(child, "Version", "0.9" + ENTER)
    answer(child, "Date", "01/10/2026" + ENTER)
    answer(child, "Auteur", "Élodie" + ENTER)
    answer(child, "Modifications", "Première version ✨" + ENTER)
    answer(child, "Ajouter une autre ligne", UP + ENTER)
    answer(child, "Version", "1.0" + ENTER)
    answer(child, "Date", "2026-11-29" + ENTER)
    answer(child, "Auteur", ENTER)
    answer(child, "Modifications", "Relecture par la direction" + ENTER)
    child.expect_exact("Ajouter une autre ligne")
    child.send(CTRL_C)
    child.expect_exact("Entretien interrompu")
    child.expect_exact("cdc interview")
    assert finish(child) == 130

    meta = load(path)["meta"]
    assert isinstance(meta, dict)
    assert meta["title"] == "Cahier des charges – Café ☕"
    assert meta["company"] == "Menuiseries Durand & Fils 🪚"
    assert meta["author"] == "Élodie Nguyễn"
    assert str(meta["date"]) == "2026-11-29"
    assert meta["revisions"] == [
        {"version": "0.9", "date": yaml.safe_load("2026-10-01"), "author": "Élodie",
         "changes": "Première version ✨"},
        {"version": "1.0", "date": yaml.safe_load("2026-11-29"),
         "changes": "Relecture par la direction"},
    ]
    assert meta["respondents"][0]["name"] == "Zoé Müller 😀"

    # 2. Resume: the respondent is known, not asked again; the next question is the first
    # unanswered one.
    child = spawn(str(path), "--part", "0")
    child.expect_exact("Reprise")
    child.expect_exact("Zoé Müller 😀 (Directrice commerciale)")
    child.expect_exact("désigne-t-il l'organisme")  # optional, left empty: asked again
    skipped = child.before or ""
    assert "question " in skipped  # the progress line
    assert "titre du document" not in skipped and "Version" not in skipped
    assert "Votre nom" not in skipped
    child.send(ENTER)
    child.expect_exact("À qui le document est-il diffusé")
    assert "Version" not in (child.before or "")
    answer(child, "Ajouter une ligne", ENTER)                 # no recipient
    answer(child, "Ajouter une ligne", UP + ENTER)            # glossary: one term
    answer(child, "Terme", "CRM" + ENTER)
    answer(child, "Définition", "Gestion de la relation client 🤝" + ENTER)
    answer(child, "Ajouter une autre ligne", ENTER)
    child.expect_exact("Partie 0 terminée")
    answer(child, "Quelle réponse voulez-vous modifier", ENTER)
    decline_render(child)
    assert finish(child) == 0
    glossary = load(path)["meta"]["glossary"]  # type: ignore[index]
    assert glossary == [{"term": "CRM", "definition": "Gestion de la relation client 🤝"}]

    # 3. Review: change an earlier answer.
    child = spawn(str(path), "--part", "0", "--review")
    answer(child, "Quelle réponse voulez-vous modifier", DOWN + DOWN + ENTER)
    child.expect_exact("Le nom usuel")  # the question's help: the menu has gone
    answer(child, "nom de l'entreprise", CLEAR + "Durand Menuiseries SAS 🌲" + ENTER)
    answer(child, "Quelle réponse voulez-vous modifier", ENTER)
    decline_render(child)
    assert finish(child) == 0
    meta = load(path)["meta"]
    assert meta["company"] == "Durand Menuiseries SAS 🌲"  # type: ignore[index]
    assert len(meta["respondents"]) == 1  # type: ignore[index]

    # 4. The file validates (missing answers of other parts are warnings only).
    result = subprocess.run([sys.executable, "-m", "cdc", "validate", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_english_interview_and_ctrl_c_at_the_first_prompt(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    child = spawn(str(path), "--lang", "en")
    child.expect_exact("CRM scoping interview")
    child.expect_exact("Your name")
    child.send(CTRL_C)
    child.expect_exact("Interview stopped before the first answer")
    assert finish(child) == 130
    assert not path.exists()  # nothing answered, nothing written
