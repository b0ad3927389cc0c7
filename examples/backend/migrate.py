#!/usr/bin/env python3
"""Migration CLI for the backend: a thin wrapper over Alembic's commands.

    python migrate.py current                 show the revision the database is at
    python migrate.py history                 list all revisions
    python migrate.py heads                   show the head revision(s)
    python migrate.py upgrade [REVISION]      apply migrations (default: all pending)
    python migrate.py downgrade [REVISION]    revert migrations (default: the last one)
    python migrate.py revision "message"      create versions/XXXX_message.py
    python migrate.py stamp REVISION          record REVISION as applied without running it
    python migrate.py merge ["message"]       create a revision that merges all heads

The database URL comes from DATABASE_URL or POSTGRES_USER / POSTGRES_PASSWORD /
POSTGRES_HOST / POSTGRES_PORT / POSTGRES_DB (see database_migrations/env.py).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.util import CommandError

HERE = Path(__file__).resolve().parent


def load_config() -> Config:
    """alembic.ini next to this file, whatever the working directory."""
    return Config(str(HERE / "alembic.ini"))


def next_revision_id(config: Config) -> str:
    """The number after the highest numeric revision id, as four digits: 0001, 0002, ..."""
    script = ScriptDirectory.from_config(config)
    numbers = [int(rev.revision) for rev in script.walk_revisions() if rev.revision.isdigit()]
    return "%04d" % (max(numbers, default=0) + 1)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="migrate.py",
        description="Run and create the backend's database migrations.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    current = commands.add_parser("current", help="show the revision the database is at")
    current.add_argument("-v", "--verbose", action="store_true")

    history = commands.add_parser("history", help="list all revisions")
    history.add_argument("-v", "--verbose", action="store_true")

    heads = commands.add_parser("heads", help="show the head revision(s)")
    heads.add_argument("-v", "--verbose", action="store_true")

    upgrade = commands.add_parser("upgrade", help="apply migrations")
    upgrade.add_argument("revision", nargs="?", default="heads", help="target (default: heads)")
    upgrade.add_argument("--sql", action="store_true", help="print the SQL instead of running it")

    downgrade = commands.add_parser("downgrade", help="revert migrations")
    downgrade.add_argument("revision", nargs="?", default="-1", help="target (default: -1)")
    downgrade.add_argument("--sql", action="store_true", help="print the SQL (REVISION must be FROM:TO)")

    revision = commands.add_parser("revision", help="create a new migration file")
    revision.add_argument("message", help='what the migration does, e.g. "add_orders_status"')

    stamp = commands.add_parser("stamp", help="record a revision as applied without running it")
    stamp.add_argument("revision")

    merge = commands.add_parser("merge", help="create a revision that merges all heads")
    merge.add_argument("message", nargs="?", default="merge heads")

    return parser


def run(args: argparse.Namespace, config: Config) -> None:
    if args.command == "current":
        command.current(config, verbose=args.verbose)
    elif args.command == "history":
        command.history(config, verbose=args.verbose)
    elif args.command == "heads":
        command.heads(config, verbose=args.verbose)
    elif args.command == "upgrade":
        command.upgrade(config, args.revision, sql=args.sql)
    elif args.command == "downgrade":
        command.downgrade(config, args.revision, sql=args.sql)
    elif args.command == "revision":
        command.revision(config, message=args.message, rev_id=next_revision_id(config))
    elif args.command == "stamp":
        command.stamp(config, args.revision)
    elif args.command == "merge":
        command.merge(config, "heads", message=args.message, rev_id=next_revision_id(config))


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        run(args, load_config())
    except CommandError as error:
        print("error: %s" % error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
