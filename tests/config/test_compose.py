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
    assert "gunicorn -c config/gunicorn.py config.wsgi:application" in services["web"]["command"]
    assert "daphne" in services["ws"]["command"]
    assert "db_worker" in services["worker"]["command"]
    assert services["scheduler"]["command"] == "python manage.py scheduler"
    assert services["elasticsearch"]["image"].split(":")[-1].startswith("8.19")


def test_every_long_running_service_has_a_health_check():
    services = compose()["services"]
    for name in ("web", "ws", "postgres", "redis", "elasticsearch"):
        assert "test" in services[name]["healthcheck"], name


def test_app_services_point_every_setting_at_a_compose_service():
    services = compose()["services"]
    for name in ("web", "ws", "worker", "scheduler"):
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


def test_nginx_fronts_the_app_with_the_repositorys_config():
    services = compose()["services"]
    nginx = services["nginx"]
    assert "./deploy/nginx.conf:/etc/nginx/templates/default.conf.template:ro" in nginx["volumes"]
    assert "test" in nginx["healthcheck"]
    assert nginx["environment"]["NGINX_UPSTREAM"] == "web:8000"
    assert nginx["environment"]["NGINX_WS_UPSTREAM"] == "ws:8001"
    assert "--proxy-headers" in services["ws"]["command"]
    for name in ("web", "ws"):
        assert "ports" not in services[name], "the app is published only through nginx"


def test_every_name_in_the_nginx_template_comes_from_the_compose_environment():
    import re

    template = (ROOT / "deploy" / "nginx.conf").read_text()
    names = set(re.findall(r"\$\{([A-Z_]+)\}", template))
    assert names == set(compose()["services"]["nginx"]["environment"])


def test_nginx_reads_files_where_the_app_writes_them():
    services = compose()["services"]
    app_env, nginx = services["web"]["environment"], services["nginx"]
    for key in ("STATIC_ROOT", "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"):
        path = nginx["environment"][key]
        assert app_env[key] == path
        app_volume = next(v for v in services["web"]["volumes"] if v.endswith(f":{path}"))
        assert f"{app_volume}:ro" in nginx["volumes"]
    assert app_env["PRIVATE_MEDIA_X_ACCEL"] == "/_private/"
