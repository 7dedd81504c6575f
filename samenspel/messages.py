"""The one catalog of words the tool says: problem messages, hints and interface labels.

Dutch comes first because the site and most contributors are Dutch; English is kept
complete so that ``--lang en`` and an English site work too.
"""
from __future__ import annotations

import datetime as dt
import functools
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
    "engine_error": {"nl": "fout in samenspel zelf: {error}", "en": "error in samenspel itself: {error}"},
    "hint_engine_error": {
        "nl": "dit is een fout in het programma, niet in je tekst: meld het met deze regel",
        "en": "this is a bug in the program, not in your text: report it with this line",
    },
    "asset_name": {
        "nl": "'{value}' kan geen adres op de site worden, dus dit bestand wordt niet gebruikt",
        "en": "'{value}' cannot become an address on the site, so this file is not used",
    },
    "hint_asset_name": {
        "nl": "geef het een naam van kleine letters, cijfers, '-' en '.', zoals style.css",
        "en": "give it a name of lowercase letters, digits, '-' and '.', such as style.css",
    },
    # Pictures in stories (#12): why images.process refuses a file; {value} is filled by images.ImageRefused
    "image_too_large": {
        "nl": "de afbeelding is {value} bytes, meer dan de grens van 20 MB",
        "en": "the picture is {value} bytes, more than the limit of 20 MB",
    },
    "hint_image_too_large": {
        "nl": "sla de foto kleiner op, bijvoorbeeld 2400 pixels breed als JPEG: groter wordt hij op de site toch niet",
        "en": "save the photo smaller, for instance 2400 pixels wide as JPEG: the site never shows it larger",
    },
    "image_empty": {"nl": "de afbeelding is leeg ({value} bytes)", "en": "the picture is empty ({value} bytes)"},
    "image_not_an_image": {
        "nl": "dit bestand is geen afbeelding: de inhoud is {value}",
        "en": "this file is not a picture: its content is {value}",
    },
    "image_format": {
        "nl": "afbeeldingen van het type {value} worden niet aangenomen",
        "en": "pictures of type {value} are not accepted",
    },
    "hint_image_format": {
        "nl": "sla het beeld op als JPEG (foto's) of PNG (tekeningen); WebP mag ook. De naam van het bestand telt niet, de inhoud wel",
        "en": "save the picture as JPEG (photos) or PNG (drawings); WebP is fine too. The file's name does not count, its content does",
    },
    "image_svg_refused": {
        "nl": "een SVG-tekening ({value}) wordt niet aangenomen: SVG kan code bevatten die in de browser van een lezer draait",
        "en": "an SVG drawing ({value}) is not accepted: SVG can contain code that runs in a reader's browser",
    },
    "hint_image_svg": {
        "nl": "exporteer de tekening als PNG, minstens 1200 pixels breed",
        "en": "export the drawing as PNG, at least 1200 pixels wide",
    },
    "image_too_many_pixels": {
        "nl": "de afbeelding zegt {value} pixels groot te zijn, meer dan de grens van 40 miljoen pixels",
        "en": "the picture says it is {value} pixels, more than the limit of 40 million pixels",
    },
    "hint_image_pixels": {
        "nl": "verklein de afbeelding, bijvoorbeeld tot 2400 pixels breed; is dat al zo, dan is het bestand beschadigd of misleidend",
        "en": "scale the picture down, for instance to 2400 pixels wide; if it already is, the file is damaged or deceptive",
    },
    "image_broken": {
        "nl": "dit {value}-bestand is beschadigd of onvolledig en kan niet gelezen worden",
        "en": "this {value} file is damaged or incomplete and cannot be read",
    },
    "hint_image_broken": {
        "nl": "open het in een fotoprogramma en sla het opnieuw op, of haal het nog eens van de camera of telefoon",
        "en": "open it in a photo editor and save it again, or copy it from the camera or phone once more",
    },
    "image_shape": {
        "nl": "de afbeelding is {value} pixels: te smal of te hoog om op een pagina te tonen",
        "en": "the picture is {value} pixels: too narrow or too tall to show on a page",
    },
    "hint_image_shape": {
        "nl": "snijd hem bij tot een vorm die hooguit 8 keer zo lang als breed is",
        "en": "crop it to a shape at most 8 times as long as it is wide",
    },
    "image_animated": {
        "nl": "de afbeelding beweegt ({value} beelden); bewegende beelden worden niet aangenomen",
        "en": "the picture moves ({value} frames); moving pictures are not accepted",
    },
    "hint_image_animated": {
        "nl": "kies één stilstaand beeld en sla het op als JPEG of PNG: beweging leidt af en is niet te pauzeren",
        "en": "choose one still frame and save it as JPEG or PNG: movement distracts and cannot be paused",
    },
    "yaml_error": {"nl": "YAML kan niet gelezen worden: {error}", "en": "YAML cannot be read: {error}"},
    # Said after every problem that stops the reading of a file's front matter (codes yaml_…).
    "more_follow": {
        "nl": "de andere controles van dit bestand volgen als dit is opgelost",
        "en": "the file's other checks follow once this is fixed",
    },
    "hint_yaml": {
        "nl": "controleer inspringing en dubbele punten; zet tekst met ':' of '#' tussen aanhalingstekens",
        "en": "check indentation and colons; quote text that contains ':' or '#'",
    },
    "yaml_too_complex": {
        "nl": "de YAML is te diep genest of gebruikt te veel verwijzingen (aliases)",
        "en": "the YAML is nested too deeply or uses too many aliases",
    },
    "hint_yaml_simple": {
        "nl": "schrijf de waarden gewoon uit",
        "en": "write the values out plainly",
    },
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
    "hint_fill_in": {"nl": "vul achter `{name}:` een waarde in", "en": "fill in a value after `{name}:`"},
    "missing_part": {"nl": "'{name}' ontbreekt", "en": "'{name}' is missing"},
    "hint_missing_in_item": {"nl": "voeg onder deze {item} `{name}:` toe", "en": "add `{name}:` under this {item}"},
    "hint_missing_under": {"nl": "voeg `{name}:` toe onder `{parent}:`", "en": "add `{name}:` under `{parent}:`"},
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
    # An unknown vocabulary value with no near match: the choices, and how to propose a new term.
    "hint_new_term": {
        "nl": "kies uit: {choices}; is het echt iets nieuws, voeg dan onder `{list}:` in content/vocabulary.yml "
              "de regel `{snippet}` toe en vul label en beschrijving in; een redacteur beoordeelt de nieuwe term",
        "en": "choose from: {choices}; if it is really new, add the line `{snippet}` under `{list}:` in "
              "content/vocabulary.yml and fill in label and description; an editor reviews the new term",
    },
    "hint_new_term_long": {
        "nl": "kies een van de {count} waarden onder `{list}:` in content/vocabulary.yml (elk met uitleg); is het "
              "echt iets nieuws, voeg daar dan de regel `{snippet}` toe en vul label en beschrijving in; "
              "een redacteur beoordeelt de nieuwe term",
        "en": "choose one of the {count} values under `{list}:` in content/vocabulary.yml (each explained there); "
              "if it is really new, add the line `{snippet}` there and fill in label and description; "
              "an editor reviews the new term",
    },
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
        "nl": "een afbeelding van een andere site wordt niet getoond; alleen de alt-tekst '{value}' komt op de pagina",
        "en": "a picture from another site is not shown; only the alt text '{value}' appears on the page",
    },
    "hint_image": {
        "nl": "zet het bestand naast het verhaal en schrijf ![wat je ziet](foto.jpg); of beschrijf in de tekst wat de afbeelding laat zien",
        "en": "put the file next to the story and write ![what you see](photo.jpg); or describe in the text what the picture shows",
    },
    # Pictures (#12)
    "image_no_src": {"nl": "er staat geen bestand bij deze afbeelding", "en": "this picture names no file"},
    "hint_image_src": {
        "nl": "schrijf de naam van het bestand naast het verhaal, zoals src: foto.jpg",
        "en": "write the name of the file next to the story, such as src: photo.jpg",
    },
    "image_remote": {
        "nl": "'{value}' staat op een andere site; de site toont alleen afbeeldingen uit de eigen map",
        "en": "'{value}' is on another site; the site shows only pictures from its own folder",
    },
    "hint_image_local": {
        "nl": "zet het bestand naast het verhaal in content/stories/ en schrijf alleen de naam, zoals foto.jpg",
        "en": "put the file next to the story in content/stories/ and write only its name, such as photo.jpg",
    },
    "image_absolute": {
        "nl": "'{value}' is geen pad vanaf het verhaal (het begint met '/' of bevat '\\')",
        "en": "'{value}' is no path from the story (it starts with '/' or holds '\\')",
    },
    "image_outside": {
        "nl": "'{value}' wijst naar een bestand buiten de map content/",
        "en": "'{value}' points to a file outside the folder content/",
    },
    "hint_image_relative": {
        "nl": "schrijf het pad vanaf het Markdown-bestand, zoals foto.jpg of ../stories/foto.jpg; het bestand hoort in content/",
        "en": "write the path from the Markdown file, such as photo.jpg or ../stories/photo.jpg; the file belongs in content/",
    },
    "image_suffix": {
        "nl": "'{value}' heeft niet de naam van een JPEG-, PNG- of WebP-bestand (.jpg, .png of .webp)",
        "en": "'{value}' is not named as a JPEG, PNG or WebP file (.jpg, .png or .webp)",
    },
    "hint_image_suffix": {
        "nl": "sla de afbeelding op als JPEG (een foto) of PNG (een tekening); een GIF, HEIC of TIFF zet je eerst om",
        "en": "save the picture as JPEG (a photo) or PNG (a drawing); convert a GIF, HEIC or TIFF first",
    },
    "image_missing": {"nl": "de afbeelding '{value}' is er niet", "en": "the picture '{value}' does not exist"},
    "hint_image_missing": {
        "nl": "zet het bestand in dezelfde map als het verhaal, of verbeter de naam (hoofdletters tellen mee)",
        "en": "put the file in the same folder as the story, or correct the name (capitals count)",
    },
    "image_link": {
        "nl": "'{value}' is een snelkoppeling (symbolische link); die volgt de site nooit",
        "en": "'{value}' is a shortcut (symbolic link); the site never follows one",
    },
    "hint_image_link": {
        "nl": "zet het bestand zelf in de map, geen link ernaar",
        "en": "put the file itself in the folder, not a link to it",
    },
    "image_read": {
        "nl": "de afbeelding '{value}' kan niet gelezen worden: {error}",
        "en": "the picture '{value}' cannot be read: {error}",
    },
    "hint_image_read": {
        "nl": "controleer of het bestand te openen is en of jij het mag lezen",
        "en": "check that the file opens and that you may read it",
    },
    "image_no_alt": {
        "nl": "de afbeelding '{value}' heeft geen alt-tekst",
        "en": "the picture '{value}' has no alt text",
    },
    "hint_alt_front": {
        "nl": "beschrijf bij alt: in één zin wat er te zien is, voor wie de afbeelding niet ziet; is ze alleen versiering, zet dan decorative: true",
        "en": "describe under alt: in one sentence what it shows, for readers who cannot see it; if it is only decoration, set decorative: true",
    },
    "hint_alt_body": {
        "nl": "schrijf tussen de rechte haken wat er te zien is: ![wat je ziet](foto.jpg); alleen versiering: ![](foto.jpg \"decoratief\")",
        "en": "write between the square brackets what it shows: ![what you see](photo.jpg); only decoration: ![](photo.jpg \"decoratief\")",
    },
    "image_decorative_alt": {
        "nl": "de afbeelding is versiering (decorative: true), maar heeft toch een alt-tekst ('{value}')",
        "en": "the picture is decoration (decorative: true), yet it has an alt text ('{value}')",
    },
    "hint_image_decorative": {
        "nl": "laat iets zien wat de tekst niet zegt? haal dan decorative: true weg; anders de alt-tekst",
        "en": "does it show something the text does not say? then remove decorative: true; otherwise the alt text",
    },
    "image_no_consent": {
        "nl": "er staan herkenbare mensen op '{value}' (recognisable_people: true), maar er is geen toestemming vastgelegd (consent: true)",
        "en": "recognisable people are in '{value}' (recognisable_people: true), but no consent is recorded (consent: true)",
    },
    "hint_image_consent": {
        "nl": "vraag iedereen die herkenbaar is of de foto op de site mag (portretrecht) en zet dan consent: true; anders: kies een foto zonder herkenbare mensen",
        "en": "ask everyone who is recognisable whether the photo may be on the site (portrait rights) and then set consent: true; otherwise choose a photo without recognisable people",
    },
    "picture_not_shown": {
        "nl": "'{value}' staat niet als afbeelding in de tekst, dus deze gegevens horen bij geen enkele afbeelding",
        "en": "'{value}' is not a picture in the text, so these details belong to no picture",
    },
    "hint_picture_suggestion": {
        "nl": "bedoelde je '{suggestion}'? Schrijf de naam precies zoals tussen de ronde haken in de tekst",
        "en": "did you mean '{suggestion}'? Write the name exactly as between the round brackets in the text",
    },
    "hint_picture_in_body": {
        "nl": "zet de afbeelding in de tekst met ![wat je ziet]({value}), of schrijf de naam zoals in de tekst (daar nu: {choices})",
        "en": "put the picture in the text with ![what you see]({value}), or write the name as in the text (there now: {choices})",
    },
    "hint_picture_is_main": {
        "nl": "dit is de hoofdafbeelding: wie haar maakte, de licentie en de toestemming horen onder image:, niet onder pictures:",
        "en": "this is the main picture: who made it, its licence and consent belong under image:, not under pictures:",
    },
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
    # Contributing through GitHub (#10)
    # -- YAML mistakes, named where they start; the reader's own words stay as a detail
    "yaml_quote": {
        "nl": "YAML kan niet gelezen worden: de tekst tussen aanhalingstekens die op deze regel begint, wordt niet goed afgesloten (de YAML-lezer liep vast op regel {at}: {error})",
        "en": "YAML cannot be read: the quoted text that starts on this line is not closed properly (the YAML reader got stuck at line {at}: {error})",
    },
    "hint_yaml_quote": {
        "nl": "zet aan het eind van de tekst, op dezelfde regel, hetzelfde aanhalingsteken als aan het begin; gebruik binnen de tekst het andere soort: \"Het motto was 'samen eten'.\"",
        "en": "end the text, on the same line, with the quote it starts with; inside it, use the other kind: \"The motto was 'eat together'.\"",
    },
    "yaml_after_quote": {
        "nl": "YAML kan niet gelezen worden: na het aanhalingsteken dat de tekst afsluit, staat nog meer tekst (de YAML-lezer liep vast op regel {at}: {error})",
        "en": "YAML cannot be read: more text follows the quote that closes the text (the YAML reader got stuck at line {at}: {error})",
    },
    "hint_yaml_inner_quote": {
        "nl": "gebruik binnen de tekst het andere soort aanhalingsteken, zoals \"Het 'dorpshuis' van ons\" of \"Opa's tuin\"",
        "en": "inside the text, use the other kind of quote, as in \"Our 'village hall'\" or \"Grandpa's garden\"",
    },
    "yaml_bracket": {
        "nl": "YAML kan niet gelezen worden: de [ of {{ op deze regel wordt niet gesloten (de YAML-lezer liep vast op regel {at}: {error})",
        "en": "YAML cannot be read: the [ or {{ on this line is not closed (the YAML reader got stuck at line {at}: {error})",
    },
    "hint_yaml_bracket": {
        "nl": "sluit een lijst af met ] en een groep velden met }}, zoals themes: [eigen-regie, empowerment]; staat er een haakje in een tekst, zet de hele tekst dan tussen dubbele aanhalingstekens",
        "en": "close a list with ] and a group of fields with }}, as in themes: [eigen-regie, empowerment]; when a text holds a bracket, put the whole text between double quotes",
    },
    "yaml_colon": {
        "nl": "YAML kan niet gelezen worden: in de waarde op deze regel staat een dubbele punt met een spatie erna, en YAML leest dat als het begin van een nieuw veld (de YAML-lezer liep vast op regel {at}: {error})",
        "en": "YAML cannot be read: the value on this line holds a colon followed by a space, which YAML reads as the start of a new field (the YAML reader got stuck at line {at}: {error})",
    },
    "hint_yaml_colon": {
        "nl": "zet de hele tekst tussen dubbele aanhalingstekens, zoals note: \"Afspraak: de bewoners beslissen.\"",
        "en": "put the whole text between double quotes, as in note: \"Agreed: the residents decide.\"",
    },
    "yaml_indent_after": {
        "nl": "YAML kan niet gelezen worden: de regel hierna springt verder in dan deze, dus YAML leest hem als vervolg van de waarde op deze regel (de YAML-lezer liep vast op regel {at}: {error})",
        "en": "YAML cannot be read: the next line is indented further than this one, so YAML reads it as part of the value on this line (the YAML reader got stuck at line {at}: {error})",
    },
    "hint_yaml_indent_after": {
        "nl": "laat velden van hetzelfde niveau recht onder elkaar beginnen; heeft dit veld onderdelen op de regels eronder, laat dan na de dubbele punt niets staan, zoals place:",
        "en": "start fields of the same level right below each other; when this field has parts on the lines below, leave nothing after its colon, as in place:",
    },
    "yaml_indent": {
        "nl": "YAML kan niet gelezen worden: deze regel springt anders in dan de regels waar hij bij hoort (de YAML-lezer liep vast op regel {at}: {error})",
        "en": "YAML cannot be read: this line is indented differently from the lines it belongs with (the YAML reader got stuck at line {at}: {error})",
    },
    "hint_yaml_indent": {
        "nl": "laat onderdelen die bij elkaar horen met evenveel spaties beginnen, recht onder elkaar, zoals in het sjabloon",
        "en": "start parts that belong together with as many spaces, right below each other, as in the template",
    },
    "yaml_tab": {
        "nl": "YAML kan niet gelezen worden: op deze regel staat een tab waar YAML spaties verwacht (de YAML-lezer liep vast op regel {at}: {error})",
        "en": "YAML cannot be read: this line has a tab where YAML expects spaces (the YAML reader got stuck at line {at}: {error})",
    },
    "hint_yaml_tab": {
        "nl": "spring in met spaties, niet met de Tab-toets; veel editors kunnen tabs in spaties omzetten",
        "en": "indent with spaces, not the Tab key; most editors can turn tabs into spaces",
    },
    "yaml_space": {
        "nl": "YAML kan niet gelezen worden: na de dubbele punt van het veld op deze regel ontbreekt een spatie (de YAML-lezer liep vast op regel {at}: {error})",
        "en": "YAML cannot be read: the colon of the field on this line is not followed by a space (the YAML reader got stuck at line {at}: {error})",
    },
    "hint_yaml_space": {"nl": "zet een spatie na de dubbele punt, zoals title: Mijn verhaal", "en": "put a space after the colon, as in title: My story"},
    "yaml_dash": {
        "nl": "YAML kan niet gelezen worden: na het streepje op deze regel ontbreekt een spatie, dus YAML ziet geen nieuw onderdeel van de lijst (de YAML-lezer liep vast op regel {at}: {error})",
        "en": "YAML cannot be read: the dash on this line is not followed by a space, so YAML sees no new item of the list (the YAML reader got stuck at line {at}: {error})",
    },
    "hint_yaml_dash": {"nl": "schrijf een streepje en een spatie, zoals - id: bewoners", "en": "write a dash and a space, as in - id: bewoners"},
    "yaml_reserved": {
        "nl": "YAML kan niet gelezen worden: een waarde zonder aanhalingstekens mag niet met {char} beginnen (de YAML-lezer liep vast op regel {at}: {error})",
        "en": "YAML cannot be read: a value without quotes may not start with {char} (the YAML reader got stuck at line {at}: {error})",
    },
    "hint_yaml_reserved": {"nl": "zet de hele tekst tussen dubbele aanhalingstekens", "en": "put the whole text between double quotes"},
    # -- privacy: personal data found before a pull request makes it public (privacy.py)
    "privacy_postcode": {"nl": "'{value}' lijkt een postcode", "en": "'{value}' looks like a postcode"},
    "privacy_address": {"nl": "'{value}' lijkt een straat met huisnummer", "en": "'{value}' looks like a street with a house number"},
    "privacy_phone": {"nl": "'{value}' lijkt een telefoonnummer", "en": "'{value}' looks like a phone number"},
    "privacy_email": {"nl": "'{value}' is een e-mailadres", "en": "'{value}' is an e-mail address"},
    "privacy_bsn": {
        "nl": "'{value}' is een geldig burgerservicenummer (BSN): het haalt de elfproef",
        "en": "'{value}' is a valid citizen service number (BSN): it passes the eleven test",
    },
    "hint_privacy_remove": {
        "nl": "haal het weg of schrijf het algemener; een verhaal is openbaar vanaf het moment dat je het voorstelt",
        "en": "remove it or write it more generally; a story is public from the moment you propose it",
    },
    "hint_privacy_bsn": {
        "nl": "haal het weg: een BSN hoort nooit in een verhaal, ook niet in een concept",
        "en": "remove it: a BSN never belongs in a story, not even in a draft",
    },
    "privacy_person": {
        "nl": "'{value}' lijkt de naam van een persoon, en er is geen toestemming vastgelegd",
        "en": "'{value}' looks like a person's name, and no consent is recorded",
    },
    "hint_privacy_person": {
        "nl": "beschrijf de persoon zonder naam, zoals \"een bewoner\"; of vraag toestemming en zet bij deze actor person: true en consent: true; is het geen persoon, zet dan person: false",
        "en": "describe the person without a name, as in \"a resident\"; or ask for consent and set person: true and consent: true for this actor; if it is no person, set person: false",
    },
    "privacy_no_consent": {
        "nl": "'{value}' is een persoon (person: true), maar er staat geen toestemming bij (consent: true)",
        "en": "'{value}' is a person (person: true), but no consent is recorded (consent: true)",
    },
    "hint_privacy_consent": {
        "nl": "vraag de persoon of de naam op de site mag en zet dan consent: true; anders: noem geen naam, maar beschrijf de persoon, zoals \"een bewoner\"",
        "en": "ask the person whether the name may appear on the site and then set consent: true; otherwise name no one and describe the person, as in \"a resident\"",
    },
    "privacy_named_place": {
        "nl": "de plek is geanonimiseerd (anonymised: true), maar hier staat toch '{value}'",
        "en": "the place is anonymised (anonymised: true), yet '{value}' is named here",
    },
    "hint_privacy_place": {
        "nl": "haal de naam van de gemeente of provincie weg, of zet anonymised: false als alle betrokkenen de echte plek goed vinden",
        "en": "remove the name of the municipality or province, or set anonymised: false when everyone involved agrees to the real place",
    },
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
    # One item of a list in a field path, counted for the contributor: "4e actor (actors[3])".
    # The vocabulary's own lists use their kind_ word above (themes[2] is the "3e thema").
    "item_actors": {"nl": "actor", "en": "actor"},
    "item_relations": {"nl": "relatie", "en": "relation"},
    "item_outcomes": {"nl": "uitkomst", "en": "outcome"},
    "item_lessons": {"nl": "les", "en": "lesson"},
    "item_sources": {"nl": "bron", "en": "source"},
    "item_pictures": {"nl": "afbeelding", "en": "picture"},
    "item_contributors": {"nl": "schrijver", "en": "contributor"},
    "item_stories": {"nl": "verhaal", "en": "story"},
    "item_synonyms": {"nl": "synoniem", "en": "synonym"},
    "item_other": {"nl": "onderdeel", "en": "item"},
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
    "stage_images": {"nl": "afbeeldingen", "en": "images"},
    "stage_markdown": {"nl": "opmaken", "en": "markdown"},
    "stage_related": {"nl": "verwant", "en": "related"},
    "stage_assemble": {"nl": "samenstellen", "en": "assemble"},
    "stage_jobs": {"nl": "pagina's plannen", "en": "plan pages"},
    "stage_render": {"nl": "pagina's maken", "en": "render"},
    "stage_assets": {"nl": "bestanden", "en": "assets"},
    "stage_search": {"nl": "zoekindex", "en": "search index"},
    "stage_unchanged": {"nl": "niets veranderd", "en": "nothing changed"},
    "summary_unchanged": {"nl": "niets veranderd sinds de vorige build (build --force bouwt toch)",
                          "en": "nothing changed since the last build (build --force builds anyway)"},
    "stage_write": {"nl": "schrijven", "en": "write"},
    "timings_reused": {"nl": "  ({pages} ongewijzigd uit de vorige build genomen, niet opnieuw gemaakt)",
                       "en": "  ({pages} taken unchanged from the last build, not made again)"},
    "memory_title": {"nl": "Geheugen (hoogste)", "en": "Memory (peak)"},
    "memory_build": {"nl": "build", "en": "build"},
    "memory_workers": {"nl": "hulpprocessen", "en": "worker processes"},
    "memory_search": {"nl": "zoekindex (Pagefind)", "en": "search index (Pagefind)"},
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
    "licence": {"nl": "licentie", "en": "licence"},
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
        "nl": "Dit verhaal is nog niet gepubliceerd (status: {status}) en is alleen in de voorvertoning te zien.",
        "en": "This story is not published yet (status: {status}) and shows only in the preview.",
    },
    "draft_banner_lesson": {
        "nl": "Deze les is nog niet gepubliceerd (status: {status}) en is alleen in de voorvertoning te zien.",
        "en": "This lesson is not published yet (status: {status}) and shows only in the preview.",
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
    # Contributing through GitHub (#10)
    # -- check --format github: the annotations' title and the job summary's table
    "check_title": {"nl": "Samenspel-controle", "en": "Samenspel check"},
    "summary_heading": {"nl": "Controle van de inhoud", "en": "Content check"},
    "summary_none": {"nl": "Alles in orde: geen problemen en geen waarschuwingen.", "en": "All good: no problems and no warnings."},
    "column_file": {"nl": "Bestand", "en": "File"},
    "column_line": {"nl": "Regel", "en": "Line"},
    "column_field": {"nl": "Veld", "en": "Field"},
    "column_severity": {"nl": "Soort", "en": "Kind"},
    "column_problem": {"nl": "Wat er niet klopt", "en": "What is wrong"},
    "column_hint": {"nl": "Zo los je het op", "en": "How to fix it"},
    "severity_error": {"nl": "probleem", "en": "problem"},
    "severity_warning": {"nl": "waarschuwing", "en": "warning"},
    "summary_unwritable": {"nl": "kan de samenvatting niet schrijven naar {path}: {error}", "en": "cannot write the summary to {path}: {error}"},
    # -- new: a story file from the template
    "new_header": {
        "nl": "NIEUW VERHAAL, gemaakt met 'python build.py new'.\nDit bestand wordt de pagina /verhalen/{slug}/ zodra het gepubliceerd is.\nVul elk veld in; de uitleg staat erboven. Controleer het met 'make check'.",
        "en": "NEW STORY, made with 'python build.py new'.\nThis file becomes the page /verhalen/{slug}/ once it is published.\nFill in every field; the explanation is above it. Check it with 'make check'.",
    },
    "new_created": {
        "nl": "Nieuw verhaal: {path} (status: concept). Vul het in en controleer het met 'make check'; bekijk het met 'make serve'.",
        "en": "New story: {path} (status: concept). Fill it in and check it with 'make check'; preview it with 'make serve'.",
    },
    "new_exists": {
        "nl": "{path} bestaat al en blijft zoals het is; kies een andere titel of ga verder in dat bestand",
        "en": "{path} exists already and is left as it is; choose another title or carry on in that file",
    },
    "new_no_slug": {
        "nl": "van de titel '{title}' valt geen bestandsnaam te maken; gebruik letters of cijfers",
        "en": "no file name can be made from the title '{title}'; use letters or digits",
    },
    "new_no_template": {"nl": "het sjabloon {path} ontbreekt", "en": "the template {path} is missing"},
    # -- from-issue: a story from GitHub's issue form
    "issue_unreadable": {"nl": "kan het issue {path} niet lezen: {error}", "en": "cannot read the issue {path}: {error}"},
    "issue_missing": {
        "nl": "Het verhaal is nog niet compleet. Vul in het issue ook dit in (of vink het aan):",
        "en": "The story is not complete yet. Also fill in (or tick) this in the issue:",
    },
    "issue_problems": {
        "nl": "Het verhaal is niet gemaakt. Dit klopt nog niet in het issue:",
        "en": "The story was not made. This is not right in the issue yet:",
    },
    "issue_warnings": {"nl": "Let op in het issue:", "en": "Mind in the issue:"},
    "issue_comment_next": {
        "nl": "Pas het issue aan met **Edit** (rechtsboven bij het eerste bericht). Daarna zet een redacteur het "
              "label `{label}` er opnieuw op, en dan wordt het verhaal gemaakt.",
        "en": "Change the issue with **Edit** (top right of the first message). Then an editor puts the label "
              "`{label}` on it again, and the story is made.",
    },
    "pull_request_title": {"nl": "Verhaal: {title}", "en": "Story: {title}"},
    "pull_request_body": {
        "nl": "Dit verhaal is gemaakt uit issue #{number} en staat in `{path}`, met status `ter-review`.",
        "en": "This story was made from issue #{number} and is in `{path}`, with status `ter-review`.",
    },
    "pull_request_next": {
        "nl": "Redactie: lees het verhaal na, loop de privacylijst in `.github/pull_request_template.md` na en zet de status op "
              "`gepubliceerd` als het klaar is. Samenvoegen zet het op de site en sluit het issue.",
        "en": "Editors: read the story through, go through the privacy list in `.github/pull_request_template.md` and set the status to "
              "`gepubliceerd` when it is ready. Merging puts it on the site and closes the issue.",
    },
    "issue_created": {
        "nl": "Verhaal gemaakt: {path} (status: ter-review). Lees het na en open er een pull request mee.",
        "en": "Story made: {path} (status: ter-review). Read it through and open a pull request with it.",
    },
    # -- schema: JSON Schemas for editors
    "schema_written": {"nl": "geschreven: {path}", "en": "written: {path}"},
    "schema_no_vocabulary": {
        "nl": "de woordenlijst kan niet gelezen worden; 'python build.py check' zegt waarom",
        "en": "the vocabulary cannot be read; 'python build.py check' says why",
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
    # Contributing (#10): the story form's fields (the submission page and the GitHub issue form
    # share these labels; issueform.FIELDS reads the Dutch ones) -------------------------------
    "form_title": {"nl": "Titel", "en": "Title"},
    "form_summary": {"nl": "Samenvatting", "en": "Summary"},
    "form_place": {"nl": "Plek", "en": "Place"},
    "form_scale": {"nl": "Schaal van de plek", "en": "Scale of the place"},
    "form_anonymised": {"nl": "Is de plek geanonimiseerd?", "en": "Is the place anonymised?"},
    "form_actors": {"nl": "Partijen", "en": "Parties"},
    "form_relations": {"nl": "Relaties", "en": "Relations"},
    "form_themes": {"nl": "Thema's", "en": "Themes"},
    "form_outcome_type": {"nl": "Soort uitkomst", "en": "Kind of outcome"},
    "form_outcome": {"nl": "Wat kwam eruit?", "en": "What came of it?"},
    "form_lessons": {"nl": "Lessen", "en": "Lessons"},
    "form_body": {"nl": "Het verhaal", "en": "The story"},
    "form_privacy": {"nl": "Privacy", "en": "Privacy"},
    # Contributing (#10): the submission page /deel-je-verhaal/ ---------------------------------
    "submit_title": {"nl": "Deel je verhaal", "en": "Share your story"},
    "submit_intro": {
        "nl": "Vul dit formulier in. Het maakt er een verhaalbestand van. Dat bestand stuur je op via GitHub, "
              "of je geeft het aan de redactie.",
        "en": "Fill in this form. It turns your answers into a story file. You send that file in through GitHub, "
              "or give it to the editors.",
    },
    "submit_routes_title": {"nl": "Drie manieren om een verhaal in te sturen", "en": "Three ways to send in a story"},
    "submit_route_form": {
        "nl": "vul de vakjes hieronder in. Het werkt in je browser en stuurt zelf niets weg.",
        "en": "fill in the fields below. It works in your browser and sends nothing anywhere by itself.",
    },
    "submit_route_issue": {"nl": "Met het issueformulier op GitHub", "en": "With the issue form on GitHub"},
    "submit_route_issue_text": {
        "nl": "je hebt alleen een gratis account nodig. Een redacteur maakt er een verhaal van.",
        "en": "a free account is all you need. An editor turns it into a story.",
    },
    "submit_route_template": {"nl": "Met het sjabloon", "en": "With the template"},
    "submit_route_template_text": {
        "nl": "vul het sjabloon in en stel het voor met een pull request. Hoe dat gaat, lees je op",
        "en": "fill in the template and propose it with a pull request. How that works is on",
    },
    "submit_no_js": {
        "nl": "Het formulier werkt alleen met JavaScript, en dat staat bij jou uit. Kies dan een van de andere "
              "twee manieren hierboven.",
        "en": "The form only works with JavaScript, which is off in your browser. Choose one of the other two "
              "ways above.",
    },
    "submit_form_title": {"nl": "Het formulier", "en": "The form"},
    "submit_required_note": {
        "nl": "Velden met ‘verplicht’ moeten ingevuld zijn. Alles blijft op je eigen computer tot je het "
              "bestand zelf opstuurt.",
        "en": "Fields marked ‘required’ must be filled in. Everything stays on your own computer until you send "
              "the file yourself.",
    },
    "submit_required": {"nl": "verplicht", "en": "required"},
    "submit_optional": {"nl": "mag leeg blijven", "en": "optional"},
    "submit_about": {"nl": "Over het verhaal", "en": "About the story"},
    "submit_hint_title": {"nl": "Kort en duidelijk, hoogstens {limit} tekens.", "en": "Short and clear, at most {limit} characters."},
    "submit_hint_summary": {
        "nl": "Eén of twee zinnen, hoogstens {limit} tekens: wie wilde wat, wie vroeg of betaalde wie, en wat kwam eruit?",
        "en": "One or two sentences, at most {limit} characters: who wanted what, who asked or paid whom, and what came of it?",
    },
    "submit_date": {"nl": "Datum", "en": "Date"},
    "submit_hint_date": {"nl": "De dag waarop het verhaal verschijnt, zoals 2024-03-05.", "en": "The day the story appears, such as 2024-03-05."},
    "submit_period": {"nl": "Wanneer speelde het?", "en": "When did it happen?"},
    "submit_hint_period": {"nl": "In je eigen woorden, zoals ‘ongeveer een jaar’.", "en": "In your own words, such as ‘about a year’."},
    "submit_hint_place": {
        "nl": "Zoals lezers de plek zien, zoals ‘een dorp’ of ‘een wijk in een stad’.",
        "en": "As readers see the place, such as ‘a village’ or ‘a neighbourhood in a town’.",
    },
    "submit_yes": {"nl": "Ja", "en": "Yes"},
    "submit_no": {"nl": "Nee", "en": "No"},
    "submit_hint_anonymised": {
        "nl": "Anonimiseren is meer dan de naam weglaten: een klein dorp met een school met naam is ook te herkennen.",
        "en": "Anonymising means more than leaving out the name: a small village with a named school can be recognised too.",
    },
    "submit_municipality": {"nl": "Gemeente", "en": "Municipality"},
    "submit_province": {"nl": "Provincie", "en": "Province"},
    "submit_choose": {"nl": "Kies…", "en": "Choose…"},
    "submit_hint_actors": {
        "nl": "Minstens {minimum}: iedereen die iets vroeg, betaalde, deed of hielp.",
        "en": "At least {minimum}: everyone who asked, paid, did or helped.",
    },
    "submit_actor": {"nl": "Partij {n}", "en": "Party {n}"},
    "submit_actor_name": {"nl": "Naam", "en": "Name"},
    "submit_hint_actor_name": {
        "nl": "Zoals het midden in een zin staat: ‘de gemeente’, ‘een groep bewoners’.",
        "en": "As it reads in the middle of a sentence: ‘the municipality’, ‘a group of residents’.",
    },
    "submit_actor_type": {"nl": "Soort partij", "en": "Kind of party"},
    "submit_actor_roles": {"nl": "Rollen", "en": "Roles"},
    "submit_person": {
        "nl": "Dit is één privépersoon, die met naam genoemd wordt",
        "en": "This is one private person, named by name",
    },
    "submit_consent": {"nl": "Die persoon heeft toestemming gegeven", "en": "That person has given consent"},
    "submit_hint_relations": {
        "nl": "Wie deed wat voor wie? Je leest het als een zin: ‘de gemeente financiert een groep bewoners’.",
        "en": "Who did what for whom? It reads as a sentence: ‘the municipality funds a group of residents’.",
    },
    "submit_relation": {"nl": "Relatie {n}", "en": "Relation {n}"},
    "submit_relation_from": {"nl": "Wie", "en": "Who"},
    "submit_relation_kind": {"nl": "Doet wat", "en": "Does what"},
    "submit_relation_to": {"nl": "Voor wie", "en": "For whom"},
    "submit_relation_note": {"nl": "Toelichting", "en": "Note"},
    "submit_hint_themes": {"nl": "Kies er een of meer.", "en": "Choose one or more."},
    "submit_outcome": {"nl": "Uitkomst {n}", "en": "Outcome {n}"},
    "submit_hint_outcomes": {
        "nl": "Ook ‘gestopt’ of ‘niet gelukt’ is een uitkomst. Daar leren anderen vaak veel van.",
        "en": "‘Stopped’ or ‘did not work’ is an outcome too. Others often learn a lot from it.",
    },
    "submit_lesson": {"nl": "Les {n}", "en": "Lesson {n}"},
    "submit_lesson_text": {"nl": "De les", "en": "The lesson"},
    "submit_lesson_themes": {"nl": "Thema's van deze les", "en": "Themes of this lesson"},
    "submit_hint_lesson_themes": {
        "nl": "Kies je niets, dan krijgt de les de thema's van het verhaal.",
        "en": "If you choose none, the lesson gets the story's themes.",
    },
    "submit_hint_body": {
        "nl": "Vertel het in gewone taal. Een regel die begint met ‘## ’ wordt een tussenkop.",
        "en": "Tell it in plain language. A line that starts with ‘## ’ becomes a heading.",
    },
    "submit_body_start": {
        "nl": "## Hoe het begon\n\n\n## Wie vroeg wie om wat?\n\n\n## Waar het schuurde\n\n\n## Hoe het afliep\n",
        "en": "## How it began\n\n\n## Who asked whom for what?\n\n\n## Where it chafed\n\n\n## How it ended\n",
    },
    "submit_contributors": {"nl": "Je naam als schrijver", "en": "Your name as the writer"},
    "submit_hint_contributors": {
        "nl": "Alleen als je genoemd wilt worden. Laat je het leeg, dan staat er geen naam bij.",
        "en": "Only if you want to be named. Leave it empty and no name is shown.",
    },
    "submit_privacy_intro": {
        "nl": "Een verhaal is openbaar zodra je het opstuurt. Vink alle drie aan als ze kloppen.",
        "en": "A story is public as soon as you send it. Tick all three when they are true.",
    },
    "submit_privacy_data": {
        "nl": "Er staan geen postcodes, adressen, telefoonnummers of e-mailadressen in.",
        "en": "It holds no postcodes, addresses, phone numbers or e-mail addresses.",
    },
    "submit_privacy_names": {
        "nl": "Ik noem alleen mensen met naam die daar ja op zeiden. Wie over wie het verhaal gaat, weet ervan.",
        "en": "I only name people who said yes to it. Those the story is about know of it.",
    },
    "submit_privacy_anonymous": {
        "nl": "Is de plek geanonimiseerd, dan staat er ook geen school, straat of gemeente in waaraan je hem herkent.",
        "en": "If the place is anonymised, there is no school, street or municipality in it that gives it away either.",
    },
    "submit_add": {"nl": "Nog een {what} toevoegen", "en": "Add another {what}"},
    "submit_add_actor": {"nl": "partij", "en": "party"},
    "submit_add_relation": {"nl": "relatie", "en": "relation"},
    "submit_add_outcome": {"nl": "uitkomst", "en": "outcome"},
    "submit_add_lesson": {"nl": "les", "en": "lesson"},
    "submit_remove": {"nl": "Weghalen", "en": "Remove"},
    "submit_added": {"nl": "{what} toegevoegd.", "en": "{what} added."},
    "submit_removed": {"nl": "{what} weggehaald.", "en": "{what} removed."},
    "submit_make": {"nl": "Maak het verhaalbestand", "en": "Make the story file"},
    "submit_errors_title": {"nl": "Er is iets niet goed ingevuld", "en": "Something is not filled in right"},
    "submit_error_prefix": {"nl": "Fout", "en": "Error"},
    "submit_error_required": {"nl": "vul dit in", "en": "fill this in"},
    "submit_error_choose": {"nl": "kies er een", "en": "choose one"},
    "submit_error_choose_some": {"nl": "kies er minstens één", "en": "choose at least one"},
    "submit_error_too_long": {
        "nl": "hoogstens {limit} tekens, nu {length}",
        "en": "at most {limit} characters, now {length}",
    },
    "submit_error_too_few": {"nl": "voeg er minstens {minimum} toe", "en": "add at least {minimum}"},
    "submit_error_date": {"nl": "schrijf een bestaande datum als JJJJ-MM-DD", "en": "write a real date as YYYY-MM-DD"},
    "submit_error_same": {"nl": "kies twee verschillende partijen", "en": "choose two different parties"},
    "submit_error_consent": {
        "nl": "zonder toestemming mag de naam van een privépersoon niet online: vraag het, of noem de naam niet",
        "en": "without consent a private person's name cannot go online: ask, or leave the name out",
    },
    "submit_error_tick": {"nl": "vink dit aan als het klopt", "en": "tick this when it is true"},
    "submit_error_slug": {"nl": "gebruik minstens één letter of cijfer", "en": "use at least one letter or digit"},
    "submit_result_title": {"nl": "Je verhaalbestand", "en": "Your story file"},
    "submit_result_intro": {
        "nl": "Dit is je verhaal als bestand. Het heet {file} en hoort in de map content/stories/. Kopieer het, "
              "download het of open het op GitHub. Daar stel je het voor met een pull request.",
        "en": "This is your story as a file. It is called {file} and belongs in the folder content/stories/. Copy "
              "it, download it or open it on GitHub. There you propose it with a pull request.",
    },
    "submit_result_label": {"nl": "Het verhaalbestand", "en": "The story file"},
    "submit_copy": {"nl": "Kopiëren", "en": "Copy"},
    "submit_copied": {"nl": "Gekopieerd.", "en": "Copied."},
    "submit_copy_select": {
        "nl": "Kopiëren lukte niet vanzelf. De tekst is geselecteerd: kopieer hem met Ctrl+C (of Cmd+C).",
        "en": "Copying did not work by itself. The text is selected: copy it with Ctrl+C (or Cmd+C).",
    },
    "submit_download": {"nl": "Downloaden", "en": "Download"},
    "submit_github": {"nl": "Openen op GitHub", "en": "Open on GitHub"},
    "submit_too_long": {
        "nl": "Je verhaal is te lang voor een link naar GitHub. Kopieer of download het, en plak het daar in een "
              "nieuw bestand.",
        "en": "Your story is too long for a link to GitHub. Copy or download it, and paste it there into a new file.",
    },
    "submit_after": {
        "nl": "Daarna controleert de computer je verhaal en leest een redacteur mee. Wat er dan gebeurt, staat op",
        "en": "Then the computer checks your story and an editor reads along. What happens next is on",
    },
    # End of contributing (#10) --------------------------------------------------------------
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


def known_key(code: str) -> bool:
    """Give whether the catalog has ``code``: for codes that come from outside the code (a kept build record)."""
    return code in MESSAGES or code in UI


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


def word(key: str, lang: str) -> str:
    """Give the entry ``key`` of the WORDS catalog in ``lang``; an unknown key fails loudly, as in message()."""
    entry = WORDS[key]
    return entry.get(lang) or entry["nl"]


def ordinal(n: int, lang: str) -> str:
    """Give the ordinal a reader counts with: '4e' in Dutch, '4th' (and '1st', '22nd', '13th') in English."""
    if lang != "en":
        return f"{n}e"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def long_date(date: dt.date, lang: str) -> str:
    """Give a date written out, e.g. '24 augustus 2021'."""
    months = MONTHS.get(lang, MONTHS["nl"])
    return f"{date.day} {months[date.month - 1]} {date.year}"


def ui(key: str, lang: str, **params: object) -> str:
    """Give an interface label in ``lang``."""
    if not params:  # most labels, on every page: looked up once
        return _plain(key, lang)
    return message(key, lang, {k: str(v) for k, v in params.items()})


@functools.lru_cache(maxsize=1024)
def _plain(key: str, lang: str) -> str:
    return message(key, lang, {})


def ui_count(key: str, lang: str, n: int) -> str:
    """Give the label for ``n`` things: the entry ``key_1`` for one, else ``key`` with ``{n}``."""
    return ui(f"{key}_1", lang) if n == 1 else ui(key, lang, n=n)


def decimal(value: float, lang: str, places: int = 2) -> str:
    """Give a number as the language writes it: '0,11' in Dutch, '0.11' in English."""
    text = f"{value:.{places}f}"
    return text.replace(".", ",") if lang == "nl" else text
