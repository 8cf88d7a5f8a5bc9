"""Headless Chromium for the HTML report tests (and the reports/ screenshot).

Two ways in: ``load``/``screenshot`` run Chromium once (``--dump-dom``,
``--screenshot``); :class:`DevTools` drives a page through the DevTools
protocol over ``--remote-debugging-pipe`` (no extra package), to click and
evaluate script. Usage: ``python -m tests.browser REPORT.html SCREENSHOT.png``
saves a screenshot.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    # Console messages (errors, CSP violations) go to stderr as "...:CONSOLE:N] ..." lines.
    "--enable-logging=stderr",
    "--v=0",
)
_CONSOLE = re.compile(r":CONSOLE[^\]]*\] (.*)")


def chromium() -> str | None:
    """The Chromium executable, if installed."""
    return next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)


def _run(page: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    exe = chromium()
    assert exe, "chromium is not installed"
    with tempfile.TemporaryDirectory(
        prefix="factcheck-chromium-", ignore_cleanup_errors=True
    ) as profile:
        return subprocess.run(
            [exe, *FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )


def load(page: Path) -> tuple[str, list[str]]:
    """The page's DOM after its scripts ran, and every console message it logged."""
    done = _run(page, "--dump-dom")
    return done.stdout, _CONSOLE.findall(done.stderr)


def screenshot(page: Path, target: Path, width: int = 1200, height: int = 2400) -> None:
    """Save a PNG screenshot of the page."""
    _run(page, f"--screenshot={target.resolve()}", f"--window-size={width},{height}")


class DevTools:
    """One page in headless Chromium, driven through the DevTools protocol.

    ``messages`` collects everything the page logs: console calls, browser log
    entries (CSP violations, failed loads) and uncaught exceptions.
    """

    def __init__(self, page: Path) -> None:
        exe = chromium()
        assert exe, "chromium is not installed"
        commands_in, self._commands = os.pipe()
        self._results, results_out = os.pipe()

        def wire_pipes() -> None:  # the protocol's fixed descriptors: 3 reads, 4 writes
            inbound, outbound = os.dup(commands_in), os.dup(results_out)
            os.dup2(inbound, 3)
            os.dup2(outbound, 4)

        # Chromium's helpers may still be writing the profile when it is removed.
        self._profile = tempfile.TemporaryDirectory(
            prefix="factcheck-chromium-", ignore_cleanup_errors=True
        )
        self._process = subprocess.Popen(
            [exe, *FLAGS, f"--user-data-dir={self._profile.name}", "--remote-debugging-pipe"],
            close_fds=False,
            preexec_fn=wire_pipes,
            start_new_session=True,  # its own process group, so close() ends every helper
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(commands_in)
        os.close(results_out)
        self._buffer = b""
        self._next_id = 0
        self._session: str | None = None
        self.messages: list[str] = []
        try:
            target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
            attached = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})
            self._session = attached["sessionId"]
            for domain in ("Runtime", "Log", "Page"):
                self._call(f"{domain}.enable")
            self._call("Page.navigate", {"url": page.resolve().as_uri()})
            self._wait_for("Page.loadEventFired")
        except BaseException:
            self.close()
            raise

    def _send(self, method: str, params: dict[str, Any] | None) -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if self._session:
            message["sessionId"] = self._session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        return self._next_id

    def _receive(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._results, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        params = message.get("params", {})
        method = message.get("method")
        if method == "Runtime.consoleAPICalled":
            self.messages.append(" ".join(str(a.get("value")) for a in params.get("args", [])))
        elif method == "Log.entryAdded":
            self.messages.append(params["entry"]["text"])
        elif method == "Runtime.exceptionThrown":
            self.messages.append(params["exceptionDetails"]["text"])
        return message

    def _call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        sent = self._send(method, params)
        while True:
            message = self._receive()
            if message.get("id") == sent:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message["result"]
                return result

    def _wait_for(self, event: str) -> None:
        while self._receive().get("method") != event:
            pass

    def evaluate(self, expression: str) -> Any:
        """The JSON value of a script expression evaluated in the page."""
        result = self._call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"]["text"])
        return result["result"].get("value")

    def close(self) -> None:
        os.killpg(self._process.pid, signal.SIGKILL)
        self._process.wait()
        os.close(self._commands)
        os.close(self._results)
        self._profile.cleanup()

    def __enter__(self) -> DevTools:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


if __name__ == "__main__":
    screenshot(Path(sys.argv[1]), Path(sys.argv[2]))
