"""`python -m bot` does what the `jourfixe` console script does."""

from bot.cli import main

raise SystemExit(main())
