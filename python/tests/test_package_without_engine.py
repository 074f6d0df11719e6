"""import losscape works with the source tree alone; the engine's names then say what to build."""

import losscape
import pytest


def test_engine_names_say_what_to_build_without_the_module():
    assert "Scene" in dir(losscape)
    with pytest.raises(ImportError, match="LOSSCAPE_PYTHON=ON"):
        losscape.Scene  # noqa: B018  (the attribute itself is the import)


def test_unknown_names_are_attribute_errors():
    with pytest.raises(AttributeError, match="no attribute 'Scen'"):
        losscape.Scen  # noqa: B018
