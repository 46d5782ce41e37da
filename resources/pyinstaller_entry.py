"""The bundle's entry point: the same dispatch as `reviewer` (window, terminal commands, read worker)."""

from reviewer.__main__ import main

if __name__ == "__main__":
    raise SystemExit(main())
