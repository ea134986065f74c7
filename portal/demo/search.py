"""Demo content of the search app: saved searches (我的订阅) and match feedback for staff to
read. It lives here because it reads the marketplace demo's listings.

Idempotent: rows are keyed on (user, name) and on the (need, achievement, user) pair.
"""

from marketplace.models import Achievement, Need
from search.models import MatchFeedback, SavedSearch

SAVED_SEARCHES = [
    # user email, name, query, filters, frequency
    (
        "zhang.board@demo.linyi",
        "无醛胶黏剂新成果",
        "无醛胶黏剂",
        {"kind": ["achievements"], "industry": ["wood_furniture"]},
        SavedSearch.Frequency.WEEKLY,
    ),
    (
        "zhang.board@demo.linyi",
        "板材视觉检测",
        "视觉检测",
        {},
        SavedSearch.Frequency.DAILY,
    ),
    (
        "liu.food@demo.linyi",
        "预制菜杀菌与保鲜",
        "杀菌 货架期",
        {"industry": ["food"]},
        SavedSearch.Frequency.DAILY,
    ),
    (
        "prof.wang@demo.linyi",
        "企业的板材技术需求",
        "",
        {"kind": ["needs", "challenges"], "industry": ["wood_furniture"]},
        SavedSearch.Frequency.WEEKLY,
    ),
]

FEEDBACK = [
    # user email, need, achievement, verdict, reason, note
    ("zhang.board@demo.linyi", "DEMO-N01", "DEMO-A01", "relevant", "", ""),
    (
        "zhang.board@demo.linyi",
        "DEMO-N01",
        "DEMO-A02",
        "not_relevant",
        "wrong_field",
        "我们要解决的是胶里的甲醛，不是表面涂装。",
    ),
    (
        "liu.food@demo.linyi",
        "DEMO-N02",
        "DEMO-A04",
        "not_relevant",
        "other",
        "金银花提取和预制菜杀菌不是一回事，只是都提到了低温。",
    ),
    ("liu.food@demo.linyi", "DEMO-N02", "DEMO-A03", "relevant", "", ""),
]


def load(stdout=None) -> None:
    from accounts.models import User

    users = {u.email: u for u in User.objects.filter(email__endswith="@demo.linyi")}
    saved = 0
    for email, name, query, filters, frequency in SAVED_SEARCHES:
        if email in users:
            SavedSearch.objects.update_or_create(
                user=users[email],
                name=name,
                defaults={"query": query, "filters": filters, "frequency": frequency},
            )
            saved += 1
    needs = {n.external_id: n for n in Need.objects.filter(external_id__startswith="DEMO-")}
    achievements = {
        a.external_id: a for a in Achievement.objects.filter(external_id__startswith="DEMO-")
    }
    judged = 0
    for email, need_id, achievement_id, verdict, reason, note in FEEDBACK:
        need, achievement = needs.get(need_id), achievements.get(achievement_id)
        if email not in users or need is None or achievement is None:
            continue
        MatchFeedback.objects.update_or_create(
            need=need,
            achievement=achievement,
            user=users[email],
            defaults={
                "organization": need.organization,
                "verdict": verdict,
                "reason": reason,
                "note": note,
            },
        )
        judged += 1
    if stdout:
        stdout.write(f"Demo search: {saved} saved searches, {judged} match feedback entries")
