"""German texts of the command line: run, chat, ask, sources, index and protocol.

Placeholders are filled with ``str.format``; the output is plain text (no HTML).
"""

PROTOCOL_HELP = "Protokolle importieren und exportieren"
PROTOCOL_DESCRIPTION = (
    "Protokolle des Jour fixe importieren (als vergangene Sitzung eines Chats) "
    "und exportieren (Markdown)."
)
IMPORT_HELP = "Protokolltext als vergangene Sitzung importieren"
IMPORT_DESCRIPTION = (
    "Liest ein Protokoll im Format des Lesekreises (Titelzeile „Jour fixe vom "
    "TT.MM.JJJJ …“, Beiträge „— *…*“, Abschnitte durch „\\*“ getrennt)."
)
IMPORT_FILE_HELP = "Textdatei (UTF-8) mit dem Protokoll"
IMPORT_CHAT_HELP = "Chat-ID, in die importiert wird (Standard: 0, die Konsole)"
IMPORT_REPLACE_HELP = "ein früher importiertes Protokoll desselben Tages ersetzen"
EXPORT_HELP = "Protokoll einer Sitzung als Markdown oder PDF ausgeben"
EXPORT_DESCRIPTION = (
    "Gibt das Protokoll der Sitzung eines Chats an einem Tag als Markdown aus, mit --pdf als PDF "
    "mit Zeilennummern im Layout des Lesekreises."
)
EXPORT_CHAT_HELP = "Chat-ID"
EXPORT_DATE_HELP = "Tag der Sitzung, z. B. 12.01.2026"
EXPORT_OUTPUT_HELP = "in diese Datei statt auf stdout"
EXPORT_PDF_HELP = "als PDF im Layout des Lesekreises in diese Datei schreiben"

FILE_MISSING = "Die Datei {path} gibt es nicht."
FILE_UNREADABLE = "Die Datei {path} kann ich nicht als UTF-8-Text lesen: {error}"
FILE_NOT_A_PROTOCOL = "{path}: {error}"
FILE_TOO_LARGE = (
    "Die Datei {path} ist {size} kB groß – ein Protokoll hat höchstens {limit} kB. "
    "Ich habe nichts importiert."
)
IMPORT_EXISTS = (
    "Im Chat {chat} gibt es schon ein importiertes Protokoll vom {day:%d.%m.%Y}. "
    "Mit --replace ersetzen."
)
IMPORTED = (
    "Protokoll vom {day:%d.%m.%Y} in Chat {chat} importiert: {sections} Abschnitte, {summary}."
)
IMPORTED_NEXT_MEETING = " Nächster Termin erkannt."
KIND_NAMES = {
    "contribution": "Beiträge",
    "conclusion": "Ergebnisse",
    "question": "offene Fragen",
    "quote": "Zitate",
}
EXPORT_BAD_DATE = "Das Datum „{value}“ verstehe ich nicht (Beispiel: 12.01.2026)."
EXPORT_NO_SESSION = "Im Chat {chat} gab es am {day:%d.%m.%Y} keine Sitzung."
EXPORT_PDF_EMPTY = "Die Sitzung vom {day:%d.%m.%Y} hat keine Notizen: kein PDF geschrieben."
EXPORT_PDF_WRITTEN = (
    "Protokoll vom {day:%d.%m.%Y} als PDF geschrieben: {path} ({pages} Seiten, {lines} Zeilen)."
)
EXPORT_PDF_WRITE_FAILED = "Die Datei {path} kann ich nicht schreiben: {reason}"

# --- jourfixe, run, chat, ask, sources, index ---------------------------------------------------

DESCRIPTION = "Telegram-Bot für Lesekreise (ohne Token: Konsolen-Chat)."
VERBOSE_HELP = "ausführliches Protokoll"
COMMANDS_TITLE = "Befehle"
COMMANDS_METAVAR = "BEFEHL"
RUN_HELP = "Bot starten (ohne Token: Konsolen-Chat)"
CHAT_HELP = "Konsolen-Chat über die mitgelieferten Quellen"
ASK_HELP = "Frage an die Quellen stellen"
ASK_QUESTION_HELP = "Frage; ohne Angabe: eine Frage pro Zeile (stdin)"
ASK_LIMIT_RANGE = "Zahl von 1 bis 100"
ASK_LIMIT_HELP = "wie viele Passagen (Standard 5)"
ASK_JSON_HELP = "Ausgabe als JSON"
SOURCES_HELP = "Quellen auflisten"
INDEX_HELP = "Suchindex prüfen oder neu aufbauen"
INDEX_REBUILD_HELP = "Index vollständig neu aufbauen"

NO_TOKEN = "Kein TELEGRAM_BOT_TOKEN gesetzt – ich starte den Konsolen-Chat.\n"
NOTHING_FOUND = "Dazu habe ich in den Quellen nichts gefunden."
DID_YOU_MEAN = "Meintest du: {words}?"
HIT = "{rank}. {title} — {ref}{also}"
HIT_ALSO_IN = " (auch in: {sources})"
HIT_TEXT = "   {text}\n"
SOURCE = "{slug}: {title}\n   {byline} · {passages} Passagen"
SOURCE_ALIASES = "   Kurznamen: {aliases}"
INDEX_REBUILT = "Index neu aufgebaut: {passages} Passagen aus {sources} Quellen ({seconds:.2f} s)."
INDEX_STATE = "Index {state}: {passages} Passagen aus {sources} Quellen ({seconds:.2f} s)."
INDEX_STATE_REBUILT = "neu aufgebaut"
INDEX_STATE_CURRENT = "aktuell, nichts zu tun"
SOURCES_ERROR = "Fehler in den Quellen: {error}"
