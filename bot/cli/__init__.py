"""The ``jourfixe`` command line (also ``python -m bot``); the only place that prints.

- :mod:`bot.cli.main`: the parser, ``run``, ``chat``, ``ask``, ``sources``, ``index``;
- :mod:`bot.cli.content`: ``check`` (the written content);
- :mod:`bot.cli.readings`: ``add`` and ``remove`` (readings);
- :mod:`bot.cli.protocol`: ``protocol import`` and ``protocol export``.
"""

from bot.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
