"""Load the labelled set into the bench database.

The portal's own importers (`import_achievements` / `import_needs`) are used when present; the
small fallback below only exists so the bench can run on a tree that lacks them.
"""

import json
from decimal import Decimal
from pathlib import Path

from django.core.management import call_command, get_commands
from django.utils import timezone


def load(data: Path) -> str:
    commands = get_commands()
    if "import_achievements" in commands and "import_needs" in commands:
        # A labelled set on an empty database: publish at once, and vouch for its organizations.
        flags = {"no_progress": True, "publish": True, "create_organizations": True}
        flags["operator"] = "bench/matching_quality"
        call_command("import_achievements", str(data / "achievements.jsonl"), **flags)
        call_command("import_needs", str(data / "needs.jsonl"), **flags)
        return "importers"
    _fallback(data)
    return "bench loader"


def _org(name, kind):
    from accounts.models import Organization

    return Organization.objects.get_or_create(name=name, defaults={"kind": kind})[0]


def _fallback(data: Path) -> None:
    from core.models import Industry
    from marketplace.models import Achievement, Need, Status

    industries = {i.code: i for i in Industry.objects.all()}
    now = timezone.now()
    for line in (data / "achievements.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        price = row.get("asking_price_cny")
        Achievement.objects.update_or_create(
            external_id=row["external_id"],
            defaults=dict(
                title=row["title"],
                summary=row["summary"],
                keywords=row.get("keywords") or [],
                industry=industries[row["industry"]],
                organization=_org(row["owner_org"], row.get("owner_type") or "enterprise"),
                patent_type=row.get("patent_type") or "none",
                patent_number=row.get("patent_number") or "",
                maturity=row.get("maturity") or "lab",
                transfer_modes=row.get("transfer_modes") or [],
                asking_price_cny=Decimal(str(price)) if price is not None else None,
                status=Status.PUBLISHED,
                published_at=now,
            ),
        )
    for line in (data / "needs.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        budget = row.get("budget_cny")
        Need.objects.update_or_create(
            external_id=row["external_id"],
            defaults=dict(
                title=row["title"],
                description=row["description"],
                keywords=row.get("keywords") or [],
                industry=industries[row["industry"]],
                organization=_org(row["org"], "enterprise"),
                # kind and bounty_cny are a 揭榜挂帅榜单's, which matching does not read.
                budget_max_cny=Decimal(str(budget)) if budget is not None else None,
                deadline=row.get("deadline"),
                status=Status.PUBLISHED,
                published_at=now,
            ),
        )
