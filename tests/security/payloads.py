"""Hostile payloads for the sanitising and escaping tests, each with a marker of its own.

Drawn from public lists and rewritten so each one, were it ever to run, gives itself away:
the OWASP XSS Filter Evasion Cheat Sheet (case, whitespace and entity obfuscation of
``javascript:``, malformed tags, extraneous brackets, ``<base>``, ``<meta http-equiv>``,
CSS ``expression``), the public Markdown XSS payload lists (JakobTheDev's
``information-security/Payloads/md/XSS.md`` and similar: script links, reference links,
image breakouts) and the HTML5 Security Cheatsheet / mutation XSS reports (SVG and MathML
namespace confusion, ``<noscript>`` and ``<template>`` tricks, ``formaction``, ``ontoggle``).

Every ``§`` is replaced by the payload's marker ``X01``, ``X02``, …, and ``¤`` by the
base64 of ``<script>alert('Xnn')</script>``. A payload that executes calls ``alert``,
``confirm`` or ``prompt`` with its marker, sets ``window.__xss_Xnn``, or sets
``document.title`` to ``PWNED Xnn`` (written so the word never appears literally, because
the escaped text of a title is shown in ``<title>``).
"""
from __future__ import annotations

import base64
from dataclasses import dataclass

_TEMPLATES: tuple[tuple[str, str], ...] = (
    # -- plain script ----------------------------------------------------------------
    ("script tag", "<script>alert('§')</script>"),
    ("script src", "<SCRIPT SRC=https://xss.example/§.js></SCRIPT>"),
    ("script in odd case", "<ScRiPt>window.__xss_§=1</sCrIpT>"),
    ("script sets the title", "<script>document.title='PWN'+'ED §'</script>"),
    ("extraneous open brackets", "<<script>alert('§');//<</script>"),
    ("split script tag", "<scr<script>ipt>alert('§')</scr</script>ipt>"),
    ("malformed img then script", "<IMG \"\"\"><SCRIPT>alert('§')</SCRIPT>\">"),
    ("script inside template", "<template><script>alert('§')</script></template>"),
    ("script inside xmp", "<xmp><script>alert('§')</script></xmp>"),
    # -- event handlers ----------------------------------------------------------------
    ("img onerror", "<img src=x onerror=alert('§')>"),
    ("img onerror odd case", "<IMG SRC=x OnErRoR=window.__xss_§=1>"),
    ("handler with entities", "<img src=x onerror=\"&#97;lert('§')\">"),
    ("img src slash onerror", "<IMG SRC=/ onerror=\"alert('§')\"></img>"),
    ("img backtick", "<img src=`x` onerror=alert('§')>"),
    ("img src as code", "<img src=x:alert('§') onerror=eval(src)>"),
    ("body onload", "<body onload=alert('§')>"),
    ("input autofocus onfocus", "<input autofocus onfocus=alert('§')>"),
    ("details ontoggle", "<details open ontoggle=alert('§')>x</details>"),
    ("link onmouseover", "<a href=\"#\" onmouseover=\"alert('§')\">x</a>"),
    ("link onclick", "<a href=\"https://example.org/\" onclick=\"window.__xss_§=1\">x</a>"),
    ("video source onerror", "<video><source onerror=\"alert('§')\"></video>"),
    ("audio onerror", "<audio src=x onerror=alert('§')>"),
    ("marquee onstart", "<marquee onstart=alert('§')>x</marquee>"),
    ("unknown tag onfocus", "<x contenteditable autofocus onfocus=alert('§')>x</x>"),
    ("paragraph handler", "<p onpointerenter=\"window.__xss_§=1\">hover</p>"),
    # -- SVG and MathML ----------------------------------------------------------------
    ("svg onload", "<svg onload=alert('§')>"),
    ("svg script", "<svg><script>alert('§')</script></svg>"),
    ("svg link", "<svg><a xlink:href=\"javascript:alert('§')\"><text x=20 y=20>x</text></a></svg>"),
    ("svg animate onbegin", "<svg><animate onbegin=alert('§') attributeName=x dur=1s>"),
    ("svg set href", "<svg><a><set attributeName=href to=\"javascript:alert('§')\"/><text y=9>x</text></a></svg>"),
    ("svg foreignObject", "<svg><foreignObject><iframe srcdoc=\"<script>alert('§')</script>\"></iframe></foreignObject></svg>"),
    ("math link", "<math><a xlink:href=\"javascript:alert('§')\">x</a></math>"),
    ("mathml namespace confusion", "<math><mtext><table><mglyph><style><img src=x onerror=alert('§')>"),
    ("noscript mutation", "<noscript><p title=\"</noscript><img src=x onerror=alert('§')>\">"),
    # -- frames, objects, forms, head elements ---------------------------------------------
    ("iframe javascript", "<iframe src=\"javascript:alert('§')\"></iframe>"),
    ("iframe srcdoc", "<iframe srcdoc=\"<script>parent.alert('§')</script>\"></iframe>"),
    ("iframe data base64", "<iframe src=\"data:text/html;base64,¤\"></iframe>"),
    ("object javascript", "<object data=\"javascript:alert('§')\"></object>"),
    ("object data html", "<object data=\"data:text/html,<script>alert('§')</script>\"></object>"),
    ("embed", "<embed src=\"javascript:alert('§')\">"),
    ("base href", "<base href=\"javascript:alert('§')//\">"),
    ("meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('§')\">"),
    ("form action", "<form action=\"javascript:alert('§')\"><button>go</button></form>"),
    ("button formaction", "<button formaction=\"javascript:alert('§')\">go</button>"),
    ("link stylesheet", "<link rel=stylesheet href=\"javascript:alert('§')\">"),
    # -- URL schemes in HTML links ---------------------------------------------------------
    ("href javascript", "<a href=\"javascript:alert('§')\">x</a>"),
    ("href odd case", "<a href=\"JaVaScRiPt:alert('§')\">x</a>"),
    ("href embedded tab", "<a href=\"jav&#x09;ascript:alert('§')\">x</a>"),
    ("href embedded newline", "<a href=\"jav&#x0A;ascript:alert('§')\">x</a>"),
    ("href leading spaces and meta chars", "<a href=\" &#14;  javascript:alert('§')\">x</a>"),
    ("href leading control", "<a href=\"&#1;javascript:alert('§')\">x</a>"),
    ("href decimal entities", "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert('§')\">x</a>"),
    ("href hex entities", "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert('§')\">x</a>"),
    ("href long entities", "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105"
                           "&#0000112&#0000116&#0000058alert('§')\">x</a>"),
    ("href named colon", "<a href=\"javascript&colon;alert('§')\">x</a>"),
    ("href data html", "<a href=\"data:text/html,<script>alert('§')</script>\">x</a>"),
    ("href vbscript", "<a href=\"vbscript:msgbox('§')\">x</a>"),
    ("q cite javascript", "<q cite=\"javascript:alert('§')\">x</q>"),
    ("title attribute breakout", "<a href=\"https://example.org\" title=\"x&quot; onmouseover=&quot;alert('§')\">t</a>"),
    # -- Markdown links ------------------------------------------------------------------
    ("markdown javascript link", "[klik](javascript:alert('§'))"),
    ("markdown odd case link", "[klik](JaVaScRiPt:alert('§'))"),
    ("markdown comment trick", "[klik](javascript://example.org/%0Aalert('§'))"),
    ("markdown entity link", "[klik](&#x6A;avascript:alert('§'))"),
    ("markdown spaced scheme", "[klik](<j a v a s c r i p t:alert('§')>)"),
    ("markdown data link", "[klik](data:text/html;base64,¤)"),
    ("markdown vbscript link", "[klik](vbscript:alert('§'))"),
    ("markdown reference link", "[klik][ref]\n\n[ref]: javascript:alert('§')"),
    ("markdown reference with title", "[ref]: javascript:alert('§') \"titel\"\n\n[klik][ref]"),
    ("markdown autolink", "<javascript:alert('§')>"),
    ("markdown image javascript", "![a](javascript:alert('§'))"),
    ("markdown image alt breakout", "![x\" onerror=\"alert('§')](https://example.org/x.png)"),
    ("markdown image src breakout", "![a](https://example.org/x.png\"onerror=\"alert('§'))"),
    ("bare address breakout", "https://example.org/\"onmouseover=\"alert('§')"),
    # -- comments --------------------------------------------------------------------------
    ("script between comments", "<!-- --><script>alert('§')</script><!-- -->"),
    ("comment hiding a tag", "<!--<img src=\"--><img src=x onerror=alert('§')//\">"),
    # -- styles ----------------------------------------------------------------------------
    ("style import", "<style>@import 'javascript:alert(\"§\")';</style>"),
    ("css expression", "<div style=\"width: expression(alert('§'))\">x</div>"),
    ("css url javascript", "<div style=\"background:url(javascript:alert('§'))\">x</div>"),
    ("table cell expression", "<table><tr><td style=\"text-align:expression(alert('§'))\">x</td></tr></table>"),
    ("full-page overlay link", "<a href=\"https://example.org\" style=\"position:fixed;inset:0\">§</a>"),
    # -- breaking out of the place a value is put ---------------------------------------------
    ("attribute breakout", "\"><svg onload=alert('§')>"),
    ("single quote breakout", "'><script>alert('§')</script>"),
    ("title breakout", "</title><script>alert('§')</script>"),
    ("textarea breakout", "</textarea><script>alert('§')</script>"),
    ("svg title breakout", "</title></svg><img src=x onerror=alert('§')>"),
    ("template injection", "{{ \"PWN\" ~ \"ED §\" }}{% raw %}"),
    # -- control characters by reference (written plainly they are refused, see tests/test_text.py) --
    ("control character references", "&#1;&#7;&#12;&#27;[2J&#127;&#x85;&#x9b;<abbr title=\"&#12;&#27;[8m\">§</abbr>"),
    ("control character inside a script address", "<a href=\"java&#1;script:alert('§')\">klik</a>"
                                                  "<q cite=\"jav&#x7f;ascript:alert('§')\">q</q>"),
)


@dataclass(frozen=True)
class Payload:
    """One hostile text: its name, its marker and the text itself."""

    name: str
    marker: str
    text: str


def _fill(template: str, marker: str) -> str:
    script = base64.b64encode(f"<script>alert('{marker}')</script>".encode()).decode()
    return template.replace("§", marker).replace("¤", script)


PAYLOADS: tuple[Payload, ...] = tuple(
    Payload(name, f"X{number:02d}", _fill(template, f"X{number:02d}"))
    for number, (name, template) in enumerate(_TEMPLATES, 1)
)
