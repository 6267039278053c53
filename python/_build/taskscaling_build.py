"""A minimal PEP 517 build backend (standard library only): a pure-Python wheel of the `taskscaling` package.

pip runs it from the source tree (`backend-path` in pyproject.toml); it needs nothing from a package index.
"""
import base64
import hashlib
import os
import zipfile

NAME, VERSION = "taskscaling", "0.1.0"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIST_INFO = f"{NAME}-{VERSION}.dist-info"
TAG = "py3-none-any"


def _metadata():
    return (f"Metadata-Version: 2.1\nName: {NAME}\nVersion: {VERSION}\n"
            "Summary: Python access to the taskscaling command\nRequires-Python: >=3.9\n")


def _wheel_file():
    return f"Wheel-Version: 1.0\nGenerator: taskscaling_build\nRoot-Is-Purelib: true\nTag: {TAG}\n"


def _record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    name = f"{NAME}-{VERSION}-{TAG}.whl"
    files = []
    package = os.path.join(ROOT, NAME)
    for folder, _, names in os.walk(package):
        for n in sorted(names):
            if n.endswith(".py"):
                full = os.path.join(folder, n)
                rel = os.path.relpath(full, ROOT).replace(os.sep, "/")
                with open(full, "rb") as f:
                    files.append((rel, f.read()))
    files.append((f"{DIST_INFO}/METADATA", _metadata().encode()))
    files.append((f"{DIST_INFO}/WHEEL", _wheel_file().encode()))
    record = "\n".join([_record_line(p, d) for p, d in files] + [f"{DIST_INFO}/RECORD,,"]) + "\n"
    files.append((f"{DIST_INFO}/RECORD", record.encode()))
    with zipfile.ZipFile(os.path.join(wheel_directory, name), "w", zipfile.ZIP_DEFLATED) as z:
        for path, data in files:
            z.writestr(path, data)
    return name


def build_sdist(sdist_directory, config_settings=None):
    import tarfile
    name = f"{NAME}-{VERSION}"
    with tarfile.open(os.path.join(sdist_directory, name + ".tar.gz"), "w:gz") as t:
        for rel in ["pyproject.toml", "_build", NAME]:
            t.add(os.path.join(ROOT, rel), arcname=f"{name}/{rel}",
                  filter=lambda i: None if "__pycache__" in i.name else i)
    return name + ".tar.gz"


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []
