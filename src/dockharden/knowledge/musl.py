"""Alpine's musl libc: which Python packages publish no musllinux wheels."""
from __future__ import annotations

import re

# On Alpine these compile from source or fail; numpy, scipy, pandas, tokenizers and
# safetensors have musl wheels.
MUSL_UNFRIENDLY = frozenset({
    "torch", "torchvision", "torchaudio", "onnxruntime", "onnxruntime-gpu", "scikit-learn", "sklearn", "sentencepiece",
})
# A requirement line's name, or a quoted name in pyproject.toml / uv.lock.
_REQUIREMENT_NAME = re.compile(r"""(?:^\s*|["'])([A-Za-z0-9][A-Za-z0-9._\-]*)""")


def musl_unfriendly(requirements_text: str) -> tuple[str, ...]:
    """Names in a requirements file or pyproject that have no musllinux wheels."""
    names = set()
    for line in requirements_text.splitlines():
        for name in _REQUIREMENT_NAME.findall(line.split("#", 1)[0]):
            names.add(re.sub(r"[-_.]+", "-", name).lower())
    return tuple(sorted(names & MUSL_UNFRIENDLY))
