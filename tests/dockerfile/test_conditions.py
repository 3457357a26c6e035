"""dockerfile/conditions.py: the build setting a RUN's whole script waits for, when it is off."""
import pytest

from dockharden.dockerfile.conditions import opt_in_switch


@pytest.mark.parametrize("script, variables, switch", [
    ('if [ "$DEBUG" = "1" ]; then apt-get install -y gdb; fi', {"DEBUG": "0"}, "DEBUG=1"),
    ('if [ "$DEBUG" = "1" ]; then apt-get install -y gdb; fi', {"DEBUG": "1"}, None),
    ('[ -n "$DEBUG" ] && pip install ipython', {"DEBUG": None}, "DEBUG is set"),
    ('if [ "$INSTALL_DEBUG" ] ; then apt-get install -y vim ; fi', {"INSTALL_DEBUG": None}, "INSTALL_DEBUG is set"),
    ('if [ "$INSTALL_DEBUG" ] ; then apt-get install -y vim ; fi', {"INSTALL_DEBUG": "1"}, None),
    ('[ ${TOOLS} ] && apt-get install -y vim', {}, "TOOLS is set"),
    ('if [ "$DEBUG" ]; then a; else b; fi', {"DEBUG": None}, None),  # something runs either way
    ("apt-get install -y vim", {}, None),
])
def test_the_setting_a_script_waits_for(script, variables, switch):
    assert opt_in_switch(script, variables) == switch
