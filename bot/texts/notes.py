"""German texts of the session notes and protocols (HTML; placeholders are escaped values)."""

GROUP = "Sitzung"

# -- command help ------------------------------------------------------------------------
SITZUNG_SUMMARY = "Sitzung starten, anzeigen oder beenden"
SITZUNG_SUMMARY_EN = "Start, show or end a session"
SITZUNG_USAGE = "/sitzung [start [THEMA] | ende]"
SITZUNG_EXAMPLE = "/sitzung start Trumps Friedensplan"
NOTIZ_SUMMARY = "Beitrag ins Protokoll (auch als Antwort auf eine Nachricht)"
NOTIZ_SUMMARY_EN = "Log a contribution (or reply to a message to log it)"
NOTIZ_USAGE = "/notiz TEXT"
NOTIZ_EXAMPLE = "/notiz Trump diktiert beiden Seiten die Bedingungen."
ERGEBNIS_SUMMARY = "Ergebnis der Gruppe festhalten"
ERGEBNIS_SUMMARY_EN = "Log a conclusion of the group"
ERGEBNIS_USAGE = "/ergebnis TEXT"
ERGEBNIS_EXAMPLE = "/ergebnis Russland wird nur als Regionalmacht anerkannt."
OFFEN_SUMMARY = "Offene Frage für das nächste Mal"
OFFEN_SUMMARY_EN = "Log an open question for next time"
OFFEN_USAGE = "/offen FRAGE"
OFFEN_EXAMPLE = "/offen Was heißt Multipolarität bei Putin?"
ABSCHNITT_SUMMARY = "Neuen Abschnitt im Protokoll beginnen"
ABSCHNITT_SUMMARY_EN = "Start a new section of the protocol"
ABSCHNITT_USAGE = "/abschnitt [TITEL]"
ABSCHNITT_EXAMPLE = "/abschnitt Die Rolle Europas"
KORREKTUR_SUMMARY = "Deine letzte Notiz ersetzen"
KORREKTUR_SUMMARY_EN = "Replace your last note"
KORREKTUR_USAGE = "/korrektur TEXT"
KORREKTUR_EXAMPLE = "/korrektur Trump diktiert die Bedingungen, nicht Putin."
LOESCHEN_SUMMARY = "Notiz löschen (als Antwort auf die Bestätigung)"
LOESCHEN_SUMMARY_EN = "Delete a note (reply to its confirmation)"
LOESCHEN_USAGE = "/loeschen (als Antwort auf „✓ … #12 gespeichert“) oder /loeschen 12"
LOESCHEN_EXAMPLE = "/loeschen 12"
PAPIERKORB_SUMMARY = "Gelöschte Notizen ansehen und wiederherstellen"
PAPIERKORB_SUMMARY_EN = "Deleted notes, with restore buttons"
PAPIERKORB_USAGE = "/papierkorb"
PAPIERKORB_EXAMPLE = "/papierkorb"
NOTIZEN_SUMMARY = "Notizen der Sitzung zeigen oder durchsuchen"
NOTIZEN_SUMMARY_EN = "List or search this chat's notes"
NOTIZEN_USAGE = "/notizen [STICHWORT]"
NOTIZEN_EXAMPLE = "/notizen Multipolarität"
PROTOKOLL_SUMMARY = "Protokoll einer Sitzung (Text, Datei, PDF mit Zeilennummern)"
PROTOKOLL_SUMMARY_EN = "Protocol of a session (text, file, PDF with line numbers)"
PROTOKOLL_USAGE = "/protokoll [DATUM]"
PROTOKOLL_EXAMPLE = "/protokoll 12.01.2026"
NAMEN_SUMMARY = "Vornamen im Protokoll an- oder ausschalten"
NAMEN_SUMMARY_EN = "Show first names in protocols on or off"
NAMEN_USAGE = "/namen an|aus"
NAMEN_EXAMPLE = "/namen an"
QUELLE_SUMMARY = "Protokoll zu den durchsuchbaren Quellen hinzufügen"
QUELLE_SUMMARY_EN = "Add a protocol to the searchable sources"
QUELLE_USAGE = "/protokoll_quelle [DATUM]"
QUELLE_EXAMPLE = "/protokoll_quelle 12.01.2026"

USAGE = "Benutzung: <code>{usage}</code>\nBeispiel: <code>{example}</code>"

# -- labels ------------------------------------------------------------------------------
KIND_LABEL = {
    "contribution": "Beitrag",
    "conclusion": "Ergebnis",
    "question": "Offene Frage",
    "section": "Abschnitt",
    "quote": "Zitat",
}

# -- sessions ----------------------------------------------------------------------------
SESSION_OPENED = (
    "✓ Sitzung eröffnet: <b>{title}</b>\nNotizen mit /notiz, /ergebnis, /offen; "
    "/sitzung ende schließt sie."
)
SESSION_AUTO_OPENED = "Neue Sitzung eröffnet: <b>{title}</b> (/sitzung ende schließt sie)."
SESSION_STALE_CLOSED = (
    "Die Sitzung <b>{title}</b> war noch offen; ich habe sie beendet. "
    "Ihr Protokoll: <code>/protokoll {day}</code>"
)
SESSION_ALREADY_OPEN = (
    "Es läuft schon eine Sitzung: <b>{title}</b>.\nBeende sie zuerst mit /sitzung ende."
)
SESSION_CURRENT = "Laufende Sitzung: <b>{title}</b>\n{notes}. /sitzung ende schließt sie."
SESSION_NONE = "Gerade läuft keine Sitzung. <code>/sitzung start [THEMA]</code> eröffnet eine."
SESSION_CLOSED = "✓ Sitzung beendet: <b>{title}</b> ({notes}). Hier das Protokoll:"
NOTES_ONE = "1 Notiz"
NOTES_MANY = "{count} Notizen"  # also 0 Notizen
SESSION_NOTHING_TO_CLOSE = "Es läuft keine Sitzung, die ich beenden könnte."
SESSION_END_NOT_ALLOWED = (
    "Beenden darf die Sitzung nur, wer sie begonnen hat, oder ein Admin des Chats."
)
SESSION_BAD_ARG = "Das verstehe ich nicht: „{arg}“.\n" + USAGE.format(
    usage=SITZUNG_USAGE, example=SITZUNG_EXAMPLE
)

# -- notes -------------------------------------------------------------------------------
# The number after "#" is how /loeschen finds the note when someone replies to this line.
SAVED = "✓ {label} #{num} gespeichert."
SAVED_BY = "✓ {label} #{num} von {author} gespeichert."
SECTION_SAVED = "✓ Abschnitt #{num} begonnen: {title}"
SECTION_SAVED_UNTITLED = "✓ Abschnitt #{num} begonnen."
QUOTE_SAVED = "✓ Zitat #{num} mit der Sitzung verknüpft: {ref}"
CORRECTED = "✓ {label} #{num} korrigiert."
EDIT_UPDATED = "✓ {label} #{num} nach der Bearbeitung aktualisiert."
EMPTY_NOTE = "Die Notiz ist leer. " + USAGE
EMPTY_REPLY = "Die Nachricht, auf die du antwortest, enthält keinen Text, den ich notieren kann."
TOO_LONG = (
    "Die Notiz ist zu lang ({length} Zeichen, höchstens {limit}). Nichts gespeichert — "
    "bitte kürze sie oder teile sie auf mehrere Notizen auf."
)
TOO_LONG_REPLY = (
    "Diese Nachricht ist zu lang für eine Notiz ({length} Zeichen, höchstens {limit}). "
    "Nichts gespeichert — notiere die wichtigsten Sätze daraus mit <code>/notiz TEXT</code>."
)
NOTHING_TO_CORRECT = "Du hast in diesem Chat noch keine Notiz, die ich korrigieren könnte."
DELETED = "🗑 {label} #{num} gelöscht. Wiederherstellen: /papierkorb"
DELETE_HOW = (
    "Welche Notiz? Antworte mit /loeschen auf die Bestätigung („✓ … #12 gespeichert“) "
    "oder schreibe <code>/loeschen 12</code>."
)
NOT_FOUND = "Eine Notiz #{num} gibt es in diesem Chat nicht (oder sie ist schon gelöscht)."
NOT_ALLOWED = "Nur wer die Notiz geschrieben hat oder ein Admin des Chats darf das."
RESTORED = "↩ {label} #{num} wiederhergestellt."
TRASH_EMPTY = "Der Papierkorb ist leer."
TRASH_HEAD = "<b>Papierkorb</b> (gelöschte Notizen, neueste zuerst):"
TRASH_BUTTON = "↩ #{num} wiederherstellen"
RESTORE_GONE = "Diese Notiz ist nicht mehr im Papierkorb."

# -- listing and search ------------------------------------------------------------------
NOTES_HEAD = "<b>Notizen: {title}</b>"
NOTES_EMPTY = "In dieser Sitzung gibt es noch keine Notizen."
NO_SESSIONS = "In diesem Chat gibt es noch keine Sitzung. /sitzung start eröffnet eine."
SEARCH_HEAD = "<b>Notizen zu „{query}“:</b>"
SEARCH_NONE = "Keine Notiz in diesem Chat passt zu „{query}“."
NOTE_LINE = "#{num} · {label}{who} · {day}\n{text}"

# -- protocol ----------------------------------------------------------------------------
NO_SESSION_ON = "Am {day} gab es in diesem Chat keine Sitzung."
BAD_DATE = (
    "Das Datum „{raw}“ verstehe ich nicht. Beispiele: <code>12.01.2026</code>, "
    "<code>12.1.</code>, <code>2026-01-12</code>, <code>heute</code>, <code>gestern</code>."
)
PROTOCOL_EMPTY = "Die Sitzung <b>{title}</b> hat noch keine Notizen."
FILE_CAPTION = "Protokoll als Markdown-Datei"
PDF_BUTTON = "Als PDF"
PDF_CAPTION = "Protokoll als PDF (mit Zeilennummern)"
PDF_GONE = "Diese Sitzung gibt es nicht mehr."
PDF_FAILED = "Das PDF konnte ich nicht erstellen ({reason})."
NAMES_ON = "✓ Im Protokoll stehen jetzt die Vornamen bei den Beiträgen."
NAMES_OFF = "✓ Das Protokoll nennt keine Namen mehr."
NAMES_STATE = "Namen im Protokoll: <b>{state}</b>. " + USAGE
ADMIN_ONLY = "Das dürfen in Gruppen nur Admins."
PARAGRAPHS_ONE = "1 Absatz"
PARAGRAPHS_MANY = "{count} Absätze"
SOURCE_ADDED = (
    "✓ Das Protokoll <b>{title}</b> ist jetzt eine Quelle ({paragraphs}): "
    "<code>/zitat STICHWORT {slug}</code>"
)
SOURCE_EXISTS = "Eine Quelle „{slug}“ gibt es schon; sie ist bereits durchsuchbar."
SOURCE_FAILED = "Das Protokoll konnte ich nicht als Quelle hinzufügen: {reason}"
SOURCE_UNAVAILABLE = "Das Hinzufügen von Texten ist in dieser Installation nicht verfügbar."
SOURCE_AUTHOR = "Lesekreis (Protokoll)"
SOURCE_OUTLET = "Protokoll des Jour fixe"
