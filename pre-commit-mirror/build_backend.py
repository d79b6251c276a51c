"""A PEP 517 build backend with no dependencies, for newsval's pre-commit hook.

It builds one thing: an empty wheel, `newsval-pre-commit`, whose only requirement is the
newsval release below, exactly. pre-commit runs `pip install .` here, pip builds that
wheel with this file and then installs newsval's prebuilt wheel from PyPI (or from
wherever PIP_INDEX_URL / PIP_FIND_LINKS point). Nothing is compiled and nothing but
newsval is downloaded.
"""

import base64
import hashlib
import io
import os
import tarfile
import zipfile

#: The newsval release this hook runs. Each tag of this repository pins its own.
NEWSVAL_VERSION = "0.2.0"

_NAME = "newsval_pre_commit"
_DIST_INFO = f"{_NAME}-{NEWSVAL_VERSION}.dist-info"
_METADATA = f"""\
Metadata-Version: 2.1
Name: newsval-pre-commit
Version: {NEWSVAL_VERSION}
Summary: pre-commit hook for newsval: installs newsval {NEWSVAL_VERSION} from its wheel
License: MIT
Requires-Dist: newsval=={NEWSVAL_VERSION}
"""
_WHEEL = """\
Wheel-Version: 1.0
Generator: newsval-pre-commit build_backend.py
Root-Is-Purelib: true
Tag: py3-none-any
"""


def _hash(data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode("ascii")


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    files = {
        f"{_DIST_INFO}/METADATA": _METADATA.encode("utf-8"),
        f"{_DIST_INFO}/WHEEL": _WHEEL.encode("utf-8"),
    }
    record = [f"{name},{_hash(data)},{len(data)}" for name, data in files.items()]
    record.append(f"{_DIST_INFO}/RECORD,,")
    files[f"{_DIST_INFO}/RECORD"] = ("\n".join(record) + "\n").encode("utf-8")
    name = f"{_NAME}-{NEWSVAL_VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(os.path.join(wheel_directory, name), "w") as wheel:
        for path, data in files.items():
            wheel.writestr(path, data)
    return name


def build_sdist(sdist_directory, config_settings=None):
    root = f"{_NAME}-{NEWSVAL_VERSION}"
    name = f"{root}.tar.gz"
    here = os.path.dirname(os.path.abspath(__file__))
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz") as sdist:
        for path in ("pyproject.toml", "build_backend.py"):
            sdist.add(os.path.join(here, path), arcname=f"{root}/{path}")
        info = tarfile.TarInfo(f"{root}/PKG-INFO")
        metadata = _METADATA.encode("utf-8")
        info.size = len(metadata)
        sdist.addfile(info, io.BytesIO(metadata))
    return name
