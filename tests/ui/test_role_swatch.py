"""Role colour dots: each role's own colour, as an inline image a table can show."""

import base64

import pandas as pd

from mlplanner.model.roles import ROLE_COLORS, ROLES
from mlplanner.ui.role_swatch import SWATCH_COLUMN, swatch, with_swatches


def test_each_role_gets_a_dot_of_its_own_colour() -> None:
    for role in ROLES:
        address = swatch(role)
        assert address is not None and address.startswith("data:image/svg+xml;base64,")
        svg = base64.b64decode(address.split(",", 1)[1]).decode()
        assert f"fill='{ROLE_COLORS[role]}'" in svg
    assert len({swatch(role) for role in ROLES}) == len(ROLES)


def test_rows_without_a_role_have_no_dot_and_the_table_keeps_its_columns() -> None:
    table = pd.DataFrame({"Role": ["Data Analyst", "Total"], "People": [2, 2]})
    shown = with_swatches(table, [ROLES[0], None])
    assert list(shown.columns) == [SWATCH_COLUMN, "Role", "People"]
    assert shown[SWATCH_COLUMN].tolist() == [swatch(ROLES[0]), ""]
    assert shown["People"].tolist() == [2, 2]
