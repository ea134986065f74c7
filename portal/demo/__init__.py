"""Demo data that spans apps: what no single app's demo.py may load without importing an app
above it (the layers: tests/test_layers.py). `manage.py load_demo` runs it all."""


def demo_challenges() -> list:
    """The 揭榜挂帅 challenges challenges.demo creates, in its order (the demo call lists them)."""
    from challenges import demo as challenges_demo
    from challenges.models import Challenge

    titles = [
        spec["title"] for spec in (challenges_demo.WOOD, challenges_demo.FOOD, challenges_demo.AGRI)
    ]
    found = {c.title: c for c in Challenge.objects.filter(title__in=titles).order_by("pk")}
    return [found[title] for title in titles if title in found]
