"""Configuration classes; each reads the environment when it is instantiated."""

from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path

SMTP_SCHEMES = ("smtp://", "smtp+starttls://", "smtps://")


class ConfigError(RuntimeError):
    """Raised when the environment does not give a setting the app needs."""


def _dev_secret_key(instance_path: str) -> str:
    """Return the development secret key, generating and keeping it in instance/ once."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key


def remember_days(env: Mapping[str, str]) -> int:
    """Return how many days a "keep me signed in" cookie lasts (SATJA_REMEMBER_DAYS, 1-365)."""
    value = env.get("SATJA_REMEMBER_DAYS", "14").strip()
    if not (value.isdigit() and 1 <= int(value) <= 365):
        raise ConfigError("SATJA_REMEMBER_DAYS must be a whole number of days from 1 to 365")
    return int(value)


def _whole(env: Mapping[str, str], name: str, default: int, top: int) -> int:
    value = env.get(name, str(default)).strip()
    if not (value.isdigit() and int(value) <= top):
        raise ConfigError(f"{name} must be a whole number from 0 to {top}")
    return int(value)


def engine_options(url: str, env: Mapping[str, str]) -> dict[str, object]:
    """Return the database engine's settings: a connection checked before use; on PostgreSQL a
    pool per process (SATJA_DB_POOL_SIZE, SATJA_DB_MAX_OVERFLOW) and a statement timeout
    (SATJA_DB_STATEMENT_TIMEOUT_MS, 0 for none) so one runaway query cannot hold a connection."""
    options: dict[str, object] = {"pool_pre_ping": True}
    if url.startswith("postgresql"):
        options["pool_size"] = _whole(env, "SATJA_DB_POOL_SIZE", 5, 100)
        options["max_overflow"] = _whole(env, "SATJA_DB_MAX_OVERFLOW", 5, 100)
        options["pool_recycle"] = 1800  # behind a proxy or a firewall that drops idle ones
        timeout = _whole(env, "SATJA_DB_STATEMENT_TIMEOUT_MS", 30_000, 3_600_000)
        if timeout and "options=" not in url:  # a URL's own options (search_path…) win
            options["connect_args"] = {"options": f"-c statement_timeout={timeout}"}
    return options


def job_retries(value: str) -> tuple[int, ...]:
    """Parse SATJA_JOB_RETRIES: seconds before each retry, comma-separated ("" for none)."""
    parts = [part.strip() for part in value.split(",") if part.strip()]
    if not all(part.isdigit() and int(part) <= 86400 for part in parts) or len(parts) > 10:
        raise ConfigError(
            "SATJA_JOB_RETRIES must be up to 10 comma-separated waits in seconds, like 10,60,300"
        )
    return tuple(int(part) for part in parts)


PROXY_FIX_KEYS = ("x_for", "x_proto", "x_host", "x_port", "x_prefix")


def proxy_fix_settings(value: str) -> dict[str, int] | None:
    """Parse SATJA_PROXY_FIX: empty or 0 (off), 1 (one proxy: x_for=1,x_proto=1), or key=n pairs."""
    value = value.strip()
    if value in ("", "0"):
        return None
    if value == "1":
        return {"x_for": 1, "x_proto": 1}
    settings = {}
    for pair in value.split(","):
        key, _, count = pair.strip().partition("=")
        if key not in PROXY_FIX_KEYS or not (count.isdigit() and int(count) <= 10):
            raise ConfigError(
                "SATJA_PROXY_FIX must be 0, 1 or pairs like x_for=1,x_proto=1 (keys: "
                + ", ".join(PROXY_FIX_KEYS)
                + ")"
            )
        settings[key] = int(count)
    return settings


class Config:
    """Settings shared by every environment."""

    ENV_NAME = "base"
    TESTING = False
    DEBUG = False

    def __init__(self, instance_path: str) -> None:
        env = os.environ
        self.SECRET_KEY = env.get("SECRET_KEY") or self.default_secret_key(instance_path)
        self.SQLALCHEMY_DATABASE_URI = env.get("DATABASE_URL") or self.default_database_url(
            instance_path
        )
        self.REDIS_URL = env.get("REDIS_URL") or None
        self.SATJA_ORG_NAME = env.get("SATJA_ORG_NAME", "Satja")
        # The organisation's own site; empty means the public site (SATJA_PUBLIC_URL).
        self.SATJA_ORG_URL = env.get("SATJA_ORG_URL") or None
        # The address readers reach this Satja at: public pages and ClaimReview URLs use it.
        self.SATJA_PUBLIC_URL = env.get("SATJA_PUBLIC_URL", "http://127.0.0.1:5000")
        # Rate limits are counted where every app process sees them: Redis when there is one.
        self.RATELIMIT_STORAGE_URI = env.get("RATELIMIT_STORAGE_URI") or (
            self.REDIS_URL or "memory://"
        )
        self.LOGIN_RATE_LIMIT = env.get("SATJA_LOGIN_RATE_LIMIT", "10 per minute")
        # Failed sign-ins per e-mail address, whatever address they come from.
        self.LOGIN_ACCOUNT_RATE_LIMIT = env.get(
            "SATJA_LOGIN_ACCOUNT_RATE_LIMIT", "10 per 15 minutes"
        )
        self.REMEMBER_COOKIE_DURATION = timedelta(days=remember_days(env))
        # Behind a reverse proxy: which X-Forwarded-* headers to trust, and through how many hops.
        self.SATJA_PROXY_FIX = proxy_fix_settings(env.get("SATJA_PROXY_FIX", ""))
        self.MAX_CONTENT_LENGTH = int(env.get("SATJA_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.REMEMBER_COOKIE_HTTPONLY = True
        self.REMEMBER_COOKIE_SAMESITE = "Lax"
        self.SESSION_COOKIE_SECURE = self.secure_cookies()
        self.REMEMBER_COOKIE_SECURE = self.SESSION_COOKIE_SECURE
        self.BABEL_DEFAULT_LOCALE = "th"
        self.BABEL_DEFAULT_TIMEZONE = env.get("SATJA_TIMEZONE", "Asia/Bangkok")
        self.SATJA_LANGUAGES = ("th", "en")
        self.WTF_CSRF_TIME_LIMIT = None
        self.SQLALCHEMY_ENGINE_OPTIONS = engine_options(self.SQLALCHEMY_DATABASE_URI, env)
        self.PASSWORD_HASH_PARAMS = self.password_hash_params()
        # Fetching web pages: private addresses only for tests and local development.
        self.SATJA_FETCH_ALLOW_PRIVATE = env.get("SATJA_FETCH_ALLOW_PRIVATE") == "1"
        # What one article may cost: its text (a long report is split into parts), and the
        # claims kept from it (the most check-worthy).
        self.SATJA_MAX_BODY_CHARS = int(env.get("SATJA_MAX_BODY_CHARS", 200_000))
        self.SATJA_MAX_CLAIMS_PER_ARTICLE = int(env.get("SATJA_MAX_CLAIMS_PER_ARTICLE", 500))
        self.SATJA_FETCH_TIMEOUT = float(env.get("SATJA_FETCH_TIMEOUT", 10))
        # The whole fetch (redirects included): a page dripping bytes never outlasts it.
        self.SATJA_FETCH_DEADLINE = float(env.get("SATJA_FETCH_DEADLINE", 60))
        self.SATJA_FETCH_MAX_BYTES = int(env.get("SATJA_FETCH_MAX_BYTES", 5 * 1024 * 1024))
        # How background jobs run: "rq" (Redis workers, the default when REDIS_URL is set),
        # "thread" (in this process, the default otherwise) or "inline" (in the request).
        self.SATJA_JOBS = env.get("SATJA_JOBS") or ("rq" if self.REDIS_URL else "thread")
        if self.SATJA_JOBS not in ("rq", "thread", "inline"):
            raise ConfigError("SATJA_JOBS must be rq, thread or inline")
        if self.SATJA_JOBS == "rq" and not self.REDIS_URL:
            raise ConfigError("SATJA_JOBS=rq needs REDIS_URL")
        self.SATJA_RQ_QUEUE = env.get("SATJA_RQ_QUEUE", "satja")
        # Seconds before each retry of a job that failed for a passing reason or was killed.
        self.SATJA_JOB_RETRIES = job_retries(env.get("SATJA_JOB_RETRIES", "10,60,300"))
        # A running job whose heartbeat is older than this (seconds) is shown as interrupted.
        self.SATJA_JOB_STALE_AFTER = int(env.get("SATJA_JOB_STALE_AFTER", 300))
        # The dashboard's figures are computed in the background when older than this.
        self.SATJA_DASHBOARD_MAX_AGE = int(env.get("SATJA_DASHBOARD_MAX_AGE", 60))
        # A period report with at least this many verdicts is built as a background job.
        self.SATJA_PDF_JOB_MIN_VERDICTS = int(env.get("SATJA_PDF_JOB_MIN_VERDICTS", 200))
        # Claim matching: above AUTO a new candidate is merged into the claim it matches; above
        # SUGGEST the queue and the claim page ask "possibly the same as …". 0 turns it off.
        self.SATJA_MATCHING = env.get("SATJA_MATCHING", "1") != "0"
        self.SATJA_MATCH_SUGGEST = float(env.get("SATJA_MATCH_SUGGEST", 0.40))
        self.SATJA_MATCH_AUTO = float(env.get("SATJA_MATCH_AUTO", 0.85))
        if not 0 < self.SATJA_MATCH_SUGGEST < self.SATJA_MATCH_AUTO <= 1:
            raise ConfigError(
                "SATJA_MATCH_SUGGEST and SATJA_MATCH_AUTO need 0 < suggest < auto <= 1"
            )
        # E-mail notifications: off unless SATJA_SMTP_URL names a server (docs/notifications.md).
        self.SATJA_SMTP_URL = env.get("SATJA_SMTP_URL") or None
        if self.SATJA_SMTP_URL and not self.SATJA_SMTP_URL.startswith(SMTP_SCHEMES):
            raise ConfigError(
                "SATJA_SMTP_URL must start with smtp://, smtp+starttls:// or smtps://"
            )
        self.SATJA_MAIL_FROM = env.get("SATJA_MAIL_FROM", "Satja <satja@localhost>")
        self.SATJA_SMTP_TIMEOUT = float(env.get("SATJA_SMTP_TIMEOUT", 10))
        self.SATJA_REPORTS_DIR = env.get("SATJA_REPORTS_DIR") or str(
            Path(instance_path) / "reports"
        )
        # Period reports built in the background: how many one reader may have under way, and
        # how long a finished PDF is kept.
        self.SATJA_REPORT_JOBS_PER_USER = int(env.get("SATJA_REPORT_JOBS_PER_USER", 3))
        self.SATJA_REPORT_RETENTION_DAYS = int(env.get("SATJA_REPORT_RETENTION_DAYS", 7))
        # Sources' uploaded screenshots and PDFs, kept under their SHA-256. The limit stays
        # below MAX_CONTENT_LENGTH so that a large file gets the form's error, not a bare 413.
        self.SATJA_SOURCE_FILES_DIR = env.get("SATJA_SOURCE_FILES_DIR") or str(
            Path(instance_path) / "source-files"
        )
        self.SATJA_SOURCE_FILE_MAX_BYTES = int(
            env.get("SATJA_SOURCE_FILE_MAX_BYTES", 8 * 1024 * 1024)
        )
        # What an archive keeps of a PDF: its first pages, its first characters.
        self.SATJA_ARCHIVE_PDF_PAGES = int(env.get("SATJA_ARCHIVE_PDF_PAGES", 300))
        self.SATJA_ARCHIVE_MAX_CHARS = int(env.get("SATJA_ARCHIVE_MAX_CHARS", 1_000_000))

    def default_secret_key(self, instance_path: str) -> str:
        """Refuse to run without SECRET_KEY (overridden where a default is safe)."""
        raise ConfigError("SECRET_KEY must be set in the environment outside development")

    def default_database_url(self, instance_path: str) -> str:
        """Return the embedded SQLite database under instance/."""
        return "sqlite:///" + str(Path(instance_path) / "satja.db")

    def secure_cookies(self) -> bool:
        """Send cookies over HTTPS only (overridden for local development)."""
        return True

    def password_hash_params(self) -> dict[str, int]:
        """Return Argon2id parameters (RFC 9106 low-memory profile)."""
        return {"time_cost": 3, "memory_cost": 65536, "parallelism": 4}


class DevelopmentConfig(Config):
    """Local development and the `make run` demo: SQLite, a secret kept in instance/."""

    ENV_NAME = "development"
    DEBUG = False

    def default_secret_key(self, instance_path: str) -> str:
        """Generate the development key once and keep it in instance/."""
        return _dev_secret_key(instance_path)

    def secure_cookies(self) -> bool:
        """Allow cookies over plain HTTP on 127.0.0.1."""
        return False


class ProductionConfig(Config):
    """Production: SECRET_KEY and DATABASE_URL come from the environment."""

    ENV_NAME = "production"


class TestingConfig(DevelopmentConfig):
    """The test suite: a database given by the fixture, cheap password hashing."""

    ENV_NAME = "testing"
    TESTING = True

    def __init__(self, instance_path: str, database_url: str | None = None, **overrides) -> None:
        super().__init__(instance_path)
        if database_url:
            self.SQLALCHEMY_DATABASE_URI = database_url
            self.SQLALCHEMY_ENGINE_OPTIONS = engine_options(database_url, os.environ)
        self.SATJA_JOBS = "inline"  # jobs run where they are started, inside the test
        self.SATJA_DASHBOARD_MAX_AGE = 0  # figures as of the request
        # No Redis unless a test asks for it (REDIS_URL in its overrides).
        self.REDIS_URL = None
        self.RATELIMIT_STORAGE_URI = "memory://"
        # Uploaded evidence goes to a folder of this run, never to instance/.
        self.SATJA_SOURCE_FILES_DIR = tempfile.mkdtemp(prefix="satja-test-source-files-")
        self.SATJA_PUBLIC_URL = "http://localhost"
        # Rate limiting stays on; tests that exercise it lower the limit.
        self.LOGIN_RATE_LIMIT = "1000 per minute"
        self.LOGIN_ACCOUNT_RATE_LIMIT = "1000 per minute"
        self.SATJA_ORG_URL = None  # the public site, whatever the environment says
        for name, value in overrides.items():  # a test's own settings
            setattr(self, name, value)

    def default_secret_key(self, instance_path: str) -> str:
        """Use a fixed key; nothing is written to instance/."""
        return "test-secret-key-not-for-production"

    def password_hash_params(self) -> dict[str, int]:
        """Keep hashing fast in tests; the algorithm is the same."""
        return {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "production": ProductionConfig,
}


def config_from_environment() -> type[Config]:
    """Return the config class named by SATJA_ENV (development by default)."""
    name = os.environ.get("SATJA_ENV", "development")
    try:
        return CONFIGS[name]
    except KeyError:
        raise ConfigError(f"SATJA_ENV must be one of {sorted(CONFIGS)}, not {name!r}") from None
