"""German texts of the Telegram adapter (HTML; no user text is formatted into them unescaped)."""

APOLOGY = (
    "Entschuldigung, da ist bei mir etwas schiefgegangen. Bitte versuch es gleich noch einmal."
)
# The request itself was carried out (and saved); only sending the answer failed part-way.
APOLOGY_DONE = (
    "Erledigt – deine Anfrage ist ausgeführt, nur meine Antwort kam nicht vollständig an. "
    "Bitte nicht noch einmal schicken."
)
APOLOGY_NOTE_SAVED = (
    "Notiz #{num} ist gespeichert – nur meine Antwort kam nicht vollständig an. "
    "Bitte nicht noch einmal schicken."
)

# Said once per wait; further requests during that wait are dropped without an answer.
RATE_LIMITED = (
    "Bitte kurz warten … Du hast in den letzten {window} Sekunden schon {limit} aufwendige "
    "Anfragen gestellt. {when} kannst du weiterfragen."
)
RATE_WAIT_ONE = "In einer Sekunde"
RATE_WAIT_MANY = "In {wait} Sekunden"

# Toast for a button whose handler no longer exists (e.g. after an update of the bot).
STALE_BUTTON = "Dieser Knopf gilt nicht mehr. Bitte stell die Anfrage neu."

# Fallbacks, used only when the reading handlers are not installed.
NOT_UNDERSTOOD = "Das habe ich nicht verstanden. /hilfe zeigt, was ich kann."
UNKNOWN_COMMAND = "Diesen Befehl kenne ich nicht. /hilfe zeigt, was ich kann."

# Raised (as OSError) by Attachment.load when Telegram does not hand out the file.
DOWNLOAD_FAILED = (
    "Die Datei konnte nicht von Telegram geladen werden. Bitte schick sie noch einmal."
)

# Start-up problems of `jourfixe run`, shown to whoever runs the bot (in the log on stderr).
START_INVALID_TOKEN = (
    "Telegram kennt diesen Token nicht. Bitte TELEGRAM_BOT_TOKEN prüfen (Token von @BotFather)."
)
START_NETWORK = (
    "Telegram ist nicht erreichbar ({error}). Bitte Internetverbindung und "
    "TELEGRAM_API_BASE_URL prüfen; ohne Token startet `jourfixe run` den Konsolen-Chat."
)
START_TELEGRAM_ERROR = "Telegram hat den Start abgelehnt: {error}"
START_FAILED = "Der Bot konnte nicht starten: {error}"
START_SOURCES = "Fehler in den Quellen: {error}"
START_API_OFF_SPEC = (
    "der Bot-API-Server {host} antwortet anders als Telegram ({error}) – bitte "
    "TELEGRAM_API_BASE_URL prüfen"
)
WEBHOOK_NEEDS_TORNADO = (
    "Für den Webhook-Modus (JOURFIXE_WEBHOOK_URL) fehlt das Paket tornado: "
    "`pip install 'python-telegram-bot[webhooks]'`, oder JOURFIXE_WEBHOOK_URL weglassen "
    "(dann fragt der Bot Telegram selbst ab)."
)

# Printed by `jourfixe run` on the terminal (plain text).
RUNNING = "Der Bot läuft als @{username} ({mode}). Beenden mit Strg+C."
MODE_POLLING = "fragt Telegram laufend nach neuen Nachrichten"
MODE_WEBHOOK = "Webhook"
STOPPED = "Der Bot ist beendet."
