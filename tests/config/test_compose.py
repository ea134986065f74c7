"""docker-compose.yml is checked, not run (no Docker engine on these machines)."""

from pathlib import Path

import environ
import yaml

ROOT = Path(__file__).resolve().parents[2]


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_every_service_the_settings_need():
    services = compose()["services"]
    assert {"web", "worker", "postgres", "redis", "elasticsearch"} <= set(services)
    assert "daphne" in services["web"]["command"]
    assert "db_worker" in services["worker"]["command"]
    assert services["scheduler"]["command"] == "python manage.py scheduler"
    assert services["elasticsearch"]["image"].split(":")[-1].startswith("8.19")


def test_every_long_running_service_has_a_health_check():
    services = compose()["services"]
    for name in ("web", "postgres", "redis", "elasticsearch"):
        assert "test" in services[name]["healthcheck"], name


def test_app_services_point_every_setting_at_a_compose_service():
    services = compose()["services"]
    for name in ("web", "worker", "scheduler"):
        env = services[name]["environment"]
        assert env["DJANGO_SETTINGS_MODULE"] == "config.settings.prod"
        db = environ.Env.db_url_config(
            env["DATABASE_URL"].replace("${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}", "x")
        )
        assert db["HOST"] in services
        for key in ("ELASTICSEARCH_URL", "REDIS_URL"):
            host = env[key].split("://", 1)[1].split(":")[0]
            assert host in services, f"{key} points at {host}, which is not a compose service"
        assert set(services[name]["depends_on"]) == {"postgres", "redis", "elasticsearch"}


def test_compose_names_no_registry_host():
    for service in compose()["services"].values():
        image = service.get("image", "")
        assert "." not in image.split("/")[0] or "/" not in image, image
