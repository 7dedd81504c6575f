"""The one catalog of words the tool says: problem messages, hints and interface labels.

Dutch comes first because the site and most contributors are Dutch; English is kept
complete so that ``--lang en`` and an English site work too.
"""
from __future__ import annotations

import datetime as dt
import string

LANGUAGES = ("nl", "en")

# Problem messages ("what is wrong") and hints ("how to fix it").
MESSAGES: dict[str, dict[str, str]] = {
    "warning": {"nl": "waarschuwing", "en": "warning"},
    # Reading files
    "too_large": {
        "nl": "het bestand is {size} bytes, meer dan de grens van {limit} bytes",
        "en": "the file is {size} bytes, more than the limit of {limit} bytes",
    },
    "hint_split": {"nl": "splits het verhaal op of haal grote stukken weg", "en": "split the story or remove large parts"},
    "not_utf8": {
        "nl": "het bestand is geen geldige UTF-8 (bij byte {offset})",
        "en": "the file is not valid UTF-8 (at byte {offset})",
    },
    "hint_utf8": {
        "nl": "sla het bestand op als UTF-8 in je editor",
        "en": "save the file as UTF-8 in your editor",
    },
    "empty_file": {"nl": "het bestand is leeg", "en": "the file is empty"},
    "no_front_matter": {
        "nl": "het bestand begint niet met front matter",
        "en": "the file does not start with front matter",
    },
    "hint_front_matter": {
        "nl": "zet op de eerste regel '---', dan de velden, en sluit af met '---' (zie docs/sjabloon-verhaal.md)",
        "en": "put '---' on the first line, then the fields, and close with '---' (see docs/sjabloon-verhaal.md)",
    },
    "unclosed_front_matter": {
        "nl": "de front matter wordt niet afgesloten",
        "en": "the front matter is not closed",
    },
    "hint_close_front_matter": {
        "nl": "ben je de afsluitende regel '---' vergeten?",
        "en": "did you forget the closing '---' line?",
    },
    "yaml_error": {"nl": "YAML kan niet gelezen worden: {error}", "en": "YAML cannot be read: {error}"},
    "hint_yaml": {
        "nl": "controleer inspringing en dubbele punten; zet tekst met ':' of '#' tussen aanhalingstekens",
        "en": "check indentation and colons; quote text that contains ':' or '#'",
    },
    "yaml_too_complex": {
        "nl": "de YAML is te diep genest of gebruikt te veel verwijzingen (aliases)",
        "en": "the YAML is nested too deeply or uses too many aliases",
    },
    "hint_yaml_simple": {"nl": "schrijf de waarden gewoon uit", "en": "write the values out plainly"},
    "control_char": {
        "nl": "de tekst bevat het stuurteken {char}, dat niet op een pagina mag",
        "en": "the text contains the control character {char}, which may not appear on a page",
    },
    "hint_control_char": {
        "nl": "haal het weg; het komt vaak mee bij kopiëren en plakken, of staat er als escape zoals \\e, \\a of \\u001b",
        "en": "remove it; it often comes along with copy and paste, or is written as an escape such as \\e, \\a or \\u001b",
    },
    "hint_utf16": {
        "nl": "is het bestand als UTF-16 opgeslagen? Sla het op als UTF-8 in je editor",
        "en": "was the file saved as UTF-16? Save it as UTF-8 in your editor",
    },
    "duplicate_key": {
        "nl": "het veld '{name}' staat er al op regel {other}",
        "en": "the field '{name}' is already given on line {other}",
    },
    "hint_duplicate_key": {
        "nl": "haal een van beide weg of voeg ze samen; nu zou de tweede de eerste ongemerkt vervangen",
        "en": "remove one of them or merge them; otherwise the second would silently replace the first",
    },
    "key_not_name": {
        "nl": "de sleutel '{key}' is geen naam maar {got}",
        "en": "the key '{key}' is not a name but {got}",
    },
    "hint_key_name": {
        "nl": "schrijf een veldnaam als tekst, bijvoorbeeld title:",
        "en": "write a field name as text, for example title:",
    },
    "same_name": {
        "nl": "er is nog een bestand met deze naam, alleen met de accenten anders opgeslagen",
        "en": "another file has this name, with its accents stored differently",
    },
    "misnamed_file": {
        "nl": "dit bestand wordt niet gelezen: de extensie is '{suffix}', niet '.md'",
        "en": "this file is not read: its extension is '{suffix}', not '.md'",
    },
    "hint_rename_md": {
        "nl": "hernoem het naar '{suggestion}'",
        "en": "rename it to '{suggestion}'",
    },
    "not_a_mapping": {
        "nl": "de front matter moet bestaan uit velden ('naam: waarde'), niet {got}{detail}",
        "en": "the front matter must consist of fields ('name: value'), not {got}{detail}",
    },
    # Fields
    "missing": {"nl": "dit veld ontbreekt", "en": "this field is missing"},
    "hint_missing": {"nl": "voeg '{name}:' toe", "en": "add '{name}:'"},
    "unknown_field": {"nl": "onbekend veld '{name}'", "en": "unknown field '{name}'"},
    "hint_field_suggestion": {"nl": "bedoelde je '{suggestion}'?", "en": "did you mean '{suggestion}'?"},
    "hint_fields": {"nl": "bekende velden: {choices}", "en": "known fields: {choices}"},
    "wrong_type": {"nl": "verwacht {expected}, maar kreeg {got}{detail}", "en": "expected {expected}, got {got}{detail}"},
    "hint_list": {
        "nl": "schrijf een lijst als [a, b] of met '- ' op aparte regels",
        "en": "write a list as [a, b] or with '- ' on separate lines",
    },
    "hint_text": {"nl": "zet de tekst tussen aanhalingstekens", "en": "put the text between quotes"},
    "hint_mapping": {
        "nl": "schrijf de onderdelen ingesprongen op aparte regels, zoals in het sjabloon",
        "en": "write the parts indented on separate lines, as in the template",
    },
    "empty_text": {"nl": "mag niet leeg zijn", "en": "must not be empty"},
    "hint_fill": {"nl": "vul een tekst in", "en": "fill in a text"},
    "too_long": {
        "nl": "is {length} tekens lang, maximaal {limit}",
        "en": "is {length} characters long, at most {limit}",
    },
    "hint_shorten": {"nl": "maak de tekst korter", "en": "shorten the text"},
    "too_few": {"nl": "heeft {count} item(s), minstens {minimum} nodig", "en": "has {count} item(s), needs at least {minimum}"},
    "hint_add_items": {"nl": "voeg er meer toe", "en": "add more"},
    "bad_date": {"nl": "'{value}' is geen datum", "en": "'{value}' is not a date"},
    "hint_date": {"nl": "schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2021-08-24", "en": "write the date as YYYY-MM-DD, e.g. 2021-08-24"},
    "bad_url": {"nl": "'{value}' is geen webadres", "en": "'{value}' is not a web address"},
    "hint_url": {"nl": "begin met https:// of http://", "en": "start with https:// or http://"},
    "bad_bool": {"nl": "verwacht ja of nee (true/false), kreeg '{value}'", "en": "expected true or false, got '{value}'"},
    "hint_bool": {"nl": "schrijf true of false", "en": "write true or false"},
    "bad_int": {"nl": "verwacht een geheel getal, kreeg '{value}'", "en": "expected a whole number, got '{value}'"},
    "hint_int": {"nl": "schrijf een getal zonder aanhalingstekens, bijvoorbeeld 3", "en": "write a number without quotes, e.g. 3"},
    "bad_id": {
        "nl": "'{value}' is geen geldige id",
        "en": "'{value}' is not a valid id",
    },
    "hint_id": {
        "nl": "gebruik kleine letters, cijfers en streepjes, bijvoorbeeld '{suggestion}'",
        "en": "use lowercase letters, digits and hyphens, e.g. '{suggestion}'",
    },
    "unknown_term": {"nl": "'{value}' is geen bekende waarde voor {kind}", "en": "'{value}' is not a known {kind}"},
    "hint_term_suggestion": {"nl": "bedoelde je '{suggestion}'?", "en": "did you mean '{suggestion}'?"},
    "hint_choices": {"nl": "kies uit: {choices}", "en": "choose from: {choices}"},
    "read_error": {"nl": "het bestand kan niet gelezen worden: {error}", "en": "the file cannot be read: {error}"},
    "hint_read": {"nl": "controleer of het bestand bestaat en leesbaar is", "en": "check that the file exists and is readable"},
    "hint_terms": {"nl": "kies uit: {choices} (zie content/vocabulary.yml)", "en": "choose from: {choices} (see content/vocabulary.yml)"},
    "duplicate_value": {"nl": "'{value}' staat er twee keer in", "en": "'{value}' is listed twice"},
    "hint_remove_duplicate": {"nl": "haal een van beide weg", "en": "remove one of them"},
    "duplicate_actor": {"nl": "de id '{value}' wordt al gebruikt op regel {other}", "en": "the id '{value}' is already used on line {other}"},
    "hint_unique_id": {"nl": "geef elke actor een eigen id", "en": "give each actor its own id"},
    "unknown_actor": {"nl": "'{value}' is geen actor in dit verhaal", "en": "'{value}' is not an actor in this story"},
    "hint_actor_suggestion": {"nl": "bedoelde je '{suggestion}'? Actoren: {choices}", "en": "did you mean '{suggestion}'? Actors: {choices}"},
    "hint_actors": {"nl": "gebruik de id van een actor: {choices}", "en": "use the id of an actor: {choices}"},
    "self_relation": {"nl": "een relatie van '{value}' naar zichzelf", "en": "a relation from '{value}' to itself"},
    "hint_self_relation": {"nl": "kies bij 'to' een andere actor", "en": "choose another actor for 'to'"},
    "unused_actor": {"nl": "actor '{value}' komt in geen enkele relatie voor", "en": "actor '{value}' appears in no relation"},
    "hint_unused_actor": {"nl": "voeg een relatie toe, zodat het rollenschema laat zien wat deze actor deed", "en": "add a relation, so the role diagram shows what this actor did"},
    "unknown_status": {"nl": "'{value}' is geen status", "en": "'{value}' is not a status"},
    "unknown_lang": {"nl": "'{value}' is geen ondersteunde taal", "en": "'{value}' is not a supported language"},
    # Site-wide
    "duplicate_slug": {
        "nl": "het adres '{slug}' wordt ook gebruikt door {other}",
        "en": "the address '{slug}' is also used by {other}",
    },
    "hint_rename": {"nl": "geef een van beide bestanden een andere naam", "en": "give one of the files another name"},
    "reserved_slug": {"nl": "de naam '{slug}' is gereserveerd voor de site zelf", "en": "the name '{slug}' is reserved for the site itself"},
    "bad_slug": {"nl": "uit de bestandsnaam '{name}' valt geen adres te maken", "en": "no address can be made from the file name '{name}'"},
    "hint_slug": {"nl": "gebruik letters en cijfers in de bestandsnaam", "en": "use letters and digits in the file name"},
    "unknown_story": {"nl": "er is geen verhaal '{value}'", "en": "there is no story '{value}'"},
    "hint_story_suggestion": {"nl": "bedoelde je '{suggestion}'?", "en": "did you mean '{suggestion}'?"},
    "hint_stories": {"nl": "gebruik de bestandsnaam van een verhaal zonder .md", "en": "use a story's file name without .md"},
    "broken_link": {"nl": "de link '{value}' wijst naar een bestand dat er niet is", "en": "the link '{value}' points to a file that does not exist"},
    "hint_link": {
        "nl": "link naar een ander verhaal als ../stories/naam.md of naam.md; bestaande verhalen: {choices}",
        "en": "link to another story as ../stories/name.md or name.md; existing stories: {choices}",
    },
    "image_unsupported": {
        "nl": "afbeeldingen worden nog niet getoond; alleen de alt-tekst '{value}' komt op de pagina",
        "en": "images are not shown yet; only the alt text '{value}' appears on the page",
    },
    "hint_image": {"nl": "beschrijf in de tekst wat de afbeelding laat zien", "en": "describe in the text what the image shows"},
    "no_stories": {"nl": "er zijn geen gepubliceerde verhalen", "en": "there are no published stories"},
    "hint_no_stories": {"nl": "zet status: gepubliceerd in een verhaal", "en": "set status: gepubliceerd in a story"},
    # Config, vocabulary, templates, output
    "missing_file": {"nl": "dit bestand ontbreekt", "en": "this file is missing"},
    "hint_missing_config": {"nl": "maak site.toml aan met ten minste title en base_url", "en": "create site.toml with at least title and base_url"},
    "hint_missing_vocabulary": {"nl": "de woordenlijst hoort in content/vocabulary.yml", "en": "the vocabulary belongs in content/vocabulary.yml"},
    "toml_error": {"nl": "TOML kan niet gelezen worden: {error}", "en": "TOML cannot be read: {error}"},
    "hint_toml": {"nl": "zet tekst tussen aanhalingstekens: title = \"Samenspel\"", "en": "quote text values: title = \"Samenspel\""},
    "bad_base_url": {"nl": "'{value}' is geen volledig webadres", "en": "'{value}' is not a complete web address"},
    "base_url_extra": {
        "nl": "'{value}' heeft een vraagteken- of #-deel; links naar pagina's komen achter het adres",
        "en": "'{value}' has a '?' or '#' part; links to pages are added after the address",
    },
    "hint_base_url": {"nl": "bijvoorbeeld https://voorbeeld.nl/samenspel/", "en": "for example https://example.org/samenspel/"},
    "duplicate_term": {"nl": "de sleutel '{value}' komt twee keer voor", "en": "the key '{value}' occurs twice"},
    "hint_unique_term": {"nl": "geef elke term een eigen sleutel", "en": "give each term its own key"},
    "bad_color": {"nl": "'{value}' is geen kleur", "en": "'{value}' is not a colour"},
    "hint_color": {"nl": "schrijf een kleur als \"#dbeafe\"", "en": "write a colour as \"#dbeafe\""},
    "template_error": {"nl": "fout in sjabloon: {error}", "en": "template error: {error}"},
    "hint_template": {"nl": "controleer het sjabloon op deze regel", "en": "check the template at this line"},
    "missing_template": {"nl": "sjabloon '{value}' ontbreekt", "en": "template '{value}' is missing"},
    "hint_layouts": {"nl": "sjablonen staan in layouts/", "en": "templates live in layouts/"},
    "output_error": {"nl": "kan de site niet schrijven: {error}", "en": "cannot write the site: {error}"},
    "hint_output": {"nl": "controleer de rechten en de vrije schijfruimte", "en": "check permissions and free disk space"},
    "unsafe_output": {"nl": "weigert te schrijven naar '{folder}': {reason}", "en": "refuses to write to '{folder}': {reason}"},
    "hint_output_dir": {"nl": "kies een eigen map voor de site, zoals site/", "en": "choose a folder of its own for the site, such as site/"},
}

# Words that fill in other messages: a parameter "@key" is replaced by the entry "key".
WORDS: dict[str, dict[str, str]] = {
    "type_list": {"nl": "een lijst", "en": "a list"},
    "type_text": {"nl": "tekst", "en": "text"},
    "type_mapping": {"nl": "velden", "en": "fields"},
    "type_none": {"nl": "niets", "en": "nothing"},
    "type_bool": {"nl": "ja/nee", "en": "true/false"},
    "type_number": {"nl": "een getal", "en": "a number"},
    "type_date": {"nl": "een datum", "en": "a date"},
    "type_term": {"nl": "een term", "en": "a term"},
    "type_time": {"nl": "een tijd", "en": "a time"},
    "type_binary": {"nl": "binaire gegevens (!!binary)", "en": "binary data (!!binary)"},
    "type_set": {"nl": "een verzameling (!!set)", "en": "a set (!!set)"},
    "type_pair": {"nl": "een paar (uit !!omap of !!pairs)", "en": "a pair (from !!omap or !!pairs)"},
    "type_other": {"nl": "een waarde van een andere soort", "en": "a value of another kind"},
    "kind_actor_types": {"nl": "soort actor", "en": "actor type"},
    "kind_roles": {"nl": "rol", "en": "role"},
    "kind_relation_kinds": {"nl": "soort relatie", "en": "relation kind"},
    "kind_themes": {"nl": "thema", "en": "theme"},
    "kind_outcome_types": {"nl": "soort uitkomst", "en": "outcome type"},
    "kind_place_scales": {"nl": "schaal", "en": "place scale"},
    "kind_provinces": {"nl": "provincie", "en": "province"},
    "kind_language": {"nl": "taal", "en": "language"},
    "reason_system_dir": {"nl": "dat is de thuismap of een map van het systeem",
                          "en": "that is the home folder or a system folder"},
    "reason_project_dir": {"nl": "dat is de projectmap, een map erboven of een map van het project (content, layouts, assets, …)",
                           "en": "that is the project folder, a folder above it or one of the project's folders "
                                 "(content, layouts, assets, …)"},
    "reason_file": {"nl": "dat is een bestand", "en": "that is a file"},
    "reason_foreign": {"nl": "de map is niet leeg en is niet door een eerdere build gemaakt, dus alles erin zou verdwijnen",
                       "en": "the folder is not empty and was not made by an earlier build, so everything in it would be lost"},
}

# Words of the interface, in templates through t("key") (and count("key", n) for a number of
# things: the entry "key_1" is used for one), and of the command line.
UI: dict[str, dict[str, str]] = {
    "table": {"nl": "Tabel", "en": "Table"},
    # The command line
    "not_a_folder": {"nl": "geen map: {path}", "en": "not a folder: {path}"},
    "summary": {"nl": "{verb}: {pages} in {seconds} s, {problems}, {warnings}",
                "en": "{verb}: {pages} in {seconds} s, {problems}, {warnings}"},
    "page_count": {"nl": "{n} pagina's", "en": "{n} pages"},
    "page_count_1": {"nl": "1 pagina", "en": "1 page"},
    "problem_count": {"nl": "{n} problemen", "en": "{n} problems"},
    "problem_count_1": {"nl": "1 probleem", "en": "1 problem"},
    "warning_count": {"nl": "{n} waarschuwingen", "en": "{n} warnings"},
    "warning_count_1": {"nl": "1 waarschuwing", "en": "1 warning"},
    "drafts_left_out": {"nl": "{n} niet gepubliceerd en niet gebouwd", "en": "{n} not published and not built"},
    "drafts_left_out_1": {"nl": "1 niet gepubliceerd en niet gebouwd", "en": "1 not published and not built"},
    "drafts_title": {"nl": "Niet gebouwd, want nog niet gepubliceerd (status):",
                     "en": "Not built, as not published yet (status):"},
    "drafts_hint": {
        "nl": "Bekijk ze met 'make serve' (voorvertoning) of 'python build.py build --drafts'; "
              "zet 'status: gepubliceerd' om ze te publiceren.",
        "en": "See them with 'make serve' (preview) or 'python build.py build --drafts'; "
              "set 'status: gepubliceerd' to publish them.",
    },
    "verb_build": {"nl": "build", "en": "build"},
    "verb_build_failed": {"nl": "build (niets geschreven)", "en": "build (nothing written)"},
    "verb_check": {"nl": "check", "en": "check"},
    "timings_title": {"nl": "Tijd per stap", "en": "Time per stage"},
    "timings_total": {"nl": "totaal", "en": "total"},
    "stage_read": {"nl": "lezen", "en": "read"},
    "stage_check": {"nl": "controleren", "en": "check"},
    "stage_plan": {"nl": "plannen", "en": "plan"},
    "stage_markdown": {"nl": "opmaken", "en": "markdown"},
    "stage_related": {"nl": "verwant", "en": "related"},
    "stage_assemble": {"nl": "samenstellen", "en": "assemble"},
    "stage_jobs": {"nl": "pagina's plannen", "en": "plan pages"},
    "stage_render": {"nl": "pagina's maken", "en": "render"},
    "stage_assets": {"nl": "bestanden", "en": "assets"},
    "stage_write": {"nl": "schrijven", "en": "write"},
    "skip_to_content": {"nl": "Naar de inhoud", "en": "Skip to content"},
    "main_nav": {"nl": "Hoofdmenu", "en": "Main menu"},
    "footer_nav": {"nl": "Over deze site", "en": "About this site"},
    "home": {"nl": "Home", "en": "Home"},
    "stories": {"nl": "Verhalen", "en": "Stories"},
    "lessons": {"nl": "Lessen", "en": "Lessons"},
    "themes": {"nl": "Thema's", "en": "Themes"},
    "latest_stories": {"nl": "Nieuwste verhalen", "en": "Latest stories"},
    "all_stories": {"nl": "Alle verhalen", "en": "All stories"},
    "all_lessons": {"nl": "Alle lessen", "en": "All lessons"},
    "browse_by": {"nl": "Bladeren op", "en": "Browse by"},
    "place": {"nl": "Plaats", "en": "Place"},
    "period": {"nl": "Periode", "en": "Period"},
    "published": {"nl": "Gepubliceerd", "en": "Published"},
    "anonymised": {"nl": "geanonimiseerd", "en": "anonymised"},
    "who_did_what": {"nl": "Wie deed wat voor wie", "en": "Who did what for whom"},
    "role_diagram": {"nl": "Rollenschema", "en": "Role diagram"},
    "diagram_desc": {
        "nl": "Schema met {actors} actoren en {relations} relaties. Dezelfde informatie staat in de lijst hieronder.",
        "en": "Diagram of {actors} actors and {relations} relations. The same information is in the list below.",
    },
    "actors": {"nl": "Actoren", "en": "Actors"},
    "relations": {"nl": "Relaties", "en": "Relations"},
    "roles": {"nl": "Rollen", "en": "Roles"},
    "the_story": {"nl": "Het verhaal", "en": "The story"},
    "outcomes": {"nl": "Wat het opleverde", "en": "What came of it"},
    "story_lessons": {"nl": "Lessen uit dit verhaal", "en": "Lessons from this story"},
    "cross_lessons": {"nl": "Overstijgende lessen", "en": "Cross-cutting lessons"},
    "lessons_by_theme": {"nl": "Lessen per thema", "en": "Lessons by theme"},
    "from_story": {"nl": "uit het verhaal", "en": "from the story"},
    "draws_on": {"nl": "Gebaseerd op", "en": "Draws on"},
    "sources": {"nl": "Bronnen", "en": "Sources"},
    "contributors": {"nl": "Geschreven door", "en": "Written by"},
    "related": {"nl": "Vergelijkbare verhalen", "en": "Related stories"},
    "edit_story": {"nl": "Dit verhaal aanpassen", "en": "Edit this story"},
    "edit_page": {"nl": "Deze pagina aanpassen", "en": "Edit this page"},
    "page_n": {"nl": "Pagina {n} van {total}", "en": "Page {n} of {total}"},
    "pagination": {"nl": "Paginering", "en": "Pagination"},
    "previous": {"nl": "Vorige", "en": "Previous"},
    "next": {"nl": "Volgende", "en": "Next"},
    "story_count": {"nl": "{n} verhalen", "en": "{n} stories"},
    "story_count_1": {"nl": "1 verhaal", "en": "1 story"},
    "lesson_anchor": {"nl": "Les {n}", "en": "Lesson {n}"},
    "link_to_lesson": {"nl": "Link naar deze les", "en": "Link to this lesson"},
    "stories_with": {"nl": "Verhalen", "en": "Stories"},
    "lessons_with": {"nl": "Lessen", "en": "Lessons"},
    "no_items": {"nl": "Nog niets.", "en": "Nothing yet."},
    "not_found_title": {"nl": "Pagina niet gevonden", "en": "Page not found"},
    "not_found_text": {
        "nl": "Deze pagina bestaat niet (meer). Misschien vind je wat je zoekt via de verhalen of de lessen.",
        "en": "This page does not exist (any more). You may find what you look for among the stories or the lessons.",
    },
    "draft_banner": {
        "nl": "Concept ({status}): dit verhaal is alleen in de voorvertoning te zien en wordt niet gepubliceerd.",
        "en": "Draft ({status}): this story shows only in the preview and is not published.",
    },
    "kind_themes": {"nl": "Thema's", "en": "Themes"},
    "kind_actor_types": {"nl": "Soorten actoren", "en": "Kinds of actors"},
    "kind_roles": {"nl": "Rollen", "en": "Roles"},
    "kind_outcome_types": {"nl": "Uitkomsten", "en": "Outcomes"},
    "kind_provinces": {"nl": "Provincies", "en": "Provinces"},
    "kind_theme": {"nl": "Thema", "en": "Theme"},
    "kind_actor_type": {"nl": "Soort actor", "en": "Kind of actor"},
    "kind_role": {"nl": "Rol", "en": "Role"},
    "kind_outcome_type": {"nl": "Uitkomst", "en": "Outcome"},
    "kind_province": {"nl": "Provincie", "en": "Province"},
    "print": {"nl": "Afdrukken", "en": "Print"},
    "preview": {"nl": "voorvertoning", "en": "preview"},
    "serving": {"nl": "Voorvertoning op {url} (stoppen met Ctrl+C)", "en": "Preview at {url} (stop with Ctrl+C)"},
    "port_taken": {"nl": "Poort {port} is bezet; de voorvertoning gebruikt poort {used}.",
                   "en": "Port {port} is taken; the preview uses port {used}."},
    "port_unavailable": {"nl": "kan niet luisteren op {host}:{port}", "en": "cannot listen on {host}:{port}"},
    "host_warning": {
        "nl": "Let op: de voorvertoning is ook vanaf andere computers te bereiken via {host}, concepten ook.",
        "en": "Note: the preview can be reached from other computers through {host}, drafts included.",
    },
    "preview_problems": {
        "nl": "De laatste wijziging heeft {n} probleem/problemen",
        "en": "The latest change has {n} problem(s)",
    },
    "preview_kept": {
        "nl": "Je ziet nog de laatste goede versie. Sla een verbetering op en deze melding verdwijnt vanzelf.",
        "en": "You still see the last good version. Save a fix and this notice goes away by itself.",
    },
    "preview_no_site": {
        "nl": "Er is nog geen goede versie om te tonen. Sla een verbetering op en de pagina laadt vanzelf opnieuw.",
        "en": "There is no good version to show yet. Save a fix and the page reloads by itself.",
    },
    "home_intro": {
        "nl": "Verhalen over bewoners, welzijnswerk, gemeenten en fondsen die samen iets voor elkaar krijgen: "
              "wie nam het initiatief, wie betaalde of gaf opdracht, wie faciliteerde, en wat leerden ze ervan?",
        "en": "Stories of residents, welfare work, municipalities and funds getting things done together: "
              "who took the initiative, who paid or commissioned whom, who facilitated, and what did they learn?",
    },
    "diagram_caption": {
        "nl": "Pijlen lopen van wie iets doet naar voor wie. Dezelfde relaties staan ook als tekst hieronder.",
        "en": "Arrows run from who acts to whom it is for. The same relations are listed as text below.",
    },
    "lessons_intro": {
        "nl": "Elke les uit elk verhaal, gegroepeerd per thema, met een link naar het verhaal waar hij vandaan komt.",
        "en": "Every lesson of every story, grouped by theme, each linking to the story it comes from.",
    },
    # Finding stories (#11) ------------------------------------------------------------------
    "feed_title": {"nl": "{site}: nieuwe verhalen", "en": "{site}: new stories"},
    "og_locale": {"nl": "nl_NL", "en": "en_GB"},
    "nav_overview": {"nl": "Wie betaalt?", "en": "Who pays?"},
    "overview_title": {"nl": "Wie betaalt, wie bepaalt", "en": "Who pays, who decides"},
    "overview_lead": {
        "nl": "Wie geeft in deze verhalen opdracht aan wie, wie betaalt, wie huurt iemand in en wie vraagt om steun? "
              "Een telling over alle verhalen samen.",
        "en": "In these stories, who commissions whom, who pays, who hires someone and who asks for support? "
              "A count across all stories together.",
    },
    "overview_how": {
        "nl": "Elke rij is een soort relatie, elke kolom een soort actor die die relatie aangaat. Een getal zegt in "
              "hoeveel verhalen een actor van die soort die relatie met een ander heeft. We tellen soorten, geen namen. Kies een getal om de "
              "verhalen te zien, met de soort actor aan de andere kant.",
        "en": "Each row is a kind of relation, each column a kind of actor that takes it up. A number says in how many stories an actor "
              "of that kind has that relation with another. We count kinds, not names. Choose a number to see the "
              "stories, with the kind of actor on the other side.",
    },
    "overview_decided": {
        "nl": "Verhalen waarin wie betaalde ook wilde bepalen, vind je bij het thema",
        "en": "Stories in which whoever paid also wanted to decide are under the theme",
    },
    "overview_caption": {
        "nl": "Aantal verhalen per soort relatie (rij) en soort actor die de relatie aangaat (kolom)",
        "en": "Number of stories per kind of relation (row) and kind of actor that takes it up (column)",
    },
    "overview_corner": {"nl": "Relatie", "en": "Relation"},
    "overview_details": {"nl": "De verhalen achter de getallen", "en": "The stories behind the numbers"},
    "overview_cell": {"nl": "{source} {verb} …", "en": "{source} {verb} …"},
    "filter_summary": {"nl": "Verhalen filteren", "en": "Filter stories"},
    "filter_intro": {
        "nl": "Vink aan wat je zoekt. Binnen een groep is één vinkje genoeg; uit elke groep met een vinkje moet "
              "iets kloppen. Het getal zegt hoeveel verhalen je dan overhoudt.",
        "en": "Tick what you are looking for. Within a group one tick is enough; something from every group with a "
              "tick must match. The number says how many stories would then remain.",
    },
    "filter_clear": {"nl": "Alle vinkjes weghalen", "en": "Clear all ticks"},
    "filter_found": {"nl": "{n} verhalen gevonden", "en": "{n} stories found"},
    "filter_found_1": {"nl": "1 verhaal gevonden", "en": "1 story found"},
    "filter_none": {
        "nl": "Geen verhalen gevonden. Haal een vinkje weg om meer te zien.",
        "en": "No stories found. Remove a tick to see more.",
    },
    "filter_all": {"nl": "Geen filter: alle {n} verhalen", "en": "No filter: all {n} stories"},
    "filter_relation": {"nl": "Soort relatie", "en": "Kind of relation"},
    "filter_scale": {"nl": "Schaal", "en": "Scale"},
    "filter_year": {"nl": "Jaar", "en": "Year"},
    "search_title": {"nl": "Zoeken", "en": "Search"},
    "search_intro": {
        "nl": "Zoek in alle verhalen, lessen en pagina's. Je vindt ook verhalen waarin een woord alleen als deel "
              "van een langer woord staat, zoals maaltijd in buurtmaaltijd.",
        "en": "Search all stories, lessons and pages. You also find stories in which a word only appears as part "
              "of a longer word, such as maaltijd in buurtmaaltijd.",
    },
    "search_label": {"nl": "Zoeken", "en": "Search"},
    "search_button": {"nl": "Zoek", "en": "Search"},
    "search_found": {"nl": "{n} resultaten voor ‘{query}’", "en": "{n} results for ‘{query}’"},
    "search_found_1": {"nl": "1 resultaat voor ‘{query}’", "en": "1 result for ‘{query}’"},
    "search_none": {
        "nl": "Niets gevonden voor ‘{query}’. Probeer een ander of korter woord.",
        "en": "Nothing found for ‘{query}’. Try another or a shorter word.",
    },
    "search_unavailable": {
        "nl": "Zoeken lukt hier niet: de zoekindex ontbreekt (de voorvertoning maakt er geen).",
        "en": "Search does not work here: the search index is missing (the preview makes none).",
    },
    "search_fallback": {
        "nl": "Zoeken werkt met JavaScript. Zonder JavaScript vind je verhalen via",
        "en": "Search works with JavaScript. Without JavaScript you find stories through",
    },
    # End of finding stories (#11) -----------------------------------------------------------
}

MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}


def message(code: str, lang: str, params: dict[str, str]) -> str:
    """Give the catalog text for ``code`` in ``lang``, filled in with ``params``.

    A code the catalog lacks is a bug in the tool, never the contributor's: it fails loudly
    (``tests/test_messages.py`` finds every code used in the code and the layouts).
    """
    entry = MESSAGES.get(code) or UI.get(code)
    if entry is None:
        raise KeyError(f"no message {code!r} in the catalog")
    template = entry.get(lang) or entry["nl"]
    filled = {k: _word(v, lang) for k, v in params.items()}
    return string.Formatter().vformat(template, (), _Defaulting(filled))


def _word(value: str, lang: str) -> str:
    """Give a parameter, translating "@key" references to the WORDS catalog."""
    if value.startswith("@") and value[1:] in WORDS:
        entry = WORDS[value[1:]]
        return entry.get(lang) or entry["nl"]
    return value


class _Defaulting(dict[str, str]):
    """A mapping that leaves unknown placeholders visible instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def long_date(date: dt.date, lang: str) -> str:
    """Give a date written out, e.g. '24 augustus 2021'."""
    months = MONTHS.get(lang, MONTHS["nl"])
    return f"{date.day} {months[date.month - 1]} {date.year}"


def ui(key: str, lang: str, **params: object) -> str:
    """Give an interface label in ``lang``."""
    return message(key, lang, {k: str(v) for k, v in params.items()})


def ui_count(key: str, lang: str, n: int) -> str:
    """Give the label for ``n`` things: the entry ``key_1`` for one, else ``key`` with ``{n}``."""
    return ui(f"{key}_1", lang) if n == 1 else ui(key, lang, n=n)


def decimal(value: float, lang: str, places: int = 2) -> str:
    """Give a number as the language writes it: '0,11' in Dutch, '0.11' in English."""
    text = f"{value:.{places}f}"
    return text.replace(".", ",") if lang == "nl" else text
