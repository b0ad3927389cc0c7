"""add_orders_status_created_index

Revision ID: 0005
Revises: 0004
Create Date: 2026-02-09 16:20:00

"""
from alembic import op

# revision identifiers
revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply the migration."""
    # CONCURRENTLY keeps orders writable while the index builds, but PostgreSQL refuses it
    # inside a transaction: autocommit_block() commits Alembic's transaction around it.
    with op.get_context().autocommit_block():
        op.execute("""
            CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_status_created_at
            ON orders(status, created_at DESC)
        """)


def downgrade() -> None:
    """Revert the migration."""
    with op.get_context().autocommit_block():
        op.execute("DROP INDEX CONCURRENTLY IF EXISTS idx_orders_status_created_at")
