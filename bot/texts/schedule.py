"""German texts of the schedule feature (dates, meetings, reminders, calendar).

Plain-text messages (``ERR_*`` of the date parser, ``LIMIT_*``) are escaped by the handler;
constants ending in ``_HTML`` are Telegram HTML with ``{placeholders}`` for escaped values.
"""

WEEKDAY_NAMES = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
MONTH_NAMES = (
    "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
    "Oktober", "November", "Dezember",
)  # fmt: skip

# {example_day} (e.g. "26.01."), {example_date} ("26.01.2027") and {example_numeric}
# ("26.1.2027") are filled in with a day about four weeks ahead: an example never lies in the past.
DATE_EXAMPLES = (
    "{example_day}, {example_numeric} 19 Uhr, Montag 19:30, morgen 18 Uhr, übermorgen, in 2 Wochen"
)

# --- date parser (plain text) ---------------------------------------------------------------
ERR_NO_DATE = "Bitte gib ein Datum an. Beispiele: " + DATE_EXAMPLES + "."
ERR_DATE_TOO_LONG = "Das ist zu lang für ein Datum. Beispiele: " + DATE_EXAMPLES + "."
ERR_UNPARSABLE = "„{raw}“ verstehe ich nicht als Datum. Beispiele: " + DATE_EXAMPLES + "."
ERR_NO_SUCH_DAY = "„{raw}“ gibt es im Kalender nicht. Beispiel: {example_date}"
ERR_BAD_TIME = "„{raw}“ ist keine Uhrzeit. Beispiele: 19:30, 19 Uhr"
ERR_BAD_TIME_SERIES = "„{raw}“ ist keine Uhrzeit. Beispiel: /jourfixe Montag 19:30 alle 2 Wochen"
ERR_WEEKDAY_MISMATCH = "Der {date} ist ein {real}, kein {said}. Beispiel: {real} {date}"
ERR_PAST = (
    "{when} liegt in der Vergangenheit. Bitte ein künftiges Datum, z. B. „morgen 19 Uhr“ "
    "oder „{example_day} 19:30“."
)
ERR_TOO_FAR = "„{raw}“ liegt mehr als zwei Jahre in der Zukunft. Beispiel: in 2 Wochen"
ERR_BAD_WEEKDAY = "„{raw}“ ist kein Wochentag. Beispiele: Montag, Mo, Dienstag"
ERR_BAD_LEAD = (
    "„{raw}“ verstehe ich nicht als Vorlaufzeit. Beispiele: /erinnerung 1d 1h, "
    "/erinnerung 2 Tage 30min, /erinnerung aus"
)
COUNTDOWN_STARTED = "läuft gerade oder ist vorbei"

# --- core limits (plain text) ---------------------------------------------------------------
LIMIT_MEETINGS = (
    "Es sind schon {n} Termine geplant – mehr als {limit} gehen nicht. "
    "Sag zuerst einen ab (/absagen DATUM) oder beende eine Reihe (/jourfixe aus)."
)
LIMIT_LEADS = "Höchstens {limit} Erinnerungszeiten, z. B. /erinnerung 1d 1h"
LIMIT_LEAD_RANGE = (
    "Eine Erinnerung geht frühestens {max} und spätestens {min} vorher. "
    "Beispiel: /erinnerung 1d 1h"
)
LIMIT_INTERVAL = (
    "Eine Reihe wiederholt sich wöchentlich oder alle N Wochen (höchstens alle {max}) – "
    "tägliche oder stündliche Reihen gibt es nicht. Beispiel: /jourfixe Montag 19:00 alle 2 Wochen"
)
ERR_BAD_TZ = "„{raw}“ kenne ich nicht als Zeitzone. Beispiele: Europe/Berlin, Europe/Vienna"
ERR_DUPLICATE = (
    "Am {when} ist schon ein Termin eingetragen. Thema ändern: /thema {day} THEMA – "
    "alle Termine: /termine"
)
ERR_SERIES_DUPLICATE = (
    "Diese Reihe gibt es schon (z. B. am {when}). Alle Termine: /termine – "
    "eine Reihe beenden: /jourfixe aus"
)
ERR_TOPIC_TOO_LONG = "Das Thema ist zu lang (höchstens {limit} Zeichen)."

# --- handler replies (HTML) -----------------------------------------------------------------
NOT_ADMIN_HTML = (
    "Termine ändern dürfen in Gruppen nur Admins. Anschauen geht für alle: /termine, /naechster"
)
ERROR_HTML = "⚠️ {message}"
USAGE_HTML = "So geht's: <code>{usage}</code>\nBeispiel: <code>{example}</code>"

MEETING_SAVED_HTML = "✅ Termin eingetragen: <b>{when}</b>{topic}\n⏳ {countdown}"
SERIES_SAVED_HTML = (
    "✅ Jour fixe eingetragen: <b>{rule}</b>{topic}\nNächster Termin: <b>{first}</b>."
)
SERIES_ENDED_HTML = "✅ {n} Terminreihe(n) beendet. Einzeltermine bleiben."
SERIES_NONE_HTML = "Es gibt keine Terminreihe, die ich beenden könnte."
TOPIC_LINE_HTML = "\nThema: {topic}"
READING_LINE_HTML = "\nLektüre: {reading}"
EVERY_WEEK = "jeden {weekday}"
EVERY_N_WEEKS = "alle {n} Wochen {weekday}s"
RULE_HTML = "{every}, {time} Uhr, ab {start}"

NO_MEETINGS_HTML = (
    "Noch keine Termine geplant. Beispiele:\n<code>/jourfixe Montag 19:00 alle 2 Wochen</code>\n"
    "<code>/termin 26.01. 19:30 Imperialismus</code>"
)
MEETINGS_HEAD_HTML = "📅 <b>Die nächsten Termine</b> ({tz})"
MEETING_LINE_HTML = "• <b>{when}</b>{marks}{topic}"
MARK_MOVED = " (verschoben)"
MARK_SERIES = " 🔁"
SERIES_HEAD_HTML = "\n🔁 <b>Reihen</b>"
SERIES_LINE_HTML = "• {rule}{topic}"

NEXT_HTML = "📅 <b>Nächster Termin</b>\n<b>{when}</b>{topic}{reading}\n⏳ {countdown}"
NEXT_NONE_HTML = "Kein Termin geplant."
ANNOUNCED_HTML = (
    "\n\n📝 Das Protokoll vom {protocol} kündigt an: <b>{when}</b>{topic}\nSoll ich ihn eintragen?"
)
BUTTON_ADD_ANNOUNCED = "📅 Eintragen: {date}"
BUTTON_SUMMARY = "📖 Zusammenfassung: {title}"
BUTTON_PROTOCOL = "📝 Protokoll der letzten Sitzung"
TYPE_SUMMARY_HTML = "Zusammenfassung der Lektüre: <code>/zusammenfassung {slug}</code>"
TYPE_PROTOCOL_HTML = "Protokoll der letzten Sitzung: <code>/protokoll</code>"
ANNOUNCEMENT_GONE_HTML = "Diese Ankündigung finde ich nicht mehr (oder der Termin ist vorbei)."
ANNOUNCEMENT_EXISTS_HTML = "Am {date} ist schon ein Termin eingetragen: <b>{when}</b>."

CANCELLED_HTML = "✅ Abgesagt: <b>{when}</b>{topic}"
MOVED_HTML = "✅ Verschoben: <s>{old}</s> → <b>{new}</b>"
TOPIC_SET_HTML = "✅ Thema für <b>{when}</b>: {topic}{reading}"
NO_MEETING_ON_HTML = "Am {date} ist kein Termin geplant. Die nächsten: /termine"

LEADS_SET_HTML = "✅ Erinnerungen: {leads} vor jedem Termin."
LEADS_OFF_HTML = "✅ Erinnerungen sind aus. Wieder an: <code>/erinnerung 1d 1h</code>"
LEADS_SHOW_HTML = (
    "Erinnerungen: {leads}{paused}\nÄndern: <code>/erinnerung 1d 1h</code> oder "
    "<code>/erinnerung aus</code>"
)
LEADS_NONE = "aus"
LEADS_BEFORE = "{leads} vorher"
PAUSED_NOTE = " (pausiert, weil der Bot hier nichts senden durfte – jede Änderung setzt sie fort)"
TZ_SET_HTML = "✅ Zeitzone: <b>{tz}</b>. Jetzt ist es dort {now}."
TZ_SHOW_HTML = "Zeitzone: <b>{tz}</b>. Ändern: <code>/zeitzone Europe/Berlin</code>"

ICS_CAPTION = "📅 {n} Termine zum Importieren in den Kalender (Datei öffnen oder importieren)"
ICS_CAPTION_ONE = "📅 1 Termin zum Importieren in den Kalender (Datei öffnen oder importieren)"
ICS_NONE_HTML = "Keine Termine zum Exportieren. Zuerst: <code>/jourfixe Montag 19:00</code>"
ICS_SUMMARY = "Jour fixe"
ICS_FILE = "jourfixe.ics"

CONSOLE_REMINDERS_HTML = (
    "\n\nℹ️ Hinweis: Hier in der Konsole kommen keine Erinnerungen. Die verschickt nur der "
    "Telegram-Bot (<code>jourfixe run</code>), in die Telegram-Chats, in denen die Termine "
    "eingetragen sind."
)

# --- reminders (HTML) -----------------------------------------------------------------------
REMINDER_HTML = (
    "⏰ <b>Erinnerung: Jour fixe {relative}</b>\n<b>{when}</b>{topic}\n⏳ {countdown}{late}"
)
REMINDER_LATE_HTML = (
    "\n\n<i>(verspätet: Der Bot war eine Weile nicht erreichbar – der Termin gilt trotzdem.)</i>"
)
RELATIVE_TODAY = "heute"
RELATIVE_TOMORROW = "morgen"
RELATIVE_ON = "am {weekday}"

# --- for the protocol of the notes feature (plain text) -------------------------------------
NEXT_SENTENCE = "Der nächste Jour fixe findet am {when} statt."
NEXT_SENTENCE_TOPIC = "Thema ist dann: {topic}."

# --- /hilfe ---------------------------------------------------------------------------------
GROUP = "Termine"
