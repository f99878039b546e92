"""The wheel is a real package: built, installed into a fresh venv and asked a question from
another folder, it finds its bundled content and sources (issue 13).

Speed: the wheel is built with ``--no-build-isolation`` (hatchling is a dev dependency) and
installed with ``--no-deps`` into a venv without pip. Instead of downloading the dependencies
again, the venv gets a ``.pth`` line naming this environment's site-packages: dependencies come
from there, but ``.pth`` files found in that folder (such as the editable install of this
checkout) are not processed, so ``bot`` can only come from the installed wheel. The test
checks exactly that, and ``pip check`` confirms the wheel's declared requirements are met.
(``--system-site-packages`` would not do: it exposes the base interpreter, not this venv.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

from bot import PROJECT_ROOT


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"{cmd}\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def test_the_wheel_installs_and_answers_from_another_folder(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
          "--wheel-dir", str(wheels), str(PROJECT_ROOT)], cwd=tmp_path)  # fmt: skip
    [wheel] = wheels.glob("jourfixe-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("bot/_bundled/content/sources.yaml", "bot/_bundled/content/synonyms.yaml",
                   "bot/core/stopwords_de.txt", "bot/cli/main.py",
                   "bot/fonts/LiberationSerif-Regular.ttf", "bot/fonts/LiberationSerif-Italic.ttf",
                   "bot/fonts/LiberationSerif-Bold.ttf",
                   "bot/fonts/LICENSE-Liberation-OFL.txt"):  # fmt: skip
        assert needed in names, needed
    notes = sorted(p.name for p in (PROJECT_ROOT / "content" / "passages").iterdir())
    assert notes and all(f"bot/_bundled/content/passages/{n}" in names for n in notes)
    seeds = sorted(p.name for p in (PROJECT_ROOT / "seeds").iterdir())
    assert all(f"bot/_bundled/seeds/{name}" in names for name in seeds)
    package = PROJECT_ROOT / "bot"
    data = [p.relative_to(PROJECT_ROOT).as_posix() for p in package.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts]  # fmt: skip
    assert [f for f in data if f not in names] == []  # fonts, stopwords, every module

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
          "--no-deps", str(wheel)], cwd=tmp_path)  # fmt: skip
    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = Path(_run([str(python), "-c", purelib], cwd=tmp_path).strip())
    outer = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "_jourfixe_test_deps.pth").write_text("\n".join(sorted(outer)) + "\n")

    elsewhere = tmp_path / "anderswo"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "JOURFIXE_"))}
    env["JOURFIXE_DATA_DIR"] = str(tmp_path / "daten")
    where = _run([str(python), "-c", "import bot; print(bot.__file__); print(bot.DATA_ROOT)"],
                 cwd=elsewhere, env=env).split()  # fmt: skip
    assert all(Path(p).is_relative_to(site) for p in where), where
    _run([sys.executable, "-m", "pip", "--python", str(python), "check"], cwd=tmp_path)

    out = _run([str(env_dir / "bin" / "jourfixe"), "ask", "--json", "--limit", "3",
                "Was sagt Karaganow über Putin?"], cwd=elsewhere, env=env)  # fmt: skip
    hits = json.loads(out)
    assert hits and any("Karaganow" in h["text"] for h in hits)
    assert (tmp_path / "daten" / "jourfixe.db").is_file()
    assert not (elsewhere / "jourfixe.db").exists()  # nothing written into the current folder
