"""``python -m city_server``: run the server and do operator tasks from the command line."""

from city_server.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
