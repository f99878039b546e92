"""What the bot serves, in one place: its commands, buttons and message hooks.

The order of :data:`COMMAND_HANDLERS` is the order of /hilfe and of Telegram's command menu.
A handler described with ``@command`` or ``@callback`` answers nothing until it is listed here
(a test checks that none is forgotten).
"""

from bot.handlers import content, notes, quotes, schedule, uploads
from bot.handlers.base import register

COMMAND_HANDLERS = (
    # Lesen
    quotes.start,
    quotes.help_command,
    quotes.sources_command,
    quotes.quote_command,
    quotes.ask_command,
    # Inhalte
    content.summary_command,
    content.position_command,
    content.compare_command,
    content.topics_command,
    # Sitzung
    notes.sitzung,
    notes.notiz,
    notes.ergebnis,
    notes.offen,
    notes.abschnitt,
    notes.korrektur,
    notes.loeschen,
    notes.papierkorb,
    notes.notizen,
    notes.protokoll,
    notes.namen,
    notes.protokoll_quelle,
    # Quellen
    uploads.new_reading,
    uploads.remove_command,
    # Termine
    schedule.termin,
    schedule.jourfixe,
    schedule.termine,
    schedule.naechster,
    schedule.absagen,
    schedule.verschieben,
    schedule.thema,
    schedule.erinnerung,
    schedule.zeitzone,
    schedule.ical,
)

CALLBACK_HANDLERS = (
    quotes.page_button,  # p:<query>:<page>
    quotes.paragraph_button,  # a:<query>:<rank>
    quotes.more_button,  # m:<query>:<rank>
    content.summary_button,  # z:<source>
    content.position_button,  # po:<topic>:<source>
    content.compare_button,  # vg:<topic>
    notes.restore,  # nr:<num>
    notes.protocol_pdf,  # pp:<session id>
    uploads.reading_button,  # rd:<action>:<slug>
    schedule.schedule_announced,  # sa:<protocol slug>
    schedule.summary_button,  # ss:<source slug>
    schedule.protocol_button,  # sp:
)

# Non-command messages go through these first (answers the bot asked for), then to the search.
MESSAGE_HOOKS = (uploads.on_message,)
# Edited messages: a note logged from the message is updated.
EDIT_HOOKS = (notes.on_edit,)

register(COMMAND_HANDLERS, CALLBACK_HANDLERS, MESSAGE_HOOKS, EDIT_HOOKS)
