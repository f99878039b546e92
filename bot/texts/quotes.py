"""German user-facing strings of the reading commands, the inline mode and the console.

Placeholders are filled with ``str.format``; every value inserted into HTML strings is
escaped by the caller.
"""

from bot.texts.uploads import KIND_LABELS

# --- /start and /hilfe -------------------------------------------------------------------

START_GREETING = (
    "Hallo {name}! Ich bin der Lesekreis-Bot. Ich kenne die Texte unseres Lesekreises und "
    "finde darin wörtliche Zitate, beantworte Fragen mit den passenden Textstellen und zeige, "
    "was die Quellen zu einem Thema sagen."
)
HELP_INTRO = (
    "<b>Was ich kann</b>\n"
    "Ich durchsuche die Texte des Lesekreises und antworte immer mit wörtlichen Zitaten und "
    "genauer Fundstelle (Titel, Autor, Datum, Zeilen)."
)
HELP_GROUP_HEADING = "<b>{group}</b>"
HELP_COMMAND_LINE = "{usage} – {summary}\n    z. B. <code>{example}</code>"
HELP_ALIASES = " (auch /{aliases})"
HELP_OUTRO = (
    "<b>Tipps</b>\n"
    "• Im privaten Chat kannst du mir einfach eine Frage schreiben – ohne Befehl.\n"
    "• In Gruppen antworte ich auf Befehle, auf Erwähnungen und auf Antworten auf meine "
    "Nachrichten.\n"
    "• In jedem Chat: tippe @ und meinen Namen, dann ein Stichwort – ich biete passende Zitate "
    "zum Einfügen an.\n"
    "• QUELLE darf ein Kurzname sein, z. B. <code>fazi</code>, <code>wsws</code>, "
    "<code>gs</code>, <code>protokoll</code> oder <code>frieden von unten</code>. "
    "Alle Quellen zeigt /quellen."
)

# --- /quellen ------------------------------------------------------------------------------

SOURCES_HEADING = "<b>Die Quellen des Lesekreises</b> ({count})"
SOURCES_EMPTY = "Es sind noch keine Quellen eingetragen."
SOURCE_ENTRY = "<b>{title}</b>\n{byline}\nKurzname: <code>{slug}</code>{aliases}"
SOURCE_ALIASES = " · auch: {aliases}"
# a question about a reading itself ("wer hat den Text geschrieben", "von wann ist …"): what
# its entry in the catalogue says, above the passages that carry it
ABOUT_SOURCE = "<b>Zur Quelle:</b> <i>{title}</i>"
ABOUT_AUTHOR = "Von: {author}"
ABOUT_OUTLET = "Medium: {outlet}"
ABOUT_DATE = "Datum: {date}"
ABOUT_KIND = "Art: {kind}"
ABOUT_LENGTH = "Länge: {paragraphs} Absätze, etwa {words} Wörter"
ABOUT_KINDS = {**KIND_LABELS, "protocol": "Protokoll einer Sitzung"}  # the kind a reading is
SOURCES_OUTRO = "Zitate aus einer Quelle: <code>/zitat STICHWORT QUELLE</code>, z. B. {example}"

# --- usage and errors ----------------------------------------------------------------------

USAGE = "So geht's: <code>{usage}</code>\nBeispiel: <code>{example}</code>"
QUERY_TOO_LONG = (
    "Das ist mir zu lang zum Suchen ({length} Zeichen). Bitte fasse es in höchstens "
    "{limit} Zeichen zusammen."
)
UNKNOWN_COMMAND = "Den Befehl /{command} kenne ich nicht. Was ich kann, zeigt /hilfe."
UNKNOWN_COMMAND_PLAIN = "Das habe ich nicht verstanden. Was ich kann, zeigt /hilfe."
EXPIRED_BUTTON = "Diese Schaltfläche ist abgelaufen – bitte die Suche neu starten."
ERROR_APOLOGY = (
    "Entschuldigung, da ist bei mir etwas schiefgegangen. Bitte versuch es noch einmal."
)

# --- result lists --------------------------------------------------------------------------

QUOTES_HEADING = "<b>Zitate zu „{query}“</b>{scope}"
ANSWER_HEADING = "<b>Textstellen zu deiner Frage</b>\n<i>{query}</i>{scope}"
SCOPE_SOURCE = " in <i>{label}</i>"
PAGE_INFO = "Treffer {first}–{last} von {total}"
NO_QUOTES = "Zu „{query}“ habe ich{scope} keine Zitate gefunden."
NO_ANSWER = "Zu deiner Frage „{query}“ habe ich{scope} keine passende Textstelle gefunden."
DID_YOU_MEAN = "Meintest du {words}?"
DID_YOU_MEAN_OR = " oder "
TRY_OTHER = "Versuch es mit einem anderen Stichwort."
# a question whose key word the texts do not contain ("was sagt Fazi zu Corona")
NOT_IN_TEXTS = "Zu {words} steht {where} nichts. Worüber die Texte schreiben, zeigt /themen."
IN_THE_TEXTS = "in den Texten"
IN_SOURCE = "in <i>{label}</i>"
IN_TEXTS_OF = "in den Texten von {author}"
NOT_IN_TEXTS_QUESTION = "<i>{query}</i>"
# chat about the meeting itself ("wer schreibt am Montag das Protokoll?")
MEETING_CHAT = (
    "Das klingt nach Absprachen zum Treffen – dazu steht nichts in den Texten. "
    "Fragen zu den Texten beantworte ich gern; worüber sie schreiben, zeigt /themen."
)
# a question about a text none of the readings is ("wer hat das Kapital geschrieben")
ANOTHER_WORK = (
    "Das ist keiner der Texte, die ich kenne – dazu kann ich nichts zitieren. "
    "Welche Texte ich kenne, zeigt /quellen."
)
# the best passage covers little of the question
UNSURE = "<i>Ich bin nicht sicher, ob das passt:</i>"
DEBRIS_LABEL = (
    "<i>Nicht aus dem Text selbst, sondern vom Rand der Seite "
    "(Bildunterschrift, Quellenangabe oder Buchhinweis):</i>"
)
BTN_TOPIC = "Thema: {title}"
TRY_OTHER_IN_SOURCE = "Versuch es mit einem anderen Stichwort – oder ohne Quellenangabe."
CHOOSE_SOURCE = "Welche Quelle meinst du mit „{text}“?"
ALL_SOURCES = "in allen Quellen"
WHOLE_PARAGRAPH_HEADING = "<b>Ganzer Absatz</b> ({label}, Absatz {paragraph})"

# --- buttons -------------------------------------------------------------------------------

BTN_NEXT = "Weiter ▶"
BTN_PREV = "◀ Zurück"
BTN_WHOLE = "ganzer Absatz ({n})"
BTN_MORE = "mehr aus {label}"
BTN_BACK_TO_LIST = "◀ zurück zur Liste"
BTN_SUGGEST = "🔎 {word}"

# --- inline mode ---------------------------------------------------------------------------

INLINE_CUT = " […]"

# --- console -------------------------------------------------------------------------------

CONSOLE_GREETING = (
    "Willkommen beim Lesekreis-Bot – hier in der Konsole, ganz ohne Telegram.\n"
    "Schreib einen Befehl wie /zitat Karaganow oder einfach eine Frage und drück Enter.\n"
    "Stehen unter einer Antwort Schaltflächen wie [1] Weiter, tippst du die Zahl, um sie zu "
    "drücken.\n"
    "Eine Datei schickst du mit /neu PFAD. Alle Befehle zeigt /hilfe; beenden mit /ende "
    "(oder Strg+D).\n"
    "\n"
    "Mit Telegram verbinden: Lege bei @BotFather einen Bot an, setze sein Token als "
    "Umgebungsvariable TELEGRAM_BOT_TOKEN und starte dann `jourfixe run`."
)
CONSOLE_PROMPT = "Du: "
CONSOLE_BOT = "Bot:"
CONSOLE_BYE = "Tschüss!"
CONSOLE_START_FAILED = "Der Bot konnte nicht starten: {error}"
CONSOLE_ERROR_HINT = "(Einzelheiten für Entwickler zeigt `jourfixe -v chat`.)"
CONSOLE_TOAST = "» {text}"
CONSOLE_NO_BUTTONS = "Unter der letzten Antwort gibt es keine Schaltflächen."
CONSOLE_NO_SUCH_BUTTON = "Es gibt nur die Schaltflächen 1 bis {count}."
CONSOLE_LINK = "{label}: {url}"
CONSOLE_DOCUMENT = "[Datei {name}, {size} Bytes – gespeichert unter {path}]"
CONSOLE_DOCUMENT_UNSAVED = "[Datei {name}, {size} Bytes – konnte nicht gespeichert werden]"
CONSOLE_FILE_MISSING = "Die Datei {path} finde ich nicht."
CONSOLE_EDITED = "(ersetzt die vorige Antwort)"
# a greeting, thanks, a wish or a goodbye sent to the bot (bot.core.social): answered in kind
SOCIAL_REPLIES = {
    "greeting": (
        "Hallo! Frag mich einfach etwas zu den Texten des Lesekreises – worüber sie schreiben, "
        "zeigt /themen."
    ),
    "thanks": (
        "Gern geschehen! Wenn noch etwas offen ist, frag einfach – worüber die Texte "
        "schreiben, zeigt /themen."
    ),
    "wish": (
        "Dem schließe ich mich an! Fragen zu den Texten beantworte ich gern – worüber sie "
        "schreiben, zeigt /themen."
    ),
    "farewell": (
        "Bis bald! Fragen zu den Texten beantworte ich jederzeit – worüber sie schreiben, "
        "zeigt /themen."
    ),
}
