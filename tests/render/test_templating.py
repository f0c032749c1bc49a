"""The templating layer: escaping, typography, the sandbox and the template search path."""

from __future__ import annotations

from pathlib import Path

import pytest

from cdc.document import Heading, Paragraph, Table, parse_markdown, plain
from cdc.errors import CdcError
from cdc.questionnaire import Questionnaire
from cdc.spec import NBSP, NNBSP, build_spec
from cdc.templating import Markdown, escape_inline, render_markdown, typography

from .helpers import load

HOSTILE = [
    "{{ 7*7 }}",
    "<script>alert(1)</script>",
    "![x](file:///etc/passwd)",
    "# Heading",
    "| a | b |\n|---|---|\n| c | d |",
    "[[pagebreak]]",
    "[[caption]] fake",
    "1. not a list",
    "- not a list",
    "**bold** _em_ `code` <b>html</b> &amp; [link](http://evil.example)",
    "trailing backslash \\",
    "===",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_answers_parse_back_to_the_same_text(text: str) -> None:
    cell = escape_inline(text)
    source = f"Intro\n\n{cell}\n\n| A | B |\n|---|---|\n| {cell} | x |\n"
    doc = parse_markdown(source)
    paragraph, table = doc.blocks[1], doc.blocks[2]
    flat = " ".join(text.split())
    assert isinstance(paragraph, Paragraph) and plain(paragraph.children) == flat
    assert isinstance(table, Table) and len(table.rows) == 1 and len(table.rows[0]) == 2
    assert plain(table.rows[0][0]) == flat
    assert not any(isinstance(b, Heading) for b in doc.blocks)


def test_french_typography_is_idempotent() -> None:
    text = "Objectif : « réduire » les délais ; vraiment ? Oui ! l'équipe"
    once = typography(text, "fr")
    assert once == (f"Objectif{NBSP}: «{NBSP}réduire{NBSP}» les délais{NNBSP}; "
                    f"vraiment{NNBSP}? Oui{NNBSP}! l’équipe")
    assert typography(once, "fr") == once
    assert typography("https://example.org/a?b=1 10:30", "fr") == "https://example.org/a?b=1 10:30"
    assert typography(text, "en") == text
    assert typography("86 % of revenue, 9\u00a0% of deals, 100%", "en") == \
        "86% of revenue, 9% of deals, 100%"


def _user_templates(tmp_path: Path, name: str, body: str) -> Path:
    folder = tmp_path / "tpl"
    (folder / "fr").mkdir(parents=True)
    (folder / "fr" / name).write_text(body, encoding="utf-8")
    return folder


def test_user_template_overrides_by_name(tmp_path: Path, bank: Questionnaire) -> None:
    folder = _user_templates(tmp_path, "part6-team.md.j2",
                             "# Notre équipe\n\nSponsor : {{ q.sponsor }}.\n")
    text = render_markdown(build_spec(load(), bank), folder)
    assert "# Notre équipe" in text and "Paul Durand, directeur général" in text
    assert "Chef de projet" not in text  # the packaged part 6 is no longer used


@pytest.mark.parametrize("code", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ q.__init__.__globals__ }}",
    "{{ spec.__class__.__init__.__globals__['os'] }}",
])
def test_the_sandbox_refuses_unsafe_template_code(tmp_path: Path, bank: Questionnaire,
                                                  code: str) -> None:
    folder = _user_templates(tmp_path, "document.md.j2", f"# T\n\n{code}\n")
    with pytest.raises(CdcError) as info:
        render_markdown(build_spec(load(), bank), folder)
    assert "template" in str(info.value)


def test_a_typo_in_a_template_fails_loudly_with_its_line(tmp_path: Path,
                                                         bank: Questionnaire) -> None:
    folder = _user_templates(tmp_path, "document.md.j2", "# T\n\n{{ q.no_such_question }}\n")
    with pytest.raises(CdcError) as info:
        render_markdown(build_spec(load(), bank), folder)
    assert info.value.location is not None and info.value.location.line == 3


def test_answers_never_run_as_template_code(bank: Questionnaire) -> None:
    data = load()
    data["company"]["activities"] = "{{ 7*7 }} {% for x in range(3) %}x{% endfor %}"
    text = render_markdown(build_spec(data, bank))
    section = text.split("### Activités")[1].split("###")[0].strip()
    assert section == "\\{\\{ 7\\*7 \\}\\} \\{% for x in range(3) %\\}x\\{% endfor %\\}"


def test_markdown_helpers_pass_through_unescaped() -> None:
    assert escape_inline(Markdown("**x**")) == "\\*\\*x\\*\\*"  # only the finalizer trusts it
