"""German user-facing strings of the readings feature (adding and removing texts)."""

# --- extraction and validation errors -------------------------------------------------------
EMPTY_FILE = "Die Datei „{name}“ ist leer."
NO_TEXT = "In der Datei „{name}“ habe ich keinen Text gefunden."
TOO_LARGE = (
    "Die Datei „{name}“ ist {size} groß – erlaubt sind höchstens 5 MB. "
    "Bitte eine kleinere Fassung schicken (z. B. nur den Text als .txt)."
)
UNSUPPORTED_TYPE = (
    "Dateien vom Typ „{ext}“ kann ich nicht lesen. Erlaubt sind: .txt, .md, .pdf, .html, .docx."
)
OLD_WORD = (
    "Alte Word-Dateien (.doc) kann ich nicht lesen. Bitte in Word als .docx "
    "(oder als PDF) speichern und erneut schicken."
)
BINARY = (
    "„{name}“ sieht nicht nach einer Textdatei aus (Binärdaten). "
    "Erlaubt sind: .txt, .md, .pdf, .html, .docx."
)
BAD_PDF = "„{name}“ ist keine lesbare PDF-Datei."
ENCRYPTED_PDF = "„{name}“ ist passwortgeschützt. Bitte eine ungeschützte Fassung schicken."
SCANNED_PDF = (
    "„{name}“ ist ein gescanntes PDF ohne Textebene – ich kann darin keinen Text lesen. "
    "Bitte eine Fassung mit Text schicken (oder das PDF vorher mit Texterkennung/OCR bearbeiten)."
)
BAD_DOCX = "„{name}“ ist keine lesbare Word-Datei (.docx)."
BAD_ENCODING = "Die Zeichenkodierung von „{name}“ konnte ich nicht erkennen."
DUPLICATE = "Diesen Text gibt es schon: „{title}“ ({slug}). Ich habe nichts geändert."
DUPLICATE_NEAR = (
    "Dieser Text ist fast identisch mit „{title}“ ({slug}), den es schon gibt. "
    "Ich habe nichts geändert."
)
SLUG_TAKEN = "Das Kürzel „{slug}“ ist schon vergeben. Bitte ein anderes mit --slug angeben."
SLUG_INVALID = (
    "Das Kürzel „{slug}“ ist ungültig: erlaubt sind Kleinbuchstaben a–z, Ziffern und Bindestriche."
)
BAD_DATE = "Das Datum „{value}“ verstehe ich nicht. Bitte z. B. 2026-01-12 oder 12.01.2026."
BAD_KIND = "Die Art „{value}“ gibt es nicht. Erlaubt: article, blog, protocol."
NO_PASSAGES = "Aus „{name}“ ließ sich kein einziger Textabschnitt gewinnen."
PROTOCOL_UNKNOWN_LAYOUT = (
    "Das sieht wie ein Protokoll aus, aber das Layout kenne ich nicht (keine Beiträge mit „—“ "
    "gefunden). Ich habe den Text deshalb als Artikel aufgenommen; Zitate und Suche "
    "funktionieren, Beitrag und Antwort werden aber nicht unterschieden."
)
PROTOCOL_FORCED_UNKNOWN_LAYOUT = (
    "Das Protokoll-Layout kenne ich nicht (keine Beiträge mit „—“ gefunden). Ich habe es als "
    "Protokoll aufgenommen, Beitrag und Antwort werden aber nicht unterschieden."
)
STORE_FAILED = "Der Text konnte nicht gespeichert werden ({detail}). Es wurde nichts geändert."

# --- defaults reported to the user ------------------------------------------------------------
DEFAULT_TITLE = "Titel nicht gefunden – Dateiname verwendet"
DEFAULT_AUTHOR = "Autor nicht gefunden – „unbekannt“ eingetragen"
DEFAULT_DATE = "Datum nicht gefunden – heutiges Datum eingetragen"
UNKNOWN_AUTHOR = "unbekannt"
UNTITLED = "Ohne Titel"

KIND_LABELS = {"article": "Artikel", "blog": "Blogbeitrag", "protocol": "Protokoll"}
NOT_FOUND = "Eine Quelle „{slug}“ gibt es nicht."
BUNDLED = (
    "„{title}“ ({slug}) gehört zum mitgelieferten Bestand (content/sources.yaml) und kann "
    "hier nicht entfernt werden. Bitte den Eintrag dort löschen."
)
PROTOCOL_AUTHOR = "Lesekreis (Protokoll)"
