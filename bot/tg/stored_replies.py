"""A handler's reply as the inbox keeps it: JSON, so a replay sends what the first run said.

A handler that changes data (/termin, /neu, /protokoll_quelle …) answers differently the
second time ("gibt es schon"). When the bot dies while it is sending a reply, the update is
handled again after the restart; with the reply kept in the inbox the replay sends the same
reply instead of running the handler again. Replies with a document are not kept (their
bytes do not belong in the inbox): those handlers only read, and run again.
"""

from __future__ import annotations

import json
from typing import Any

from bot.handlers.base import Button, OutMessage, Reply


def dump_reply(reply: Reply) -> str | None:
    """The reply as JSON; None when it cannot be kept (a document)."""
    if any(m.document is not None for m in reply.messages):
        return None
    return json.dumps(
        {
            "messages": [
                {
                    "html": m.html,
                    "buttons": [
                        [{"label": b.label, "data": b.data, "url": b.url} for b in row]
                        for row in m.buttons
                    ],
                }
                for m in reply.messages
            ],
            "edit": reply.edit,
            "toast": reply.toast,
            "note_ref": list(reply.note_ref) if reply.note_ref else None,
        },
        ensure_ascii=False,
    )


def load_reply(payload: str) -> Reply | None:
    """The reply kept by :func:`dump_reply`; None when the payload is not one."""
    try:
        data: dict[str, Any] = json.loads(payload)
        messages = [
            OutMessage(
                html=m["html"],
                buttons=[
                    [Button(b["label"], b.get("data"), b.get("url")) for b in row]
                    for row in m.get("buttons", [])
                ],
            )  # fmt: skip
            for m in data["messages"]
        ]
        ref = data.get("note_ref")
        return Reply(
            messages=messages,
            edit=bool(data.get("edit")),
            toast=data.get("toast"),
            note_ref=(str(ref[0]), int(ref[1])) if ref else None,
        )
    except (ValueError, KeyError, TypeError, IndexError):
        return None
