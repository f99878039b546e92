"""German texts of the Telegram adapter (HTML; no user text is formatted into them unescaped)."""

APOLOGY = (
    "Entschuldigung, da ist bei mir etwas schiefgegangen. Bitte versuch es gleich noch einmal."
)

RATE_LIMITED = (
    "Bitte kurz warten … Du hast in den letzten {window} Sekunden schon {limit} aufwendige "
    "Anfragen gestellt. In {wait} Sekunden kannst du weiterfragen."
)

# Toast for a button whose handler no longer exists (e.g. after an update of the bot).
STALE_BUTTON = "Dieser Knopf gilt nicht mehr. Bitte stell die Anfrage neu."

# Fallbacks, used only when the reading handlers are not installed.
NOT_UNDERSTOOD = "Das habe ich nicht verstanden. /hilfe zeigt, was ich kann."
UNKNOWN_COMMAND = "Diesen Befehl kenne ich nicht. /hilfe zeigt, was ich kann."

# Raised (as OSError) by Attachment.load when Telegram does not hand out the file.
DOWNLOAD_FAILED = (
    "Die Datei konnte nicht von Telegram geladen werden. Bitte schick sie noch einmal."
)
