"""Alembic environment: builds the database URL from the environment and runs the migrations."""
from __future__ import annotations

import os
import re
from logging.config import fileConfig
from pathlib import Path

from alembic import context
from sqlalchemy import create_engine, pool
from sqlalchemy.engine import URL

config = context.config

if config.config_file_name is not None:
    fileConfig(config.config_file_name)

# The migrations are raw SQL (op.execute), so there is no model metadata to autogenerate from.
target_metadata = None


def load_dotenv(path: Path) -> None:
    """Read KEY=VALUE lines from a .env file; variables already set in the environment win.

    Also `export KEY=VALUE`, quoted values and trailing `# comments`, as the editor extension reads them,
    so the terminal and the editor connect to the same database.
    """
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("export "):
            line = line[len("export "):].lstrip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        value = value.strip()
        quote = value[:1]
        if quote in ("'", '"') and quote in value[1:]:
            value = value[1:value.index(quote, 1)]
        else:
            value = re.sub(r"\s+#.*$", "", value)
        os.environ.setdefault(key.strip(), value)


def database_url() -> URL | str:
    """DATABASE_URL when set, else a URL from the POSTGRES_* variables."""
    url = os.environ.get("DATABASE_URL")
    if url:
        # Hosting providers hand out postgres:// URLs; SQLAlchemy 1.4+ only knows postgresql://.
        for scheme in ("postgres://", "postgresql://"):
            if url.startswith(scheme):
                return "postgresql+psycopg2://" + url[len(scheme):]
        return url
    port = os.environ.get("POSTGRES_PORT")
    # URL.create quotes special characters in the password; string formatting would not.
    return URL.create(
        "postgresql+psycopg2",
        username=os.environ.get("POSTGRES_USER", "postgres"),
        password=os.environ.get("POSTGRES_PASSWORD") or None,
        host=os.environ.get("POSTGRES_HOST", "localhost"),
        port=int(port) if port else None,
        database=os.environ.get("POSTGRES_DB", "postgres"),
    )


def run_migrations_offline(url: URL | str) -> None:
    """Print the SQL instead of running it (`migrate.py upgrade --sql`)."""
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online(url: URL | str) -> None:
    """Run the migrations against the database, each in its own transaction."""
    # The URL is passed to create_engine, never through alembic.ini: configparser would
    # choke on a % in a password.
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        # One transaction per migration: a failure leaves every earlier migration applied
        # and recorded, and autocommit_block() only has to step out of one migration.
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            transaction_per_migration=True,
        )
        with context.begin_transaction():
            context.run_migrations()


if config.config_file_name is not None:
    load_dotenv(Path(config.config_file_name).resolve().parent / ".env")

if context.is_offline_mode():
    run_migrations_offline(database_url())
else:
    run_migrations_online(database_url())
