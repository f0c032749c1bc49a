"""A specification-like Markdown source covering every node type, and a fake picture maker."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from cdc.document import Document, parse_markdown
from cdc.writers import Assets

NBSP = "\u00a0"
HARD = "  "  # two spaces: a hard line break


def make_png(width: int = 600, height: int = 300, dpi: int = 200) -> bytes:
    """A small RGB PNG (a blue frame and stripes) with its resolution in a pHYs chunk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = []
    for y in range(height):
        row = bytearray(b"\x00")
        for x in range(width):
            edge = x < 4 or y < 4 or x >= width - 4 or y >= height - 4
            stripe = (x // 40) % 2 == 0 and height // 3 < y < 2 * height // 3
            row += b"\x1f\x38\x64" if edge or stripe else b"\xf4\xf6\xfa"
        rows.append(bytes(row))
    ppm = round(dpi / 0.0254)
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1))
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 6))
            + chunk(b"IEND", b""))


def fake_assets(templates_dir: Path | None = None) -> Assets:
    png = make_png()
    return Assets(make_svg=lambda name: b"<svg/>", make_png=lambda name: png,
                  templates_dir=templates_dir)


def _big_table(rows: int) -> str:
    lines = ["| N° | Exigence | Priorité | Volume |", "|---:|---|:---:|---:|"]
    for i in range(1, rows + 1):
        lines.append(f"| {i} | Le CRM importe la fiche client n° {i} depuis l’ERP chaque nuit "
                     f"| {'Haute' if i % 3 else 'Moyenne'} | {i * 1250:,} |".replace(",", NBSP))
    return "\n".join(lines)


def sample_markdown(rows: int = 200, parts: int = 6) -> str:
    """The source of a realistic French specification (about 12 pages with 200 rows)."""
    body = []
    for part in range(2, parts + 1):
        body.append(f"""
# Partie {part}{NBSP}: analyse détaillée

Cette partie décrit le périmètre fonctionnel{NBSP}; elle reprend les réponses du questionnaire.

## Exigences de la partie {part}

- Gestion des contacts et des comptes
- Suivi des opportunités{NBSP}: [à compléter](#todo)
- Tableaux de bord commerciaux

### Contraintes

Les données sont hébergées dans l’Union européenne. Voir aussi [le sommaire](#sec-1).
""")
    return f"""[[cover]]
# Cahier des charges CRM {{-}}

## Société Exemple SAS {{-}}

Version 1.0 — 29 novembre 2026

Auteur{NBSP}: Marie Dupont

**Confidentiel**

[[/cover]]

# Sommaire {{-}}

[[toc]]

# Contexte et objectifs

Le présent document est un **cahier des charges** pour un *CRM*. Il contient du `code`,
un lien [externe](https://example.com/crm) et un point [à compléter](#todo).
Une ligne{HARD}
forcée.

## Chiffres clés

| Indicateur | Valeur actuelle | Cible | Échéance |
|---|---:|---:|---|
| Taux de conversion | 12{NBSP}% | 18{NBSP}% | juin 2027 |
| Délai de réponse | 48{NBSP}h | 24{NBSP}h | mars 2027 |

[[caption]] Objectifs mesurables

1. Premier objectif
2. Second objectif
   - détail imbriqué
   - autre détail

3. Troisième objectif

> Une citation du commanditaire{NBSP}: «{NBSP}le client d’abord{NBSP}».

---

## Carte des flux

![Carte des flux de données](figure:dataflow)

## Exigences détaillées

{_big_table(rows)}

[[caption]] Inventaire des exigences

[[pagebreak]]

### Sous-section après un saut de page

Texte après un saut de page.
{"".join(body)}
# Points ouverts {{annex}}

## Liste

Tout ce qui reste [à compléter](#todo).
"""


META = {"title": "Cahier des charges CRM", "author": "Marie Dupont",
        "subject": "Projet CRM de Société Exemple", "keywords": ["CRM", "cahier des charges"],
        "company": "Société Exemple SAS"}


def sample_document(rows: int = 200, parts: int = 6, lang: str = "fr") -> Document:
    return parse_markdown(sample_markdown(rows, parts), lang=lang, meta=dict(META))
