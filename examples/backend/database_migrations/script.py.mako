<%!
def py(value):
    """Render a revision value the way the SOP writes it: double-quoted strings, None, or a tuple."""
    if value is None:
        return "None"
    if isinstance(value, (tuple, list)):
        return "(" + ", ".join(py(item) for item in value) + ")"
    return '"%s"' % value
%>"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}

"""
from alembic import op
${imports if imports else ""}
# revision identifiers
revision = ${py(up_revision)}
down_revision = ${py(down_revision)}
branch_labels = ${py(branch_labels)}
depends_on = ${py(depends_on)}


def upgrade() -> None:
    """Apply the migration."""
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    """Revert the migration."""
    ${downgrades if downgrades else "pass"}
