"""IM701 image-shell-form-command: the image's command is in shell form."""
from __future__ import annotations

import pytest

from support.inspect_support import findings


@pytest.mark.parametrize(("config", "expected"), [
    ({"Cmd": ["/bin/sh", "-c", "python3 /app/main.py"]},
     [("IM701", 0, "Cmd is `/bin/sh -c python3 /app/main.py`: the shell stays PID 1 and swallows SIGTERM")]),
    ({"Entrypoint": ["/bin/sh", "-c", "gunicorn main:app"], "Cmd": None},
     [("IM701", 0, "Entrypoint is `/bin/sh -c gunicorn main:app`: the shell stays PID 1 and swallows SIGTERM")]),
    ({"Cmd": ["/bin/sh", "-c", "exec python3 /app/main.py"]}, []),
    ({"Entrypoint": ["python3"], "Cmd": ["/bin/sh", "-c", "x"]}, []),
    ({"Cmd": ["python3", "/app/main.py"]}, []),
    ({"Cmd": None}, []),
])
def test_shell_form_command(image_facts, config, expected):
    assert findings(image_facts(**config), "IM7") == expected
