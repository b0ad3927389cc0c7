"""add_orders_status

Revision ID: 0003
Revises: 0002
Create Date: 2026-01-20 15:42:00

"""
from alembic import op

# revision identifiers
revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply the migration."""
    op.execute("""
        ALTER TABLE orders
        ADD COLUMN IF NOT EXISTS status TEXT NOT NULL DEFAULT 'pending'
    """)


def downgrade() -> None:
    """Revert the migration."""
    op.execute("ALTER TABLE orders DROP COLUMN IF EXISTS status")
