"""German user-facing strings of the readings feature (adding and removing texts)."""

from bot.texts import permissions as P

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
FIELD_TOO_LONG = "Der {field} ist zu lang (höchstens {limit} Zeichen)."
FIELD_NAMES = {"title": "Titel", "author": "Autor", "outlet": "Name des Mediums"}
BAD_KIND = "Die Art „{value}“ gibt es nicht. Erlaubt: article, blog, protocol."
NO_PASSAGES = "Aus „{name}“ ließ sich kein einziger Textabschnitt gewinnen."
TOO_MANY_PASSAGES = (
    "„{name}“ hat {count} Absätze – mehr, als ich in einem Text aufnehme (höchstens "
    "{limit}). Ich habe nichts aufgenommen. Bitte teil den Text in kleinere Dateien auf."
)
PROTOCOL_UNKNOWN_LAYOUT = (
    "„{name}“ sieht wie ein Protokoll aus, aber das Layout kenne ich nicht (keine Beiträge "
    "mit „—“ am Absatzanfang gefunden). Ich habe nichts aufgenommen."
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
HAS_WRITTEN_CONTENT = (
    "Zu „{title}“ ({slug}) gibt es geschriebene Inhalte: {files} (im Ordner content/). "
    "Bitte diese zuerst löschen – sonst verweisen sie auf eine Quelle, die es nicht mehr gibt, "
    "und der Bot startet nicht. Ich habe nichts entfernt."
)
PROTOCOL_AUTHOR = "Lesekreis (Protokoll)"

# --- CLI -----------------------------------------------------------------------------------
CLI_ADD_HELP = "Einen neuen Text aufnehmen (.txt, .md, .pdf, .html, .docx)"
CLI_REMOVE_HELP = "Eine Quelle aus dem Index nehmen (die Datei bleibt erhalten)"
CLI_FILE_HELP = "die Datei mit dem Text"
CLI_TITLE_HELP = "Titel (sonst aus dem Dokument)"
CLI_AUTHOR_HELP = "Autor (sonst aus dem Dokument)"
CLI_DATE_HELP = "Datum, z. B. 2026-01-12 oder 12.01.2026 (sonst aus dem Dokument)"
CLI_OUTLET_HELP = "Medium, z. B. GegenStandpunkt"
CLI_KIND_HELP = "Art: article, blog oder protocol (sonst erkannt)"
CLI_SLUG_HELP = "Kürzel, z. B. europa-hybrider-krieg (sonst aus dem Titel)"
CLI_SLUG_ARG_HELP = "das Kürzel der Quelle (siehe /quellen)"
CLI_FILE_MISSING = "Die Datei „{path}“ gibt es nicht."
CLI_FILE_UNREADABLE = "Die Datei „{path}“ kann ich nicht lesen ({detail})."
CLI_ADDED = "Aufgenommen: „{title}“"
CLI_FIELDS = (
    "  Kürzel:     {slug}\n"
    "  Autor:      {author}\n"
    "  Datum:      {date}\n"
    "  Medium:     {outlet}\n"
    "  Art:        {kind}\n"
    "  Abschnitte: {passages} durchsuchbar\n"
    "  Datei:      {file}"
)
CLI_NOTE = "  Hinweis: {note}"
CLI_FIX_HINT = (
    "  Zum Korrigieren: jourfixe remove {slug} und erneut mit --title/--author/--date aufnehmen."
)
CLI_SUMMARY_HEAD = "Zusammenfassung (automatisch erstellt):"
CLI_TERMS = "Stichworte (automatisch erstellt): {terms}"
CLI_UNKNOWN_LAYOUT_HINT = (
    "Trotzdem aufnehmen: als Artikel mit  jourfixe add {path} --kind article  "
    "(Suche und Zitate funktionieren) oder als Protokoll ohne Beiträge mit  --kind protocol."
)
CLI_REMOVED = "Entfernt: „{title}“ ({slug}). Die Datei {file} bleibt erhalten."
CLI_DID_YOU_MEAN = "Meintest du: {slugs}?"
CLI_SETUP_FAILED = "Die Quellen konnten nicht geladen werden: {detail}"

# --- Telegram ------------------------------------------------------------------------------
GROUP = "Quellen"
NEW_SUMMARY = "Neuen Text aufnehmen: Datei mit der Beschriftung /neu schicken"
NEW_SUMMARY_EN = "Add a new reading: send a file with the caption /neu"
NEW_USAGE = "/neu (als Beschriftung einer Datei)"
NEW_EXAMPLE = "Datei schicken, Beschriftung: /neu"
REMOVE_SUMMARY = "Eine Quelle aus der Suche nehmen"
REMOVE_SUMMARY_EN = "Remove a source from the search"
REMOVE_USAGE = "/entfernen QUELLE"
REMOVE_EXAMPLE = "/entfernen europa-im-hybriden-krieg"
ADMIN_ONLY = P.GROUP_ADMINS_ONLY
EDITORS_ONLY = P.EDITORS_ONLY
NOT_CONFIRMED = P.NOT_CONFIRMED
NEW_HOW = (
    "So nimmst du einen neuen Text auf: schick mir die Datei (.txt, .md, .pdf, .html oder "
    ".docx, höchstens 5 MB) und schreib als Beschriftung <code>/neu</code>. "
    "Mit <code>/neu protokoll</code> wird sie als Protokoll aufgenommen."
)
NEW_REPLY_HINT = (
    "In der Nachricht, auf die du antwortest, ist keine Datei. Antworte mit <code>/neu</code> "
    "auf die Nachricht mit der Datei – oder schick die Datei mit der Beschriftung "
    "<code>/neu</code>."
)
DOCUMENT_WITHOUT_NEU = (
    "Soll ich diese Datei als neuen Text aufnehmen? Dann antworte auf sie mit "
    "<code>/neu</code> (oder <code>/neu protokoll</code> für ein Protokoll)."
)
DOCUMENT_ADMINS = "Neue Texte nehmen in Gruppen nur Admins auf (mit <code>/neu</code>)."
UNKNOWN_LAYOUT_HINT = (
    "Trotzdem aufnehmen: antworte auf die Datei mit <code>/neu artikel</code> (Suche und "
    "Zitate funktionieren) oder mit <code>/neu protokoll</code> (als Protokoll ohne Beiträge)."
)
DOWNLOAD_FAILED = "Die Datei konnte ich nicht herunterladen. Bitte noch einmal schicken."
ADDED_HEAD = "📚 Neuer Text aufgenommen: <b>{title}</b>"
ADDED_FIELDS = (
    "Autor: {author} · Datum: {date} · Art: {kind}\n"
    "Kürzel: <code>{slug}</code> · {passages} durchsuchbar"
)
PASSAGES_ONE = "1 Abschnitt"
PASSAGES_MANY = "{count} Abschnitte"
ADDED_DEFAULTS = "Hinweis: {notes}"
ADDED_WARNING = "⚠️ {warning}"
AUTO_SUMMARY_HEAD = "<b>Zusammenfassung</b> <i>(automatisch erstellt)</i>"
AUTO_TERMS = "<b>Stichworte</b> <i>(automatisch erstellt)</i>: {terms}"
BUTTON_TITLE = "Titel ändern"
BUTTON_AUTHOR = "Autor ändern"
FIELD_LABELS = {"t": "Titel", "a": "Autor"}
ASK_VALUE = (
    "Schick mir jetzt den neuen {field} für „{title}“ – als Antwort auf diese Nachricht. "
    "„-“ bricht ab."
)
EDIT_EXPIRED = "Diese Schaltfläche ist abgelaufen."
EDIT_GONE = "Die Quelle gibt es nicht mehr."
EDIT_BUNDLED = "Mitgelieferte Quellen werden in content/sources.yaml geändert."
EDIT_CANCELLED = "Abgebrochen – nichts geändert."
EDIT_EMPTY = (
    "Der {field} darf nicht leer sein. Bitte noch einmal schicken (oder „-“ zum Abbrechen)."
)
EDIT_TOO_LONG = "Der {field} ist zu lang (höchstens {limit} Zeichen). Bitte kürzer schicken."
EDIT_DONE = "{field} geändert: <b>{value}</b> ({slug})"
REMOVE_WHICH = "Welche Quelle soll ich entfernen?"
REMOVE_NONE = "Eine Quelle „{query}“ finde ich nicht. /quellen zeigt alle."
REMOVE_ASK = (
    "Soll „{title}“ (<code>{slug}</code>) aus der Suche entfernt werden? "
    "Die Datei bleibt erhalten."
)
REMOVE_YES = "Ja, entfernen"
REMOVE_NO = "Abbrechen"
REMOVE_DONE = "„{title}“ ist entfernt. Die Datei bleibt erhalten."
REMOVE_CANCELLED = "Nichts entfernt."
