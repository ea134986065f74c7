import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from .manage_process import run_manage

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    full_env.update(env)
    return run_manage(*args, env=full_env, timeout=120)


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="tech.linyi.example",
        DATABASE_URL="postgres://linyi:secret@db.internal:5432/linyi",
        REDIS_URL="redis://redis.internal:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _manage(
        "check",
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        ALLOWED_HOSTS="tech.linyi.example",
        SECRET_KEY="",
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_the_portal_is_chinese_first_in_shanghai_time():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert [code for code, _ in settings.LANGUAGES] == ["zh-hans", "en"]
    assert settings.TIME_ZONE == "Asia/Shanghai"


def test_tests_use_their_own_index_prefix_and_postgresql():
    assert settings.ELASTICSEARCH_INDEX_PREFIX != "linyi"
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def test_no_migrations_are_missing():
    result = _manage(
        "makemigrations", "--check", "--dry-run", DJANGO_SETTINGS_MODULE="config.settings.test"
    )
    assert result.returncode == 0, result.stdout + result.stderr


PROD_ENV = {
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "tech.linyi.example",
    "DATABASE_URL": "postgres://linyi:secret@db.internal:5432/linyi",
}
SHOW_SETTINGS = "from django.conf import settings; print(settings.SETTINGS_MODULE, settings.DEBUG)"


def _python(code, **env):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    full_env.update(env)
    return subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_wsgi_and_asgi_entry_points_default_to_production_settings():
    for module in ("config.wsgi", "config.asgi"):
        result = _python(f"import {module}; {SHOW_SETTINGS}", **PROD_ENV)
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == ["config.settings.prod", "False"]


def test_the_image_runs_production_settings_but_manage_py_stays_development():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "ENV DJANGO_SETTINGS_MODULE=config.settings.prod" in dockerfile
    result = _manage("shell", "-c", SHOW_SETTINGS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2] == "config.settings.dev"
