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
from playwright.sync_api import BrowserContext, Page, expect, sync_playwright

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
    "job-boards.greenhouse.io": "greenhouse_job_boards.html",
    "jobs.lever.co": "lever.html",
    "careers.northwindrobotics.de": "company.html",
    "jobs.tidewater-energy.co.uk": "company_jsonld.html",
    "www.quillbooks.io": "company_plain.html",
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
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
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
    settings = Settings(
        _env_file=None,
        DATABASE_URL=f"sqlite:///{db}",
        SECRET_KEY="test-secret-" + "x" * 40,
        LOG_LEVEL="WARNING",
    )
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
    context: BrowserContext
    extension_id: str

    def extension_page(self, name: str) -> Page:
        page = self.context.new_page()
        page.goto(f"chrome-extension://{self.extension_id}/{name}")
        return page

    def open(self, url: str) -> Page:
        page = self.context.new_page()
        page.goto(url)
        return page

    def tab_id(self, url: str) -> int:
        page = self.extension_page("options.html")
        tab_id = page.evaluate(
            "async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id", url
        )
        page.close()
        assert tab_id is not None, f"no tab shows {url}"
        return tab_id


@pytest.fixture(scope="module")
def browser(pages_port: int, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
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
        worker = (
            context.service_workers[0] if context.service_workers else context.wait_for_event("serviceworker")
        )
        yield Browser(context=context, extension_id=worker.url.split("/")[2])
        context.close()


# ---- what the extension reads from each kind of page ----

EXTRACT = (EXTENSION / "content" / "extract.js").read_text()


@dataclass
class Expected:
    url: str
    source: str
    job_url: str
    role_title: str
    company_name: str
    location: str | None
    jd_has: tuple[str, ...]  # first and last lines of the posting, so a truncated JD fails
    jd_lacks: tuple[str, ...]  # page furniture around the posting


PAGES_EXPECTED = [
    Expected(
        LINKEDIN_JOB,
        "linkedin",
        "https://www.linkedin.com/jobs/view/4012345678/",
        "Senior Machine Learning Engineer",
        "Helix Health",
        "Bengaluru, Karnataka, India",
        (
            "Helix Health builds clinical decision support",
            "Experience with AWS (SageMaker, S3, Lambda)",
            "a yearly learning budget.",
        ),
        ("People also viewed", "Easy Apply", "Over 100 applicants", "Privacy & Terms"),
    ),
    Expected(
        "https://www.indeed.com/viewjob?jk=7c1d2e3f4a5b6c7d&from=serp&vjs=3",
        "indeed",
        "https://www.indeed.com/viewjob?jk=7c1d2e3f4a5b6c7d",
        "Senior Data Engineer",
        "Globex Logistics",
        "Austin, TX 78701",
        ("Globex moves 40,000 freight shipments a day", "Snowflake with dbt", "paid time off."),
        ("job post", "Apply now", "Company reviews", "Hiring Lab"),
    ),
    Expected(
        "https://www.naukri.com/job-listings-backend-developer-java-infosys-bengaluru-4-to-8-years-031126500123",
        "naukri",
        "https://www.naukri.com/job-listings-backend-developer-java-infosys-bengaluru-4-to-8-years-031126500123",
        "Backend Developer - Java",
        "Infosys",
        "Bengaluru, Pune",
        (
            "Roles and Responsibilities",
            "microservices in Java 17 and Spring Boot",
            "notice period up to 30 days",
        ),
        ("Reviews", "Jobs you might be interested in", "Tech Mahindra", "Info Edge"),
    ),
    Expected(
        "https://boards.greenhouse.io/acmecloud/jobs/4455667",
        "greenhouse",
        "https://boards.greenhouse.io/acmecloud/jobs/4455667",
        "Staff Software Engineer, Payments",
        "Acme Cloud",
        "Remote - US",
        (
            "Acme Cloud runs billing for 30,000 software companies",
            "double-entry ledger in Go",
            "$210,000 to $260,000",
        ),
        ("Apply for this Job", "First Name", "Submit Application", "Powered by"),
    ),
    Expected(
        "https://job-boards.greenhouse.io/brightwave-health/jobs/5123456?gh_src=linkedin",
        "greenhouse",
        "https://job-boards.greenhouse.io/brightwave-health/jobs/5123456",
        "Senior Frontend Engineer",
        "Brightwave Health",
        "New York, NY or Remote (US)",
        ("Who we are", "400,000 patients a month", "Salary range: $165,000 to $190,000"),
        ("Apply for this job", "First Name", "Powered by Greenhouse"),
    ),
    Expected(
        "https://jobs.lever.co/northstar-maps/6b1f0c2e-4a7d-4f0e-9a51-2f3d8c9e7b10?lever-origin=applied&lever-source%5B%5D=LinkedIn",
        "lever",
        "https://jobs.lever.co/northstar-maps/6b1f0c2e-4a7d-4f0e-9a51-2f3d8c9e7b10",
        "Senior Backend Engineer, Routing",
        "Northstar Maps",
        "Toronto, Canada",
        ("powers turn-by-turn navigation", "What you bring", "Dijkstra variants", "CA$165,000 to CA$195,000"),
        ("Apply for this job", "Jobs powered by Lever", "Full-time /"),
    ),
    Expected(
        "https://careers.northwindrobotics.de/jobs/senior-product-designer#apply",
        "company",
        "https://careers.northwindrobotics.de/jobs/senior-product-designer",
        "Senior Product Designer",
        "Northwind Robotics",
        "Berlin, Germany (hybrid)",
        ("autonomous picking arms for mid-sized warehouses", "design system in Figma", "German is a plus."),
        ("We use cookies", "Amtsgericht", "Send your CV", "About us\nProducts"),
    ),
    Expected(
        "https://jobs.tidewater-energy.co.uk/roles/sre-aberdeen",
        "company",
        "https://jobs.tidewater-energy.co.uk/roles/sre-aberdeen",
        "Site Reliability Engineer",
        "Tidewater Energy",
        "Aberdeen, Scotland, GB",
        ("operates 1.2 GW of offshore wind", "• Run Kubernetes clusters", "Prometheus and Grafana."),
        ("<p>", "<li>", "Loading"),
    ),
    Expected(
        "https://www.quillbooks.io/jobs/backend-engineer-python",
        "company",
        "https://www.quillbooks.io/jobs/backend-engineer-python",
        "Backend Engineer (Python)",
        "Quillbooks",
        None,
        ("accounting software for 15,000 freelancers", "Salary EUR 70,000 to 85,000."),
        ("Pricing", "Share this job"),
    ),
]


@pytest.mark.parametrize("expected", PAGES_EXPECTED, ids=lambda e: e.url.split("/")[2])
def test_extraction_reads_the_posting_on_each_kind_of_job_page(browser: Browser, expected: Expected) -> None:
    page = browser.open(expected.url)
    job = page.evaluate(EXTRACT)
    page.close()

    assert job["source"] == expected.source
    assert job["job_url"] == expected.job_url
    assert (job["role_title"], job["company_name"], job["location"]) == (
        expected.role_title,
        expected.company_name,
        expected.location,
    )
    for text in expected.jd_has:
        assert text in job["jd_text"]
    for text in expected.jd_lacks:
        assert text not in job["jd_text"]


# ---- saving through the popup ----


def configure(browser: Browser, server_url: str, token: str) -> None:
    page = browser.extension_page("options.html")
    page.fill("#server-url", server_url)
    page.fill("#token", token)
    page.click("#save")
    expect(page.locator("#status")).to_have_text("Settings saved.")
    page.close()


def save_from(browser: Browser, url: str) -> Page:
    """Opens the job page, then presses "Save this job" in the popup aimed at that tab."""
    job_page = browser.open(url)
    popup = browser.extension_page(f"popup.html?tab={browser.tab_id(job_page.url)}")
    popup.click("#save")
    popup.wait_for_selector("#status:is([data-state=saved], [data-state=updated], [data-state=error])")
    job_page.close()
    return popup


def test_saving_a_linkedin_job_puts_it_in_the_candidates_jobs(
    browser: Browser, companion: str, candidate: Candidate
) -> None:
    configure(browser, companion, candidate.token)

    popup = save_from(browser, LINKEDIN_JOB)

    assert popup.text_content("#status") == "Saved"
    assert popup.text_content("#job") == "Senior Machine Learning Engineer at Helix Health"
    [job] = candidate.jobs()
    assert job["source"] == "linkedin"
    assert job["role_title"] == "Senior Machine Learning Engineer"
    assert job["company_name"] == "Helix Health"
    assert job["location"] == "Bengaluru, Karnataka, India"
    assert job["job_url"] == "https://www.linkedin.com/jobs/view/4012345678"
    assert job["jd_text"].startswith("About the job\n\nHelix Health builds clinical decision support")
    assert "Mentor two to three engineers" in job["jd_text"]


def test_saving_the_same_job_again_reports_updated_and_keeps_one_job(
    browser: Browser, companion: str, candidate: Candidate
) -> None:
    configure(browser, companion, candidate.token)

    first = save_from(browser, LINKEDIN_JOB)
    # The same posting opened from search results has another URL; it is still the same job.
    again = save_from(browser, LINKEDIN_SEARCH)

    assert first.text_content("#status") == "Saved"
    assert again.text_content("#status") == "Updated"
    assert [job["role_title"] for job in candidate.jobs()] == ["Senior Machine Learning Engineer"]


def test_a_revoked_token_shows_the_servers_error_and_saves_nothing(
    browser: Browser, companion: str, candidate: Candidate
) -> None:
    configure(browser, companion, candidate.token)
    candidate.api.delete(f"/api/auth/extension-tokens/{candidate.token_id}").raise_for_status()

    popup = save_from(browser, LINKEDIN_JOB)

    assert popup.get_attribute("#status", "data-state") == "error"
    assert popup.text_content("#status").startswith("Missing or invalid access token.")
    assert candidate.jobs() == []


def test_an_unreachable_server_is_named_in_the_error(browser: Browser, candidate: Candidate) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        server_url = f"http://127.0.0.1:{closed.getsockname()[1]}"
    configure(browser, server_url, candidate.token)

    popup = save_from(browser, LINKEDIN_JOB)

    assert popup.get_attribute("#status", "data-state") == "error"
    assert f"Could not reach Interview Coach at {server_url}" in popup.text_content("#status")


def test_connection_check_accepts_the_token_and_rejects_a_wrong_one(
    browser: Browser, companion: str, candidate: Candidate
) -> None:
    page = browser.extension_page("options.html")
    page.fill("#server-url", companion)
    page.fill("#token", "icx_not-a-real-token")
    page.click("#test")
    expect(page.locator("#status[data-state=error]")).to_contain_text("Missing or invalid access token.")

    page.fill("#token", candidate.token)
    page.click("#test")
    expect(page.locator("#status[data-state=ok]")).to_have_text("Connected: the server accepted this token.")
    assert candidate.jobs() == []
