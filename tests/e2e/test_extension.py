"""The Chrome extension saves job postings to a running companion, driven in real headless Chromium.

Job pages are local fixtures served over HTTPS under the real job-board host names (Chromium's host
resolver maps them to a local server), so the extension sees linkedin.com-shaped URLs. The popup is
opened as a tab, popup.html?tab=<id>, naming the job tab it saves, because a toolbar popup cannot be
clicked in headless mode; it then works exactly as it does from the toolbar.
"""

from __future__ import annotations

import datetime
import http.server
import ipaddress
import shutil
import socket
import ssl
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from api.main import create_app
from coach.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
PAGES = ROOT / "tests" / "fixtures" / "job_pages"
CHROMIUM = Path("/usr/bin/chromium")

# Host name -> fixture page; any path on that host serves the page.
SITES = {
    "www.linkedin.com": "linkedin.html",
    "www.indeed.com": "indeed.html",
    "www.naukri.com": "naukri.html",
    "boards.greenhouse.io": "greenhouse.html",
    "jobs.lever.co": "lever.html",
    "careers.northwindrobotics.de": "company.html",
}
LINKEDIN_JOB = "https://www.linkedin.com/jobs/view/4012345678/?refId=abc&trk=public_jobs_topcard-title"
LINKEDIN_SEARCH = "https://www.linkedin.com/jobs/search/?currentJobId=4012345678&keywords=machine%20learning"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian Chromium at /usr/bin/chromium"),
]


# ---- local HTTPS server for the job pages ----


def _certificate(directory: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "job pages")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName(host) for host in SITES] + [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


class JobPageHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        page = SITES.get((self.headers.get("Host") or "").split(":")[0])
        if page is None:
            self.send_error(404)
            return
        body = (PAGES / page).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def pages_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    cert, key = _certificate(tmp_path_factory.mktemp("tls"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), JobPageHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()


# ---- the companion, served for real ----


@pytest.fixture(scope="module")
def companion(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[str]:
    db = tmp_path_factory.mktemp("companion") / "coach.db"
    shutil.copy(sqlite_template, db)
    settings = Settings(_env_file=None, DATABASE_URL=f"sqlite:///{db}", SECRET_KEY="test-secret-" + "x" * 40)
    app = create_app(settings)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the companion did not start"
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
    app.state.engine.dispose()


@dataclass
class Candidate:
    api: httpx.Client  # signed in as the candidate
    token: str
    token_id: str

    def jobs(self) -> list[dict]:
        response = self.api.get("/api/jobs")
        response.raise_for_status()
        return response.json()["items"]


@pytest.fixture
def candidate(companion: str) -> Iterator[Candidate]:
    with httpx.Client(base_url=companion, timeout=10) as api:
        email = f"candidate-{uuid.uuid4().hex[:8]}@example.com"
        signup = api.post("/api/auth/signup", json={"email": email, "password": "correct horse battery"})
        signup.raise_for_status()
        api.headers["Authorization"] = f"Bearer {signup.json()['access_token']}"
        created = api.post("/api/auth/extension-tokens", json={"name": "Chromium"})
        created.raise_for_status()
        yield Candidate(api=api, token=created.json()["token"], token_id=created.json()["id"])


# ---- Chromium with the unpacked extension ----


@dataclass
class Browser:
    context: object  # playwright BrowserContext
    extension_id: str

    def extension_page(self, name: str):  # noqa: ANN201 (playwright Page)
        page = self.context.new_page()
        page.goto(f"chrome-extension://{self.extension_id}/{name}")
        return page


@pytest.fixture(scope="module")
def browser(pages_port: int, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    rules = ", ".join(f"MAP {host} 127.0.0.1:{pages_port}" for host in SITES)
    args = [
        "--headless=new",
        f"--load-extension={EXTENSION}",
        f"--disable-extensions-except={EXTENSION}",
        f"--host-resolver-rules={rules}",
        "--ignore-certificate-errors",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")), executable_path=str(CHROMIUM), headless=True, args=args
        )
        worker = context.service_workers[0] if context.service_workers else context.wait_for_event("serviceworker")
        yield Browser(context=context, extension_id=worker.url.split("/")[2])
        context.close()


EXTRACT = (EXTENSION / "content" / "extract.js").read_text()


def test_debug_dump(browser: Browser) -> None:
    import json
    page = browser.context.new_page()
    for host in SITES:
        page.goto(f"https://{host}/jobs/view/4012345678/?trk=x")
        print(json.dumps(page.evaluate(EXTRACT), indent=1))
