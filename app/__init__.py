"""The Satja application factory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from app.config import Config, config_from_environment
from app.extensions import babel, csrf, db, limiter, login_manager, migrate

MIGRATIONS_DIR = str(Path(__file__).resolve().parent.parent / "migrations")


def create_app(config_class: type[Config] | None = None, **config_args: Any) -> Flask:
    """Create and configure a Satja app."""
    app = Flask(__name__, instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    config_class = config_class or config_from_environment()
    app.config.from_object(config_class(app.instance_path, **config_args))
    app.json.ensure_ascii = False  # Thai stays readable in JSON answers
    register_proxy_fix(app)
    register_extensions(app)
    register_blueprints(app)
    register_hooks(app)
    register_cli(app)
    return app


def register_proxy_fix(app: Flask) -> None:
    """Trust the reverse proxy's X-Forwarded-* headers when SATJA_PROXY_FIX says so."""
    settings = app.config.get("SATJA_PROXY_FIX")
    if settings:
        app.wsgi_app = ProxyFix(app.wsgi_app, **settings)


def register_extensions(app: Flask) -> None:
    """Bind every extension to the app."""
    from app import i18n, models, search, transactions  # noqa: F401  (models: the tables)
    from app.auth.session import load_user
    from app.search import schema as search_schema
    from app.services.notifications import mail as notification_mail

    db.init_app(app)
    transactions.install(app)
    migrate.init_app(
        app,
        db,
        directory=MIGRATIONS_DIR,
        render_as_batch=True,
        compare_type=True,
        include_name=search_schema.include_name,
    )
    search.install()
    notification_mail.install()
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "auth.login"
    login_manager.login_message = i18n.LOGIN_MESSAGE
    login_manager.session_protection = "strong"


class IdConverter(IntegerConverter):
    """A database id in a URL: a positive integer that fits the id columns, else 404."""

    def __init__(self, url_map) -> None:
        super().__init__(url_map, min=1, max=2**31 - 1)


def register_blueprints(app: Flask) -> None:
    """Register the web, admin and API blueprints."""
    app.url_map.converters["id"] = IdConverter
    from app.admin import bp as admin_bp
    from app.api import bp as api_bp
    from app.articles import bp as articles_bp
    from app.auth import bp as auth_bp
    from app.claims import bp as claims_bp
    from app.main import bp as main_bp
    from app.notifications import bp as notifications_bp
    from app.public import bp as public_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(articles_bp)
    app.register_blueprint(claims_bp)
    app.register_blueprint(public_bp)
    app.register_blueprint(notifications_bp)
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(api_bp, url_prefix="/api/v1")
    csrf.exempt(api_bp)
    from app.claims.matches import match_reasons
    from app.web import list_args

    app.add_template_global(list_args)
    app.add_template_global(match_reasons)


def register_hooks(app: Flask) -> None:
    """Register error pages, security headers and template helpers."""
    from app import i18n, inputs, labels, logs, security
    from app.errors import register_error_handlers

    logs.install()
    register_error_handlers(app)
    inputs.register(app)
    security.register(app)
    i18n.register_template_helpers(app)
    labels.register(app)


def register_cli(app: Flask) -> None:
    """Add Satja's `flask` commands."""
    from app.cli import register_commands

    register_commands(app)
