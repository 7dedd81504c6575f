"""Role diagram: an accessible inline SVG of a story's actors and the relations between them.

Layout: actors form one column on the left. Each relation leaves its source actor at its own
slot on the right edge, passes through its label (drawn right next to the source, so it reads
"actor — label →"), runs along its own vertical lane at the right and enters the target actor
with an arrowhead. Label slots are disjoint, so labels never overlap each other or actors.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import escape

WIDTH = 400  # viewBox width: at 300 px CSS width, 14-unit text still renders at ~11 px
MARGIN = 8
NODE_X, NODE_W, NODE_GAP, NODE_PAD = 8, 188, 24, 9
NAME_SIZE, TYPE_SIZE, LABEL_SIZE = 15, 14, 14
NAME_LINE, TYPE_LINE, LABEL_LINE = 18, 17, 17
NAME_CHARS, TYPE_CHARS, LABEL_CHARS = 19, 22, 15  # conservative chars per line (wide fonts)
LABEL_CHAR_W, LABEL_PAD_X, LABEL_PAD_Y = 8.2, 6, 3  # estimated advance of one 14-unit char
STUB, SLOT_GAP, IN_SLOT = 6, 6, 14  # node-to-label gap, space between slots, incoming slot height
LANE_GAP, LANE_STEP, CORNER = 10, 12, 6  # label-to-lane gap, max lane spacing, corner radius
INK, EDGE_INK, FALLBACK_FILL = "#1a1a1a", "#404040", "#eeeeee"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_NOT_ID = re.compile(r"[^a-z0-9-]")
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Node:
    """An actor: id, untrusted display name, type label and vocabulary fill colour."""

    id: str
    name: str
    type_label: str
    color: str


@dataclass(frozen=True)
class Edge:
    """A relation from source to target actor id with an untrusted label."""

    source: str
    target: str
    label: str


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in viewBox units."""

    x: float
    y: float
    w: float
    h: float

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        """Give whether the two boxes, grown by gap, share any area."""
        return (self.x < other.x + other.w + gap and other.x < self.x + self.w + gap
                and self.y < other.y + other.h + gap and other.y < self.y + self.h + gap)


@dataclass(frozen=True)
class PlacedNode:
    """A node with its box, wrapped text lines and validated fill."""

    node: Node
    box: Box
    name_lines: tuple[str, ...]
    type_lines: tuple[str, ...]
    fill: str


@dataclass(frozen=True)
class PlacedEdge:
    """An edge with its path data, lane x and label box (None without label text)."""

    edge: Edge
    path: str
    lane_x: float
    label_box: Box | None
    label_lines: tuple[str, ...]


@dataclass(frozen=True)
class Layout:
    """The full diagram geometry: viewBox size, placed nodes and placed edges."""

    width: float
    height: float
    nodes: tuple[PlacedNode, ...]
    edges: tuple[PlacedEdge, ...]

    @property
    def node_boxes(self) -> tuple[Box, ...]:
        """Give the box of every drawn node, in node order."""
        return tuple(n.box for n in self.nodes)

    @property
    def label_boxes(self) -> tuple[Box, ...]:
        """Give the box of every drawn edge label (edges without label text have none)."""
        return tuple(e.label_box for e in self.edges if e.label_box is not None)


def clean_text(text: str) -> str:
    """Give text without characters XML cannot carry, whitespace collapsed."""
    return " ".join(_NOT_XML.sub("", text).split())


def wrap(text: str, width: int, max_lines: int) -> tuple[str, ...]:
    """Give text word-wrapped to lines of at most width chars, cut with "…" beyond max_lines."""
    lines: list[str] = []
    for word in clean_text(text).split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] = f"{lines[-1]} {word}"
            continue
        while len(word) > width:  # hyphenate words that fit on no line
            lines.append(word[:width - 1] + "-")
            word = word[width - 1:]
        lines.append(word)
    lines = [line for line in lines if line]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][:width - 1].rstrip(" -") + "…"
    return tuple(lines)


def safe_color(color: str) -> str:
    """Give color as lowercase "#rrggbb" if it is one, else the neutral fallback fill."""
    return color.lower() if _COLOR.fullmatch(color) else FALLBACK_FILL


def _fmt(v: float) -> str:
    """Give v rounded to one decimal as a compact SVG number."""
    return f"{v:z.1f}".removesuffix(".0")  # rounds as round(v, 1) does; "z": never "-0"


def _r(v: float) -> float:
    """Give v rounded to one decimal (+ 0.0: never -0.0, as _fmt never writes "-0")."""
    return round(v, 1) + 0.0


def _label_size(lines: tuple[str, ...]) -> tuple[float, float]:
    """Give the (width, height) of a label box holding lines."""
    if not lines:
        return 0.0, 0.0
    return max(len(s) for s in lines) * LABEL_CHAR_W + 2 * LABEL_PAD_X, len(lines) * LABEL_LINE + 2 * LABEL_PAD_Y


def _route(x0: float, ys: float, lane: float, yt: float) -> str:
    """Give an SVG path from (x0, ys) right to the lane, along it to yt and back left to x0."""
    r = min(CORNER, abs(yt - ys) / 2)
    s = 1 if yt > ys else -1
    return (f"M{_fmt(x0)},{_fmt(ys)}H{_fmt(lane - r)}Q{_fmt(lane)},{_fmt(ys)} {_fmt(lane)},{_fmt(ys + s * r)}"
            f"V{_fmt(yt - s * r)}Q{_fmt(lane)},{_fmt(yt)} {_fmt(lane - r)},{_fmt(yt)}H{_fmt(x0 + 1)}")


def layout(nodes: Sequence[Node], edges: Sequence[Edge]) -> Layout:
    """Give the positions of nodes, edge routes and label boxes for a role diagram."""
    order: list[Node] = []
    index: dict[str, int] = {}
    for n in nodes:  # the first node with an id wins
        if n.id not in index:
            index[n.id] = len(order)
            order.append(n)
    valid = [e for e in edges if e.source in index and e.target in index and e.source != e.target]
    ends = [(index[e.source], index[e.target]) for e in valid]
    spans = [(min(s, t), max(s, t)) for s, t in ends]
    lane: list[int] = [0] * len(valid)
    taken: list[list[tuple[int, int]]] = []  # spans per lane; short relations get inner lanes
    for k in sorted(range(len(valid)), key=lambda k: (spans[k][1] - spans[k][0], spans[k], k)):
        a, b = spans[k]
        lane[k] = next((i for i, ts in enumerate(taken) if all(b < c or d < a for c, d in ts)), len(taken))
        if lane[k] == len(taken):
            taken.append([])
        taken[lane[k]].append((a, b))
    labels = [wrap(e.label, LABEL_CHARS, 2) for e in valid]
    sizes = [_label_size(lines) for lines in labels]
    slots: list[list[tuple[tuple[int, int, int], int, bool]]] = [[] for _ in order]
    for k, (s, t) in enumerate(ends):  # up-going relations on top, inner lanes nearest the middle
        slots[s].append(((0, lane[k], k) if t < s else (1, -lane[k], k), k, True))
        slots[t].append(((0, lane[k], k) if s < t else (1, -lane[k], k), k, False))
    x0 = NODE_X + NODE_W
    placed: list[PlacedNode] = []
    y_out: dict[int, float] = {}
    y_in: dict[int, float] = {}
    y = float(MARGIN)
    for i, n in enumerate(order):
        name, kind = wrap(n.name, NAME_CHARS, 3) or ("?",), wrap(n.type_label, TYPE_CHARS, 2)
        text_h = 2 * NODE_PAD + len(name) * NAME_LINE + len(kind) * TYPE_LINE
        heights = [(max(sizes[k][1], IN_SLOT) if out else IN_SLOT) for _, k, out in sorted(slots[i])]
        need = sum(heights) + SLOT_GAP * (len(heights) + 1)
        h = max(52.0, text_h, need)
        sy = y + (h - need) / 2 + SLOT_GAP
        for (_, k, out), sh in zip(sorted(slots[i]), heights, strict=True):
            (y_out if out else y_in)[k] = sy + sh / 2
            sy += sh + SLOT_GAP
        placed.append(PlacedNode(n, Box(NODE_X, _r(y), NODE_W, _r(h)), name, kind, safe_color(n.color)))
        y += h + NODE_GAP
    lane_x0 = max([x0 + STUB + w for w, _ in sizes] + [x0 + STUB]) + LANE_GAP
    step = min(LANE_STEP, (WIDTH - MARGIN - lane_x0) / max(1, len(taken) - 1))
    routes: list[PlacedEdge] = []
    for k, e in enumerate(valid):
        lx, (w, h) = lane_x0 + lane[k] * step, sizes[k]
        box = Box(_r(x0 + STUB), _r(y_out[k] - h / 2), _r(w), _r(h)) if labels[k] else None
        routes.append(PlacedEdge(e, _route(x0, y_out[k], lx, y_in[k]), _r(lx), box, labels[k]))
    return Layout(WIDTH, _r(max(y - NODE_GAP + MARGIN, 2 * MARGIN)), tuple(placed), tuple(routes))


def _tspans(lines: Sequence[str], cx: float, y0: float, step: float) -> str:
    """Give one escaped <tspan> per line, centred on cx, baselines step apart from y0."""
    return "".join(f'<tspan x="{_fmt(cx)}" y="{_fmt(y0 + i * step)}">{escape(s)}</tspan>'
                   for i, s in enumerate(lines))


def role_diagram(nodes: Sequence[Node], edges: Sequence[Edge], *, title: str, desc: str, id_prefix: str) -> str:
    """Give an inline <svg> element drawing the actors and their relations."""
    p = _NOT_ID.sub("", id_prefix.lower()) or "rd"
    lay = layout(nodes, edges)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_fmt(lay.width)} {_fmt(lay.height)}" '
           f'role="img" aria-labelledby="{p}-title {p}-desc" class="role-diagram" font-family="{FONT}">',
           f'<title id="{p}-title">{escape(clean_text(title))}</title>',
           f'<desc id="{p}-desc">{escape(clean_text(desc))}</desc>',
           f'<defs><marker id="{p}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="10" '
           f'markerHeight="10" markerUnits="userSpaceOnUse" orient="auto">'
           f'<path d="M0,0L10,5L0,10z" fill="{EDGE_INK}"/></marker></defs>',
           f'<g class="rd-edges" fill="none" stroke="{EDGE_INK}" stroke-width="1.5">']
    out += [f'<path class="rd-edge" d="{pe.path}" marker-end="url(#{p}-arrow)"/>' for pe in lay.edges]
    out.append(f'</g><g class="rd-nodes" fill="{INK}" text-anchor="middle">')
    for pn in lay.nodes:
        b, cx = pn.box, pn.box.x + pn.box.w / 2
        top = b.y + (b.h - len(pn.name_lines) * NAME_LINE - len(pn.type_lines) * TYPE_LINE) / 2
        out.append(f'<g class="rd-node" data-actor="{escape(_NOT_ID.sub("", pn.node.id))}">'
                   f'<rect x="{_fmt(b.x)}" y="{_fmt(b.y)}" width="{_fmt(b.w)}" height="{_fmt(b.h)}" rx="8" '
                   f'fill="{pn.fill}" stroke="{INK}" stroke-width="1.5"/>'
                   f'<text class="rd-name" font-size="{NAME_SIZE}" font-weight="700">'
                   f'{_tspans(pn.name_lines, cx, top + NAME_LINE - 4.5, NAME_LINE)}</text>')
        if pn.type_lines:
            ty = top + len(pn.name_lines) * NAME_LINE + TYPE_LINE - 3
            out.append(f'<text class="rd-type" font-size="{TYPE_SIZE}">'
                       f'{_tspans(pn.type_lines, cx, ty, TYPE_LINE)}</text>')
        out.append("</g>")
    out.append(f'</g><g class="rd-labels" fill="{INK}" text-anchor="middle" font-size="{LABEL_SIZE}">')
    for pe in lay.edges:
        if pe.label_box is not None:
            b, base = pe.label_box, pe.label_box.y + LABEL_PAD_Y + LABEL_LINE - 4.5
            out.append(f'<g class="rd-label"><rect x="{_fmt(b.x)}" y="{_fmt(b.y)}" width="{_fmt(b.w)}" '
                       f'height="{_fmt(b.h)}" rx="4" fill="#ffffff" stroke="{EDGE_INK}" stroke-width="1"/>'
                       f'<text>{_tspans(pe.label_lines, b.x + b.w / 2, base, LABEL_LINE)}</text></g>')
    out.append("</g></svg>")
    return "".join(out)
