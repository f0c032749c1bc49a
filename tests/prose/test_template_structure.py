"""The French and English templates keep the same structure, so that a section added in one
language cannot be forgotten in the other: the same blocks, conditions and loops, over the same
answers, in the same order (the words around them differ)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment, nodes

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
FILES = sorted(p.name for p in (TEMPLATES / "fr").glob("*.j2"))


def paths(node: nodes.Node) -> list[str]:
    """The answers an expression reads: q.company, spec.vendor.bidder, g.members…"""
    found: list[str] = []
    chains = [node] if isinstance(node, nodes.Getattr) else []
    for getattr_node in [*chains, *node.find_all(nodes.Getattr)]:
        parts = [getattr_node.attr]
        inner: Any = getattr_node.node
        while isinstance(inner, nodes.Getattr):
            parts.insert(0, inner.attr)
            inner = inner.node
        if isinstance(inner, nodes.Name):
            found.append(".".join([inner.name, *parts]))
    # names read anywhere in the expression, a filter's subject included ({{ org | capfirst }})
    names = [node] if isinstance(node, nodes.Name) else []
    found += [n.name for n in [*names, *node.find_all(nodes.Name)] if n.ctx == "load"]
    # a chain a.b.c also yields a.b: keep the longest of each chain only
    return sorted(p for p in set(found) if not any(o.startswith(p + ".") for o in found))


def skeleton(node: nodes.Node) -> list[Any]:
    shape: list[Any] = []
    for child in node.iter_child_nodes():
        if isinstance(child, nodes.If):
            shape.append(("if", paths(child.test), skeleton_of(child.body),
                          [skeleton_of([e]) for e in child.elif_], skeleton_of(child.else_)))
        elif isinstance(child, nodes.For):
            shape.append(("for", paths(child.iter), paths(child.test) if child.test else [],
                          skeleton_of(child.body), skeleton_of(child.else_)))
        elif isinstance(child, nodes.Include):
            shape.append(("include", getattr(child.template, "value", None)))
        elif isinstance(child, nodes.Output):
            used = sorted(p for expr in child.nodes if not isinstance(expr, nodes.TemplateData)
                          for p in paths(expr))
            if used:
                shape.append(("out", used))
        else:
            shape.extend(skeleton(child))
    return shape


def skeleton_of(body: list[nodes.Node]) -> list[Any]:
    wrapper = nodes.Template(list(body))
    return skeleton(wrapper)


def test_both_languages_have_the_same_files() -> None:
    assert sorted(p.name for p in (TEMPLATES / "en").glob("*.j2")) == FILES
    assert {p.name for p in (TEMPLATES / "fr").glob("*.yaml")} == \
        {p.name for p in (TEMPLATES / "en").glob("*.yaml")}


@pytest.mark.parametrize("name", FILES)
def test_french_and_english_templates_have_the_same_structure(name: str) -> None:
    env = Environment()
    french = skeleton(env.parse((TEMPLATES / "fr" / name).read_text(encoding="utf-8")))
    english = skeleton(env.parse((TEMPLATES / "en" / name).read_text(encoding="utf-8")))
    assert french, name
    assert french == english, name


def test_a_forgotten_section_is_caught() -> None:
    env = Environment()
    text = (TEMPLATES / "fr" / "part2-data.md.j2").read_text(encoding="utf-8")
    shorter = text.replace("{% if q.churn_reasons %}", "{% if false %}")
    assert skeleton(env.parse(text)) != skeleton(env.parse(shorter))
