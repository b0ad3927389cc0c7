"""add_users_name_trgm_index

Revision ID: 0004
Revises: 0003
Create Date: 2026-02-02 10:15:00

"""
from alembic import op

# revision identifiers
revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply the migration."""
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute("""
        CREATE INDEX IF NOT EXISTS idx_users_name_trgm
        ON users USING gin(name gin_trgm_ops)
    """)


def downgrade() -> None:
    """Revert the migration."""
    op.execute("DROP INDEX IF EXISTS idx_users_name_trgm")
    # The upgrade created the extension, so the downgrade removes it. Without CASCADE,
    # PostgreSQL refuses if anything else still uses pg_trgm: nothing is dropped silently.
    op.execute("DROP EXTENSION IF EXISTS pg_trgm")
