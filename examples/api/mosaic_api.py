"""The few lines every script needs to call a running Mosaic service (`mosaic serve`, or the desktop app): where it is
and its token, found as the `mosaic` command finds them, and a POST that turns an error answer into SystemExit with the
API's code. Standard library only; import it from a script beside it (`from mosaic_api import post`).
"""
import json
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path


def data_folder() -> Path:
    """MOSAIC_HOME, or the data folder the app uses on this system."""
    if os.environ.get("MOSAIC_HOME"):
        return Path(os.environ["MOSAIC_HOME"])
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / "Mosaic Studio"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Mosaic Studio"
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "mosaic-studio"


def service_url() -> str:
    """MOSAIC_URL; else the service the data folder's service.json names while its process runs; else the default."""
    if os.environ.get("MOSAIC_URL"):
        return os.environ["MOSAIC_URL"].rstrip("/")
    try:
        record = json.loads((data_folder() / "service.json").read_text())
        if sys.platform != "win32":  # signal 0 tests a process on POSIX; on Windows os.kill would end it
            os.kill(record["pid"], 0)
        return record["url"]
    except (OSError, ValueError, KeyError, TypeError):
        return "http://127.0.0.1:7523"


BASE_URL = service_url()


def api_token() -> str:
    """MOSAIC_API_TOKEN, or the token file in the data folder."""
    return os.environ.get("MOSAIC_API_TOKEN") or (data_folder() / "api-token").read_text().strip()


def post(route: str, body: dict) -> dict:
    """POST /v1/<route> with a JSON body; the answer's JSON, or SystemExit with the API's error code and message."""
    request = urllib.request.Request(
        f"{BASE_URL}/v1/{route}", data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": f"Bearer {api_token()}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        answer = json.load(error).get("error", {})
        raise SystemExit(f"{answer.get('code', error.code)}: {answer.get('message', 'failed')}")
    except urllib.error.URLError as error:
        raise SystemExit(f"No Mosaic service answers at {BASE_URL} (start one with `mosaic serve`): {error.reason}")
