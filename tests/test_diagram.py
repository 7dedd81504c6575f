"""Tests for the role diagram SVG."""
from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET

import pytest

from samenspel.diagram import Box, Edge, Node, layout, role_diagram, safe_color, wrap

SVG = "{http://www.w3.org/2000/svg}"

NODES = [
    Node("bewoners", "Buurtinitiatief De Groene Long", "Bewonersinitiatief", "#d8f0d2"),
    Node("welzijn", "Stichting Welzijn Noord", "Welzijnsorganisatie", "#d6e6f7"),
    Node("gemeente", "Gemeente Amsterdam", "Gemeente", "#f7e3c8"),
]
EDGES = [
    Edge("gemeente", "welzijn", "geeft opdracht aan"),
    Edge("welzijn", "bewoners", "ondersteunt"),
    Edge("bewoners", "gemeente", "vraagt subsidie aan"),
]


def render(nodes=NODES, edges=EDGES, prefix: str = "d1", title: str = "Rollen", desc: str = "Wie doet wat") -> str:
    """Give the diagram markup for the given input."""
    return role_diagram(nodes, edges, title=title, desc=desc, id_prefix=prefix)


def parse(markup: str) -> ET.Element:
    """Give the parsed svg root (fails the test if the markup is not well-formed XML)."""
    return ET.fromstring(markup)


def groups(root: ET.Element, cls: str) -> list[ET.Element]:
    """Give all <g> elements with the given class."""
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == cls]


def text_of(el: ET.Element) -> str:
    """Give all text inside el, one space between tspans."""
    return " ".join(t.text or "" for t in el.iter(f"{SVG}tspan"))


def edge_paths(root: ET.Element) -> list[ET.Element]:
    """Give the edge paths (those with an arrowhead)."""
    return [p for p in root.iter(f"{SVG}path") if p.get("marker-end")]


def view_box(root: ET.Element) -> list[float]:
    """Give the four viewBox numbers."""
    return [float(v) for v in root.get("viewBox", "").split()]


def test_root_is_accessible_img_with_title_and_desc() -> None:
    """The svg is a sizeable role=img labelled by its own title and desc."""
    root = parse(render(prefix="story-7"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("class") == "role-diagram"
    assert root.get("aria-labelledby") == "story-7-title story-7-desc"
    assert root.get("aria-hidden") is None
    assert root.get("width") is None and root.get("height") is None
    first, second = list(root)[:2]
    assert (first.tag, first.get("id"), first.text) == (f"{SVG}title", "story-7-title", "Rollen")
    assert (second.tag, second.get("id"), second.text) == (f"{SVG}desc", "story-7-desc", "Wie doet wat")
    x, y, w, h = view_box(root)
    assert (x, y) == (0, 0) and 360 <= w <= 480 and h > 0


def test_no_xml_declaration_and_string_output() -> None:
    """The markup is a bare <svg> element, ready to inline."""
    markup = render()
    assert isinstance(markup, str)
    assert markup.startswith("<svg ")


def test_one_node_group_per_actor_with_name_type_and_fill() -> None:
    """Every actor gets one group with its name, type and colour."""
    root = parse(render())
    nodes = groups(root, "rd-node")
    assert [g.get("data-actor") for g in nodes] == ["bewoners", "welzijn", "gemeente"]
    for g, node in zip(nodes, NODES, strict=True):
        name = next(t for t in g.iter(f"{SVG}text") if t.get("class") == "rd-name")
        kind = next(t for t in g.iter(f"{SVG}text") if t.get("class") == "rd-type")
        assert text_of(name) == node.name
        assert text_of(kind) == node.type_label
        rect = g.find(f"{SVG}rect")
        assert rect is not None and rect.get("fill") == node.color and rect.get("stroke") == "#1a1a1a"


def test_one_arrow_path_per_edge_with_labels() -> None:
    """Every relation gets one arrowed path and its label."""
    root = parse(render())
    paths = edge_paths(root)
    assert len(paths) == 3
    marker_ids = {m.get("id") for m in root.iter(f"{SVG}marker")}
    for p in paths:
        ref = re.fullmatch(r"url\(#([a-z0-9-]+)\)", p.get("marker-end", ""))
        assert ref and ref.group(1) in marker_ids
    labels = [text_of(g) for g in groups(root, "rd-label")]
    assert labels == ["geeft opdracht aan", "ondersteunt", "vraagt subsidie aan"]


def test_text_is_large_enough_for_phones() -> None:
    """All text stays at least ~11 px when scaled to 320 px wide."""
    root = parse(render())
    width = view_box(root)[2]
    sizes = [float(el.get("font-size")) for el in root.iter() if el.get("font-size")]
    assert sizes and min(sizes) >= 14
    assert min(sizes) * 320 / width >= 11  # rendered px at 320 px CSS width


HOSTILE = [
    "</text><script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "<img src=x onerror=alert(1)> & 'quote'",
]


def test_hostile_text_is_escaped_everywhere() -> None:
    """Untrusted text only ever comes out as escaped text."""
    nodes = [Node('x" onload="alert(1)', HOSTILE[0], HOSTILE[1], '#fff" onload="alert(1)'),
             Node("b", HOSTILE[1], HOSTILE[2], "#aabbcc")]
    edges = [Edge('x" onload="alert(1)', "b", HOSTILE[2]), Edge("b", 'x" onload="alert(1)', HOSTILE[0])]
    markup = render(nodes, edges, prefix='"><script>alert(1)</script>', title=HOSTILE[0], desc=HOSTILE[1])
    assert "<script" not in markup and "<svg onload" not in markup and "<img" not in markup
    root = parse(markup)
    for el in root.iter():
        assert not el.tag.endswith(("script", "img", "foreignObject"))
        assert not any(a.lower().startswith("on") for a in el.attrib)
        assert "javascript" not in " ".join(el.attrib.values())
    assert root.find(f"{SVG}title").text == HOSTILE[0]
    assert root.find(f"{SVG}desc").text == HOSTILE[1]
    texts = [t.text or "" for t in root.iter(f"{SVG}tspan")]
    assert any(t.startswith("</text><script>") for t in texts)
    assert any("onload=" in t for t in texts)
    assert len(edge_paths(root)) == 2
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in (el.get("id") for el in root.iter()) if i)
    assert all(re.fullmatch(r"[a-z0-9-]*", g.get("data-actor", "")) for g in groups(root, "rd-node"))


def test_control_characters_do_not_break_xml() -> None:
    """Characters XML forbids are dropped instead of breaking parsing."""
    nodes = [Node("a", "Naam\x00met\x1b rommel\ufffe", "Type\x07", "#aabbcc"), Node("b", "B", "T", "#aabbcc")]
    root = parse(render(nodes, [Edge("a", "b", "lab\x0bel\x08")], title="t\x01", desc="d\x02"))
    assert "Naammet rommel" in text_of(groups(root, "rd-node")[0])


def test_unknown_endpoints_and_self_edges_are_skipped() -> None:
    """Edges to unknown actors or to themselves are not drawn."""
    edges = EDGES + [Edge("gemeente", "gemeente", "zelf"), Edge("nergens", "welzijn", "x"),
                     Edge("welzijn", "nergens", "y")]
    root = parse(render(edges=edges))
    assert len(edge_paths(root)) == 3
    assert all(text_of(g) not in {"zelf", "x", "y"} for g in groups(root, "rd-label"))


def test_duplicate_node_ids_draw_one_node() -> None:
    """A repeated actor id is drawn once (the first wins)."""
    nodes = NODES + [Node("welzijn", "Dubbel", "Dubbel", "#ffffff")]
    root = parse(render(nodes=nodes))
    assert [g.get("data-actor") for g in groups(root, "rd-node")] == ["bewoners", "welzijn", "gemeente"]


@pytest.mark.parametrize("color", ["red", "#12345", "#abcdeg", "#aabbcc\" onload=\"x", "url(#x)", "", "#aabbccdd"])
def test_invalid_colour_falls_back(color: str) -> None:
    """Anything but #rrggbb becomes the neutral fallback fill."""
    assert safe_color(color) == "#eeeeee"
    root = parse(render(nodes=[Node("a", "A", "T", color)], edges=[]))
    rect = groups(root, "rd-node")[0].find(f"{SVG}rect")
    assert rect is not None and rect.get("fill") == "#eeeeee"


def test_valid_colour_is_normalised() -> None:
    """Valid colours are kept, lowercased."""
    assert safe_color("#AbCdEf") == "#abcdef"


def test_deterministic() -> None:
    """The same input gives byte-identical output."""
    assert render() == render()
    assert layout(NODES, EDGES) == layout(list(NODES), tuple(EDGES))


def test_two_diagrams_share_no_ids_and_refs_stay_local() -> None:
    """Diagrams with different prefixes share no ids and only reference their own."""
    roots = [parse(render(prefix="a-1")), parse(render(prefix="a-2"))]
    ids = [{el.get("id") for el in r.iter() if el.get("id")} for r in roots]
    assert ids[0] and ids[1] and not ids[0] & ids[1]
    for root, own in zip(roots, ids, strict=True):
        refs = {m for el in root.iter() for v in el.attrib.values() for m in re.findall(r"#([a-z0-9-]+)\)", v)}
        refs |= set((root.get("aria-labelledby") or "").split())
        assert refs and refs <= own


def test_prefix_is_sanitised() -> None:
    """The id prefix keeps only [a-z0-9-] and has a fallback."""
    root = parse(render(prefix="Verhaal 12!"))
    assert root.get("aria-labelledby") == "verhaal12-title verhaal12-desc"
    assert parse(render(prefix="!!!")).get("aria-labelledby") == "rd-title rd-desc"


def test_empty_diagram_is_valid() -> None:
    """No actors still gives a valid, non-degenerate svg."""
    root = parse(render(nodes=[], edges=[]))
    assert view_box(root)[3] > 0 and not groups(root, "rd-node")


def test_wrap_truncates_and_hyphenates() -> None:
    """Wrapping respects the width, hyphenates long words and truncates with an ellipsis."""
    assert wrap("een twee drie", 8, 3) == ("een twee", "drie")
    assert wrap("  ", 8, 3) == ()
    long = wrap("woord " * 20, 10, 2)
    assert len(long) == 2 and long[-1].endswith("…") and all(len(s) <= 10 for s in long)
    assert wrap("Welzijnsorganisatiebureau", 10, 3) == ("Welzijnso-", "rganisati-", "ebureau")
    assert all(len(s) <= 17 for s in wrap("x" * 100, 17, 3))


def assert_clear(nodes: list[Node], edges: list[Edge]) -> None:
    """Assert labels overlap neither each other nor nodes and everything fits the viewBox."""
    lay = layout(nodes, edges)
    assert lay.width <= 480
    labels, boxes = lay.label_boxes, lay.node_boxes
    for i, a in enumerate(labels):
        assert a.x >= 0 and a.y >= 0 and a.x + a.w <= lay.width and a.y + a.h <= lay.height
        assert not any(a.overlaps(b) for b in labels[i + 1:])
        assert not any(a.overlaps(n) for n in boxes)
    for i, a in enumerate(boxes):
        assert a.x + a.w <= lay.width and a.y + a.h <= lay.height
        assert not any(a.overlaps(b) for b in boxes[i + 1:])
    lanes = [e.lane_x for e in lay.edges]
    assert all(max([b.x + b.w for b in labels], default=0) < x <= lay.width - 4 for x in lanes)


WORST_NODES = [Node(f"n{i}", f"Een heel erg lange naam van actor nummer {i} die niet past",
                    "Onafhankelijk opbouwwerker", "#ddeeff") for i in range(6)]
WORST_EDGES = [
    Edge("n0", "n5", "vraagt subsidie aan bij"), Edge("n5", "n0", "geeft opdracht aan"),
    Edge("n0", "n5", "financiert het project"), Edge("n1", "n4", "huurt in"),
    Edge("n2", "n3", "vraagt advies aan"), Edge("n0", "n1", "werkt samen met"),
    Edge("n0", "n3", "ondersteunt de bewoners"), Edge("n4", "n5", "rapporteert aan"),
]


def test_worst_case_six_nodes_eight_edges_has_no_overlaps() -> None:
    """Six long actors with eight relations (parallel, opposite, long) stay clear."""
    assert_clear(WORST_NODES, WORST_EDGES)
    root = parse(role_diagram(WORST_NODES, WORST_EDGES, title="t", desc="d", id_prefix="w"))
    assert view_box(root)[2] <= 480
    assert len(edge_paths(root)) == 8 and len(groups(root, "rd-node")) == 6
    drawn = []
    for g in groups(root, "rd-label"):
        rect = g.find(f"{SVG}rect")
        assert rect is not None
        drawn.append(Box(*(float(rect.get(k)) for k in ("x", "y", "width", "height"))))
    assert tuple(drawn) == layout(WORST_NODES, WORST_EDGES).label_boxes


def test_random_graphs_up_to_six_nodes_eight_edges_have_no_overlaps() -> None:
    """Many seeded random graphs within the limits stay clear and well-formed."""
    rng = random.Random(20240601)
    words = ["vraagt", "advies", "subsidie", "huurt", "in", "financiert", "opdracht", "aan", "Welzijnsorganisatie"]
    for _ in range(300):
        nodes = [Node(f"n{i}", " ".join(rng.choices(words, k=rng.randint(1, 8))), "Fonds", "#eeeeee")
                 for i in range(rng.randint(1, 6))]
        edges = [Edge(rng.choice(nodes).id, rng.choice(nodes).id, " ".join(rng.choices(words, k=rng.randint(0, 6))))
                 for _ in range(rng.randint(0, 8))]
        assert_clear(nodes, edges)
        parse(render(nodes, edges))
