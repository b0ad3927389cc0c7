"""create_orders

Revision ID: 0002
Revises: 0001
Create Date: 2026-01-14 11:05:00

"""
from alembic import op

# revision identifiers
revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply the migration."""
    # users (0001) is the parent: it exists before orders references it.
    op.execute("""
        CREATE TABLE IF NOT EXISTS orders (
            id SERIAL PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
            created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
            updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW()
        )
    """)
    op.execute("""
        CREATE INDEX IF NOT EXISTS idx_orders_user_id
        ON orders(user_id)
    """)


def downgrade() -> None:
    """Revert the migration."""
    op.execute("DROP INDEX IF EXISTS idx_orders_user_id")
    op.execute("DROP TABLE IF EXISTS orders")
