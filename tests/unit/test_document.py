"""The document tree: directives, numbering, and what an escaped answer can never trigger."""

from __future__ import annotations

from cdc.document import (
    Cover,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    Text,
    TocPlaceholder,
    Todo,
    parse_markdown,
    plain,
)

SOURCE = """\
[[cover]]

# Cahier des charges {-}

Hydrotec Pompes SAS

[[/cover]]

[[toc]]

# Présentation

## Histoire

Fondée en 1987. [à compléter](#todo)

| Indicateur | Cible |
|---|--:|
| Fichiers Excel | 0 |

[[caption]] Objectifs mesurables

[[pagebreak]]

# Données

## Sources

### Fichiers

![Carte des flux](figure:dataflow)

# Points ouverts {annex}

## Partie 1
"""


def test_directives_and_numbering() -> None:
    doc = parse_markdown(SOURCE)
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds[:2] == ["Cover", "TocPlaceholder"]
    cover = doc.blocks[0]
    assert isinstance(cover, Cover)
    title = cover.children[0]
    assert isinstance(title, Heading) and title.number == "" and plain(title.children) == (
        "Cahier des charges")
    numbers = [(b.number, plain(b.children)) for b in doc.blocks if isinstance(b, Heading)]
    assert numbers == [("1", "Présentation"), ("1.1", "Histoire"), ("2", "Données"),
                       ("2.1", "Sources"), ("2.1.1", "Fichiers"), ("A", "Points ouverts"),
                       ("A.1", "Partie 1")]
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert table.number == 1 and plain(table.caption) == "Objectifs mesurables"
    assert table.align == ("left", "right")
    assert any(isinstance(b, PageBreak) for b in doc.blocks)
    figure = next(b for b in doc.blocks if isinstance(b, Figure))
    assert (figure.name, figure.number, plain(figure.caption)) == ("dataflow", 1, "Carte des flux")
    todo = next(b for b in doc.blocks if isinstance(b, Paragraph) and any(
        isinstance(c, Todo) for c in b.children))
    assert Todo("à compléter") in todo.children
    anchors = [b.anchor for b in doc.blocks if isinstance(b, Heading)]
    assert len(anchors) == len(set(anchors))


def test_escaped_text_never_becomes_a_directive_or_a_picture() -> None:
    escaped = (
        "\\[\\[toc\\]\\]\n\n\\[\\[pagebreak\\]\\]\n\n\\[\\[caption\\]\\] x\n\n"
        "\\!\\[x\\]\\(figure:dataflow\\)\n\n\\[y\\]\\(\\#todo\\)\n"
    )
    doc = parse_markdown(escaped)
    assert all(isinstance(b, Paragraph) for b in doc.blocks)
    texts = [plain(b.children) for b in doc.blocks if isinstance(b, Paragraph)]
    assert texts == ["[[toc]]", "[[pagebreak]]", "[[caption]] x", "![x](figure:dataflow)",
                     "[y](#todo)"]


def test_foreign_images_and_links_are_never_followed() -> None:
    doc = parse_markdown(
        "Voir ![secret](/etc/passwd) et ![web](http://example.com/x.png).\n\n"
        "![seule](https://example.com/y.png)\n\n[lien](file:///etc/passwd)\n"
    )
    for block in doc.blocks:
        assert isinstance(block, Paragraph)
        assert all(isinstance(c, Text) for c in block.children), block
    assert not any(isinstance(b, Figure | TocPlaceholder) for b in doc.blocks)
