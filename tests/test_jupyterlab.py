"""The workshop notebook in a real JupyterLab, driven by Debian chromium (playwright).

JupyterLab listens on 127.0.0.1 only, with a random token, a free port, and its
config, runtime and settings folders inside the test's tmp folder. The server is
stopped by its PID (its whole process group) whatever happens.

This is the one test that needs loopback TCP (the suite runs with
``--disable-socket``): it finds a free port and polls the server's status over
HTTP, so it allows 127.0.0.1 and nothing else.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from review.conftest import chromium_or_skip

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:  # loopback only
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"JupyterLab did not answer at {url}")


@pytest.fixture
def lab(tmp_path):
    root = tmp_path / "lab"
    shutil.copytree(ROOT / "notebooks", root / "notebooks", symlinks=False)
    shutil.copytree(ROOT / "data" / "sample", root / "data" / "sample")
    settings = tmp_path / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    # keep every cell in the page, so outputs can be inspected without scrolling
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    apputils = tmp_path / "settings" / "@jupyterlab" / "apputils-extension"
    apputils.mkdir(parents=True)
    # never ask to fetch news from the internet
    (apputils / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"),
    )
    log = (tmp_path / "lab.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--allow-root",
            "--ip=127.0.0.1",
            f"--port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            f"--LabApp.user_settings_dir={tmp_path / 'settings'}",
            "--LabApp.news_url=",
            "--LabServerApp.allowed_extensions_uris=",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/api/status?token={token}")
        yield f"http://127.0.0.1:{port}", token, tmp_path
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


@pytest.mark.browser
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_workshop_runs_all_cells_in_jupyterlab(lab):
    exe = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    base, token, tmp_path = lab
    outside = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=exe,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})

            def guard(route):
                url = route.request.url
                if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
                    route.continue_()
                else:
                    outside.append(url)
                    route.abort()

            page.route("**/*", guard)
            page.goto(f"{base}/lab/tree/notebooks/03_workshop.ipynb?token={token}")
            nb = json.loads((ROOT / "notebooks" / "03_workshop.ipynb").read_text())
            n_code = sum(c["cell_type"] == "code" for c in nb["cells"])
            page.wait_for_function(
                f"document.querySelectorAll('.jp-Notebook .jp-CodeCell').length === {n_code}",
                timeout=90_000,
            )
            page.wait_for_selector(".jp-StatusBar-TextItem:has-text('Idle')", timeout=90_000)
            page.click(".lm-MenuBar-itemLabel:text-is('Run')")
            page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
            deadline = time.monotonic() + 240
            prompts: list[str] = []
            while time.monotonic() < deadline:
                prompts = page.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()
                if len(prompts) == n_code and all(
                    p.strip().startswith("[") and p.strip()[1:-2].isdigit() for p in prompts
                ):
                    break
                time.sleep(1)
            stderr = page.locator(
                ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
            ).all_inner_texts()
            images = page.eval_on_selector_all(
                ".jp-OutputArea-output img",
                "els => els.map(e => [e.complete, e.naturalWidth, e.naturalHeight])",
            )
            page.screenshot(path=str(tmp_path / "workshop.png"), full_page=False)
        finally:
            browser.close()
    assert len(prompts) == n_code >= 10
    assert all(p.strip()[1:-2].isdigit() for p in prompts), prompts
    assert not [t for t in stderr if "Error" in t or "Traceback" in t], stderr
    assert len(images) >= 4
    assert all(done and w > 0 and h > 0 for done, w, h in images)
    assert outside == []
    assert (tmp_path / "workshop.png").stat().st_size > 10_000
