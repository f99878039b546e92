"""An offline chat with the bot on stdin/stdout, over the same handlers as Telegram.

Lines starting with "/" are commands, a bare number presses that button of the last answer,
anything else is a question. Replies are printed as plain text: quotes indented with "> ",
buttons as numbered choices.
"""

from __future__ import annotations

import logging
import mimetypes
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot.config import Config
from bot.handlers.base import Attachment, Button, Document, Reply, Request
from bot.handlers.dispatch import dispatch, parse_command
from bot.handlers.format import html_to_text
from bot.services import Services, build_services, warm_semantic
from bot.texts import quotes as t

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())  # no traceback on the user's terminal unless configured

CONSOLE_CHAT_ID = 0
CONSOLE_USER_ID = 0
CONSOLE_USER = "Du"
QUIT_WORDS = ("/ende", "/exit", "/quit", "exit", "quit", "ende")


def run_console(
    config: Config,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    download_dir: Path | None = None,
) -> int:
    """Chat with the bot on the console until EOF or /ende; returns the exit code."""
    try:
        services = build_services(config)
    except Exception as exc:  # a broken database or sources file: say so, no traceback
        # The console's user reads stderr too: the traceback only with `jourfixe -v chat`.
        log.info("console start failed", exc_info=True)
        print(t.CONSOLE_START_FAILED.format(error=exc), file=stdout)
        return 1
    console = Console(services, stdout, download_dir or Path.cwd())
    warm_semantic(services)  # the semantic extra, where installed: passages embedded meanwhile
    console.say(t.CONSOLE_GREETING)
    interactive = stdin.isatty()
    terminal = interactive and stdin is sys.stdin and stdout is sys.stdout
    if terminal:
        try:
            import readline  # noqa: F401  (line editing and history for input())
        except ImportError:  # pragma: no cover - Windows without pyreadline
            pass
    while True:
        try:
            if terminal:
                try:
                    line = input(t.CONSOLE_PROMPT) + "\n"
                except EOFError:
                    line = ""
            else:
                if interactive:
                    stdout.write(t.CONSOLE_PROMPT)
                    stdout.flush()
                line = stdin.readline()
        except KeyboardInterrupt:
            stdout.write("\n")
            line = ""
        if not line:
            break
        line = line.strip()
        if not line:
            continue
        if line.lower() in QUIT_WORDS:
            break
        try:
            console.handle_line(line)
        except KeyboardInterrupt:
            break
    console.say(t.CONSOLE_BYE)
    return 0


@dataclass
class Console:
    services: Services
    out: TextIO
    download_dir: Path
    buttons: list[Button] = field(default_factory=list)  # of the last answer, numbered from 1
    _message_id: int = 0

    def say(self, text: str) -> None:
        print(text, file=self.out)
        self.out.flush()

    def handle_line(self, line: str) -> None:
        """One line typed by the user: a button number, a command or a question."""
        if line.isdigit():
            self.press(int(line))
            return
        parsed = parse_command(line)
        if parsed is None:
            self.dispatch(self.request(line))
            return
        name, args = parsed.name, parsed.args
        attachment = None
        if name == "neu" and args:
            picked = self.attachment(args)
            if picked is False:
                return
            if picked is not None:
                attachment, args = picked
        self.dispatch(self.request(line, name, args, attachment=attachment))

    def press(self, number: int) -> None:
        """Press button ``number`` of the last answer."""
        if not self.buttons:
            self.say(t.CONSOLE_NO_BUTTONS)
            return
        if not 1 <= number <= len(self.buttons):
            self.say(t.CONSOLE_NO_SUCH_BUTTON.format(count=len(self.buttons)))
            return
        button = self.buttons[number - 1]
        if button.url:
            self.say(t.CONSOLE_LINK.format(label=button.label, url=button.url))
            return
        self.dispatch(self.request("", callback_data=button.data or ""))

    def dispatch(self, request: Request) -> None:
        """Answer one request through the bot's dispatcher and print the reply."""
        try:
            reply = dispatch(request, self.services)
            if reply is None:  # a button of a feature that no longer answers it
                reply = Reply(toast=t.EXPIRED_BUTTON)
        except Exception:
            # on the user's own terminal: the traceback only with `jourfixe -v chat`
            log.info(
                "handler failed for %r", request.text[:80] or request.callback_data, exc_info=True
            )
            self.say(t.ERROR_APOLOGY + "\n" + t.CONSOLE_ERROR_HINT)
            return
        self.show(reply)

    def show(self, reply: Reply) -> None:
        """Print a reply as plain text with numbered buttons."""
        if reply.toast:
            self.say(t.CONSOLE_TOAST.format(text=reply.toast))
        if not reply.messages:
            return  # a toast alone leaves the last answer (and its buttons) in place
        self.buttons = []
        header = t.CONSOLE_BOT + (" " + t.CONSOLE_EDITED if reply.edit else "")
        blocks = []
        for message in reply.messages:
            parts = [html_to_text(message.html)] if message.html else []
            if message.document is not None:
                if message.html.strip() == message.document.caption.strip():
                    parts = []  # the text is the file's caption: shown once, with the file
                parts.append(self.save(message.document))
            for row in message.buttons:
                cells = []
                for button in row:
                    self.buttons.append(button)
                    cells.append(f"[{len(self.buttons)}] {button.label}")
                parts.append("  " + "  ".join(cells))
            blocks.append("\n".join(parts))
        self.say(header + "\n" + "\n\n".join(blocks) + "\n")

    def save(self, document: Document) -> str:
        """Store a document the bot sent in the download directory."""
        name = Path(document.file_name).name or "datei"
        target = self.download_dir / name
        stem, suffix = target.stem, target.suffix
        counter = 1
        while target.exists():
            target = self.download_dir / f"{stem}-{counter}{suffix}"
            counter += 1
        size = len(document.content)
        try:
            target.write_bytes(document.content)
        except OSError:
            return t.CONSOLE_DOCUMENT_UNSAVED.format(name=name, size=size)
        caption = html_to_text(document.caption) + "\n" if document.caption else ""
        return caption + t.CONSOLE_DOCUMENT.format(name=name, size=size, path=target)

    def attachment(self, args: str) -> tuple[Attachment, str] | None | bool:
        """For "/neu PFAD [REST]": the file as an attachment and the rest of the arguments.

        None when the first word is no file path (the handler gets the text as is), False
        when it looks like a path that does not exist (already reported).
        """
        try:
            words = shlex.split(args)
        except ValueError:
            words = args.split()
        if not words:
            return None
        path = Path(words[0]).expanduser()
        if not path.is_file():
            if "/" in words[0] or "\\" in words[0] or path.suffix:
                self.say(t.CONSOLE_FILE_MISSING.format(path=words[0]))
                return False
            return None
        mime, _ = mimetypes.guess_type(path.name)
        attachment = Attachment(
            file_name=path.name,
            size=path.stat().st_size,
            mime_type=mime,
            load=path.read_bytes,
        )
        return attachment, " ".join(words[1:])

    def request(
        self,
        text: str,
        command: str | None = None,
        args: str = "",
        attachment: Attachment | None = None,
        callback_data: str | None = None,
    ) -> Request:
        self._message_id += 1
        return Request(
            chat_id=CONSOLE_CHAT_ID,
            chat_type="console",
            user_id=CONSOLE_USER_ID,
            user_name=CONSOLE_USER,
            text=text,
            command=command,
            args=args,
            message_id=self._message_id,
            date=self.services.clock(),
            is_admin=True,
            attachment=attachment,
            callback_data=callback_data,
        )
