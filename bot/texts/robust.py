"""German texts for requests the bot stops or refuses to keep every chat responsive."""

# A handler ran longer than the bot allows one request; the chat is free again.
TOO_SLOW = (
    "Das dauert mir zu lange: Diese Anfrage habe ich nach {seconds} Sekunden abgebrochen. "
    "Bitte versuch es mit weniger oder kürzeren Wörtern."
)
TOO_SLOW_RUNNING = (
    "Das dauert mir zu lange: Nach {seconds} Sekunden warte ich nicht mehr auf diese Anfrage. "
    "Sie läuft im Hintergrund zu Ende – was sie speichern sollte, wird gespeichert, bitte "
    "schick sie nicht noch einmal. Bei einer Suche helfen weniger oder kürzere Wörter."
)

# The per-user budget of computing time is used up (counts what requests really cost).
COST_LIMITED = (
    "Bitte kurz warten … Deine letzten Anfragen haben viel Rechenzeit gebraucht. "
    "In {wait} Sekunden kannst du weiterfragen."
)
COST_LIMITED_SHORT = "Bitte kurz warten …"  # toast for a button pressed during the wait

# A file takes longer to read and index (HTML; {name} is escaped by the caller).
STILL_WORKING = (
    "Ich lese „{name}“ noch – bei großen Dateien dauert das etwas. Ich melde mich, "
    "sobald der Text gespeichert ist."
)

# Parsing an uploaded file in the worker process.
FILE_TOO_SLOW = (
    "Die Datei „{name}“ konnte ich nicht in {seconds} Sekunden lesen – sie ist zu groß oder "
    "ungewöhnlich aufgebaut. Nichts wurde gespeichert. Tipp: als PDF mit Textebene oder als "
    ".txt schicken."
)
FILE_TOO_BIG = (
    "Die Datei „{name}“ braucht beim Auspacken zu viel Speicher (mehr als {mb} MB) – "
    "vielleicht ist sie beschädigt oder absichtlich aufgebläht. Nichts wurde gespeichert."
)
FILE_WORKER_FAILED = (
    "Die Datei „{name}“ konnte ich nicht lesen. Nichts wurde gespeichert. "
    "Bitte prüf die Datei oder schick sie in einem anderen Format."
)

# /notizen WORT with a very long search text (HTML).
NOTES_QUERY_TOO_LONG = (
    "Das ist mir zu lang zum Suchen ({length} Zeichen). Bitte such mit höchstens {limit} "
    "Zeichen, z. B. mit einem Stichwort."
)

# `jourfixe ask` with a very long question (plain text on stderr).
ASK_TOO_LONG = "Die Frage ist zu lang ({length} Zeichen, höchstens {limit}). Bitte kürzer fragen."

# A reply that went out just before a crash, without Telegram's confirmation, is sent again
# after the restart (it may have arrived: Telegram cannot be asked). Appended to it (HTML).
RESENT_AFTER_RESTART = (
    "<i>↻ Noch einmal gesendet: Der Bot wurde beim Antworten neu gestartet. Falls diese "
    "Antwort schon da war – gespeichert ist alles nur einmal.</i>"
)
