"""German texts of the content feature: summaries, theses, positions, comparisons, checks.

Strings ending in ``_HTML`` are Telegram HTML templates: every value put into them must be
escaped by the caller (bot.handlers.format.esc). Plain strings are shown as they are
(console, `jourfixe check`).
"""

# ruff: noqa: E501 - one message per line reads better than wrapped fragments

# --- validation (`jourfixe check` and bot start) ---------------------------------------------
ERR_WHERE = "{file}, Zeile {line}"
ERR_ENTRY = "{where} ({entry}): {problem}"
ERR_HEADER = "Die Inhalte in {dir} enthalten {count} Fehler:"
ERR_YAML = "Die YAML-Syntax ist fehlerhaft (technische Meldung: {problem}). Bitte Einrückung, Doppelpunkte und Anführungszeichen prüfen."
ERR_YAML_CONTEXT = " (Der betroffene Abschnitt beginnt in Zeile {line}; oft fehlt dort ein schließendes Anführungszeichen oder die Einrückung stimmt nicht.)"
ERR_YAML_NO_MARK = "Die Datei ist kein gültiges YAML: {problem}"
ENTRY_NEXT_MEETING = "nächster Termin"
ERR_READ = "Die Datei kann nicht gelesen werden: {problem}"
ERR_NOT_MAPPING = "Erwartet wird eine Zuordnung mit dem Schlüssel „{key}“ (siehe die anderen Dateien in content/)."
ERR_NOT_LIST = "„{key}“ muss eine Liste sein (Zeilen, die mit „- “ beginnen)."
ERR_ENTRY_NOT_MAPPING = "Der Eintrag ist keine Zuordnung mit Schlüsseln wie „{keys}“."
ERR_MISSING = "Das Feld „{field}“ fehlt."
ERR_EMPTY = "Das Feld „{field}“ ist leer."
ERR_NOT_TEXT = "Das Feld „{field}“ muss ein Text sein."
ERR_NOT_TEXT_LIST = "„{field}“ muss eine Liste von Texten sein."
ERR_UNKNOWN_FIELD = "Unbekanntes Feld „{field}“ (erlaubt: {allowed})."
ERR_DUPLICATE_KEY = "Der Schlüssel „{key}“ steht zweimal im selben Eintrag."
ERR_UNKNOWN_SOURCE = "Unbekannte Quelle „{slug}“. Bekannte Quellen: {known}."
ERR_UNKNOWN_TOPIC = "Unbekanntes Thema „{slug}“. Bekannte Themen (content/topics.yaml): {known}."
ERR_BAD_SLUG = "Das Kürzel „{slug}“ darf nur Kleinbuchstaben, Ziffern und Bindestriche enthalten."
ERR_DUPLICATE_TOPIC = "Das Thema „{slug}“ ist doppelt (zuerst in Zeile {first})."
ERR_DUPLICATE_POSITION = (
    "Für Thema „{topic}“ und Quelle „{source}“ gibt es schon eine Position (Zeile {first})."
)
ERR_DUPLICATE_SUMMARY = "Für die Quelle „{slug}“ gibt es schon eine Zusammenfassung ({first})."
ERR_SOURCE_MISMATCH = "Die Datei heißt „{stem}“, nennt aber die Quelle „{slug}“. Dateiname und Quelle müssen gleich sein."
ERR_EVIDENCE_COUNT = "Eine Position braucht 1 bis {most} Belegstellen, hier sind es {count}."
ERR_EVIDENCE_SHORT = (
    "Die Belegstelle „{phrase}“ hat nur {words} Wörter; nötig sind mindestens {least}."
)
ERR_EVIDENCE_MISSING = "Die Belegstelle „{phrase}“ steht nicht wörtlich in „{slug}“. Bitte genau aus der Quelle kopieren (innerhalb eines Absatzes)."
ERR_EVIDENCE_AMBIGUOUS = "Die Belegstelle „{phrase}“ kommt in {count} Textstellen von „{slug}“ vor ({where}). Bitte ein längeres, eindeutiges Stück wählen."
ERR_NO_PASSAGES = (
    "Die Quelle „{slug}“ ist nicht im Suchindex; ihre Belegstellen können nicht geprüft werden."
)
ERR_DUPLICATE_NOTES = "Zu diesem Absatz von „{slug}“ gibt es schon Notizen (Zeile {first})."
ERR_NOTES_COUNT = "Ein Absatz braucht 1 bis {most} Notizen, hier sind es {count}."
ERR_ASKS_COUNT = "Ein Absatz hat höchstens {most} Fragen (asks), hier sind es {count}."
ERR_BAD_DATE = "„{value}“ ist kein Datum. Bitte als JJJJ-MM-TT schreiben, z. B. 2026-01-26."
ERR_BAD_SECTION = "„section“ muss eine Abschnittsnummer ab 1 sein, nicht „{value}“."
ERR_UNKNOWN_SECTION = (
    "Die Quelle „{slug}“ hat keinen Abschnitt {number} (vorhanden: 1 bis {most})."
)

CHECK_OK = (
    "OK: Inhalte geprüft – {topics} Themen, {summaries} Zusammenfassungen mit {theses} Thesen, "
    "{positions} Positionen, {evidence} Belegstellen (jede genau einmal in ihrer Quelle gefunden), "
    "{sections} Protokollabschnitte, Notizen zu {noted} Absätzen."
)
CHECK_NOTE = "Hinweis: {note}"
CHECK_NOTES_HEADER = "{count} Hinweise (kein Fehler, aber bitte ansehen):"
CHECK_NO_CONTENT = (
    "Keine geschriebenen Inhalte in {dir} gefunden (topics.yaml, positions.yaml, summaries/)."
)
CHECK_SOURCES_FAILED = "Die Quellen können nicht geladen werden: {error}"
NOTES_HELP = (
    "Gibt eine Vorlage für Notizen zu den Absätzen einer Lektüre aus "
    "(content/passages/KÜRZEL.yaml): je Absatz ein wörtlicher Anker, die Notizen schreibt ihr"
)
NOTES_SLUG_HELP = "Kürzel der Lektüre, z. B. fazi-illusion (jourfixe sources listet alle)"
NOTES_UNKNOWN_SOURCE = "Unbekannte Quelle „{slug}“. Bekannte Quellen: {known}."
NOTES_CONTENT_BROKEN = (
    "Die Inhalte haben Fehler; bitte zuerst „jourfixe check“ ausführen und sie beheben."
)
NOTES_TEMPLATE_HEAD = (
    "# Notizen zu den Absätzen von „{title}“ – speichern als content/passages/{slug}.yaml.\n"
    "# Je Absatz 2–3 Sätze in unseren eigenen, alltäglichen Worten: was er sagt (kein Satz der\n"
    "# Quelle, keine Namen von Autor oder Text). Sie helfen nur der Suche und werden nie gezeigt.\n"
    "# Unter „asks“ (freiwillig) Fragen, wie Mitglieder sie stellen würden und die der Absatz\n"
    "# beantwortet, ebenfalls in eigenen Worten.\n"
    "# Einen Absatz ohne Notiz samt Eintrag löschen; „jourfixe check“ prüft die Datei."
)
NOTES_PARAGRAPH = "Absatz {n} (Z. {line})"
NOTES_NO_ANCHOR = (
    "(kein Anker: keine sechs Wörter, die nur in diesem Absatz stehen – zu kurz, oder er "
    "wiederholt einen anderen)"
)
CHECK_HELP = "Prüft die geschriebenen Inhalte (Zusammenfassungen, Themen, Positionen, Belege)"

# style notes (shown by `jourfixe check`, enforced by the tests)
NOTE_SHORT_TOO_LONG = "{slug}: Kurzfassung hat {chars} Zeichen (höchstens {most})."
NOTE_SUMMARY_WORDS = "{slug}: Zusammenfassung hat {words} Wörter (erwartet {least}–{most})."
NOTE_THESES_COUNT = "{slug}: {count} Thesen (erwartet {least}–{most})."
NOTE_POSITION_SENTENCES = "{topic}/{source}: Position hat {count} Sätze (höchstens {most})."
NOTE_NO_SUMMARY = "{slug}: noch keine Zusammenfassung geschrieben."
NOTE_TOPIC_UNUSED = "Thema „{slug}“ hat noch keine einzige Position."

# --- status for sources without written content ---------------------------------------------
STATUS_NO_SUMMARY = "noch keine Zusammenfassung geschrieben"
STATUS_NO_POSITIONS = "noch nicht ausgewertet"

# --- /zusammenfassung -----------------------------------------------------------------------
SUMMARY_HEAD_HTML = "<b>{title}</b>\n<i>{author}, {date}</i>"
SUMMARY_SHORT_LABEL = "Kurzfassung"
SUMMARY_FULL_LABEL_HTML = "<b>Zusammenfassung</b>"
THESES_LABEL_HTML = "<b>Thesen</b>"
SECTIONS_LABEL_HTML = "<b>Das Protokoll Abschnitt für Abschnitt</b>"
SECTION_HEAD_HTML = "<b>Abschnitt {number}: {title}</b>"
SECTION_RAISED_HTML = "<i>Beiträge, Fragen und Einwände:</i>"
SECTION_CONCLUDED_HTML = "<i>Ergebnis der Diskussion:</i>"
NEXT_MEETING_HTML = "<b>Nächster Termin:</b> {date} – {topic}: „{text}“ ({issue})"
BTN_FULL = "Ganze Zusammenfassung"
BTN_THESES = "Thesen"
BTN_SECTIONS = "Abschnitte"
BTN_SHORT = "Kurzfassung"
NO_SUMMARY_HTML = "Zu <b>{title}</b> ist {status}."
NO_SUMMARY_DESCRIPTION_HTML = "Kurzbeschreibung aus dem Quellenverzeichnis: {description}"
AUTO_SUMMARY_HTML = (
    "<i>Automatisch erstellte Zusammenfassung (die wichtigsten Sätze, nicht geprüft):</i>"
)
AUTO_KEY_TERMS_HTML = "<i>Stichwörter:</i> {terms}"
NO_CONTENT_SUMMARY_HTML = "Für diese Quelle sind noch keine Inhalte geschrieben."
SUMMARY_USAGE_HTML = (
    "Bitte eine Quelle angeben, z. B. <code>/zusammenfassung Fazi</code>.\n\nQuellen:\n{sources}"
)
SOURCE_LINE_HTML = "• <b>{label}</b> – {title}"
SOURCE_UNKNOWN_HTML = "Eine Quelle „{text}“ kenne ich nicht. Diese Quellen gibt es:\n{sources}"
SOURCE_AMBIGUOUS_HTML = "„{text}“ passt auf mehrere Quellen. Welche ist gemeint?"
SOURCE_GONE_HTML = "Diese Quelle gibt es nicht mehr. /quellen zeigt alle Quellen."

# --- /position, /vergleich, /themen ---------------------------------------------------------
COMPARE_HEAD_HTML = "<b>{title}</b> – wo die Texte stehen"
POSITION_HEAD_HTML = "<b>{title}</b> – {label}"
SOURCE_BLOCK_HTML = "<b>{label}</b>\n{position}"
SILENT_HTML = "<b>Äußern sich dazu nicht:</b> {labels}"
SILENT_ONE_HTML = "{label} äußert sich zu „{title}“ nicht."
UNREAD_HTML = "<b>Noch nicht ausgewertet:</b> {labels}"
UNREAD_ONE_HTML = "{label}: {status}."
# who speaks in a quoted protocol passage (by the passage kind the ingestion stores)
QUOTE_SPEAKER_HTML = {
    "contribution": "<i>Beitrag im Protokoll (ein Teilnehmer):</i>",
    "answer": "<i>Aus dem Protokoll (Ergebnis der Runde):</i>",
}
MORE_QUOTES_HTML = "<i>Weitere Belegstellen: /position {topic} {source}</i>"
COMPARE_HINT_HTML = "<i>Alle Texte zum Thema: /vergleich {topic}</i>"
TOPIC_USAGE_HTML = (
    "Bitte ein Thema angeben, z. B. <code>/{command} Europa</code> oder "
    "<code>/{command} Sanktionen</code>.\n\n{topics}"
)
TOPIC_UNKNOWN_HTML = "Zu „{text}“ finde ich kein Thema.{suggestions}\n\n{topics}"
TOPIC_SUGGESTIONS_HTML = " Meintest du: {names}?"
TOPICS_HEAD_HTML = "<b>Themen, zu denen die Texte Stellung nehmen</b>"
TOPIC_LINE_HTML = "• {title} <i>({count} von {total} Texten)</i>"
TOPICS_FOOTER_HTML = (
    "Vergleich: <code>/vergleich THEMA</code> · eine Quelle: <code>/position THEMA QUELLE</code>"
)
NO_TOPICS_HTML = "Es sind noch keine Themen geschrieben (content/topics.yaml)."
QUERY_TOO_LONG_HTML = "Das ist zu lang ({length} Zeichen). Bitte höchstens {limit} Zeichen."

# fallback without written content: best passage per source
FALLBACK_HEAD_HTML = (
    "<b>{query}</b> – noch keine geprüften Positionen geschrieben. "
    "Die passendste Stelle je Quelle:"
)
FALLBACK_NONE_HTML = "{label}: keine passende Stelle gefunden."
FALLBACK_SUMMARY_HTML = (
    "<i>Noch keine Zusammenfassung geschrieben. Kurzbeschreibung:</i>\n{description}"
)

EXPIRED = "Dieser Knopf ist veraltet. Bitte den Befehl neu senden."

# command registry (one line each for /hilfe)
SUMMARY_SUMMARY = "Kurzfassung eines Textes, mit ganzer Zusammenfassung und Thesen"
SUMMARY_SUMMARY_EN = "Short summary of a text, with full summary and theses"
POSITION_SUMMARY = "Was ein Text (oder jeder Text) zu einem Thema sagt, mit Beleg"
POSITION_SUMMARY_EN = "What a text (or each text) says on a topic, with evidence"
COMPARE_SUMMARY = "Alle Texte zu einem Thema im Vergleich, mit Belegstellen"
COMPARE_SUMMARY_EN = "All texts on a topic side by side, with quotes"
TOPICS_SUMMARY = "Die Themen, über die die Texte streiten"
TOPICS_SUMMARY_EN = "The topics the texts argue about"
GROUP = "Inhalte"

# --- `jourfixe check`: attribution of protocol positions, silent topics (bot.core.content_checks)
ERR_SILENT_NOT_LIST = "„silent“ muss eine Liste sein (Einträge mit topic, source, reason)."
ERR_SILENT_ENTRY = "„silent“, Eintrag {number}: topic, source und reason müssen ausgefüllt sein."
CHECK_ATTRIBUTION_HEADER = (
    "{count} Fehler in den Positionen (wer im Protokoll spricht, „silent“-Einträge):"
)
CHECK_ATTRIBUTION_GROUP = "{topic}/{source}: spricht für die Gruppe („Das Protokoll hält fest …“), aber nur {answers} von {total} Belegstellen sind Antworten der Gruppe, {contributions} sind Beiträge von Teilnehmern. Bitte den Beitrag als solchen zuschreiben („Ein Teilnehmer wendet ein …“) oder Belege aus den Antworten der Gruppe wählen."
CHECK_ATTRIBUTION_UNNAMED = "{topic}/{source}: {contributions} von {total} Belegstellen sind Beiträge von Teilnehmern, aber die Position sagt nicht, dass ein Teilnehmer spricht („Ein Teilnehmer …“, „Im Protokoll fragt ein Teilnehmer …“)."
CHECK_SILENT_HEADER = "{count} Themen, zu denen eine Quelle als stumm gilt, obwohl ein Absatz davon spricht (Warnung, kein Fehler):"
CHECK_SILENT = "{topic}/{source}: Absatz {paragraph} (Z. {lines}) nennt {synonyms}. Bitte eine Position schreiben oder unter „silent:“ in content/positions.yaml begründen, warum die Quelle keine Position bezieht."
CHECK_SILENT_ANSWERED_HEADER = (
    "{count} stumme Themen mit Treffern sind begründet (silent: in content/positions.yaml):"
)
CHECK_SILENT_ANSWERED = "{topic}/{source}: Absatz {paragraph} (Z. {lines}) – {reason}"
CHECK_SILENT_UNUSED = "„silent“: {topic}/{source} hat inzwischen eine Position oder keinen Treffer mehr; der Eintrag kann weg."
