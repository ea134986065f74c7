"""Matching speed on synthetic data: index throughput and match latency.

    .venv/bin/python bench/matching_speed/run.py [--achievements 100000] [--needs 10000]
                                                 [--queries 1000] [--small]

Generates listings in an isolated database (linyi_bench_speed) and index prefix (bench_speed),
bulk-indexes them through the real pipeline (document building with jieba segmentation included)
and times: index throughput (docs/s), match latency p50/p95/p99 through the API code path
(search.matching.match_need, reasons included), and the bare Elasticsearch query for the same
needs. Prints figures only; nothing here asserts a time.
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.common import isolate  # noqa: E402

# Vocabulary to compose plausible listings from; the words come from the industries, and the
# generator mixes them so every listing is different.
SUBJECTS = [
    "人造板",
    "胶黏剂",
    "数控机床",
    "伺服电机",
    "视觉检测",
    "冷链物流",
    "预冷装置",
    "有机肥",
    "减水剂",
    "混凝土",
    "焊接机器人",
    "热处理",
    "涂层",
    "污水处理",
    "余热回收",
    "光伏",
    "储能",
    "锂电池",
    "中药提取",
    "发酵工艺",
    "速冻食品",
    "纺纱",
    "印染废水",
    "无纺布",
    "仓储管理系统",
    "路径规划",
    "铸造",
    "粉末冶金",
    "不锈钢",
    "耐火材料",
    "保温材料",
    "生物农药",
    "育种",
]
QUALITIES = [
    "低成本",
    "高效",
    "节能",
    "环保",
    "无醛",
    "高强度",
    "耐腐蚀",
    "智能",
    "在线",
    "连续式",
    "自动化",
    "低温",
    "快速",
    "模块化",
    "长寿命",
]
PROBLEMS = [
    "成本太高",
    "合格率低",
    "能耗大",
    "效率低",
    "招工难",
    "环保不达标",
    "返工多",
    "损耗大",
    "设备老化",
    "质量不稳定",
    "气味大",
    "客户投诉",
]
INDUSTRIES = [
    "wood_furniture",
    "food",
    "machinery",
    "metallurgy_materials",
    "chemicals",
    "agriculture",
    "pharma_health",
    "building_materials",
    "energy_environment",
    "digital",
    "textiles",
    "logistics",
]


def achievement_text(rng):
    a, b = rng.sample(SUBJECTS, 2)
    q1, q2 = rng.sample(QUALITIES, 2)
    title = f"{q1}{a}及其{b}{rng.choice(['方法', '装置', '系统', '工艺'])}"
    summary = (
        f"本成果针对{a}领域{rng.choice(PROBLEMS)}的问题，提出一种{q2}{b}技术，"
        f"经中试验证，{rng.choice(PROBLEMS)}问题明显改善，适用于{rng.choice(SUBJECTS)}生产企业。"
    )
    return title, summary, [a, b, q1]


def need_text(rng):
    a = rng.choice(SUBJECTS)
    p1, p2 = rng.sample(PROBLEMS, 2)
    title = f"{a}{p1}，求{rng.choice(QUALITIES)}方案"
    description = (
        f"我们厂做{a}，现在{p1}，{p2}。希望找到{rng.choice(QUALITIES)}的{rng.choice(SUBJECTS)}"
        f"技术，能用现有设备，投资不要太大。"
    )
    return title, description


def generate(n_achievements, n_needs, seed=7):
    from decimal import Decimal

    from django.utils import timezone

    from accounts.models import Organization
    from core.models import Industry
    from marketplace.models import Achievement, Need, Status

    rng = random.Random(seed)
    industries = list(Industry.objects.filter(code__in=INDUSTRIES))
    orgs = [
        Organization.objects.get_or_create(
            name=f"基准测试机构{i}", defaults={"kind": rng.choice(["university", "enterprise"])}
        )[0]
        for i in range(50)
    ]
    now = timezone.now()
    batch = []
    for i in range(n_achievements):
        title, summary, keywords = achievement_text(rng)
        batch.append(
            Achievement(
                external_id=f"SA-{i}",
                title=title,
                summary=summary,
                keywords=keywords,
                industry=rng.choice(industries),
                organization=rng.choice(orgs),
                maturity=rng.choice(["lab", "pilot", "small_batch", "industrialized"]),
                transfer_modes=rng.sample(["transfer", "license", "equity"], 2),
                asking_price_cny=Decimal(rng.randrange(50, 5000) * 1000),
                status=Status.PUBLISHED,
                published_at=now,
            )
        )
        if len(batch) == 2000:
            Achievement.objects.bulk_create(batch)
            batch = []
    Achievement.objects.bulk_create(batch)
    needs = []
    for i in range(n_needs):
        title, description = need_text(rng)
        needs.append(
            Need(
                external_id=f"SN-{i}",
                title=title,
                description=description,
                industry=rng.choice(industries),
                organization=rng.choice(orgs),
                budget_max_cny=Decimal(rng.randrange(100, 3000) * 1000),
                status=Status.PUBLISHED,
                published_at=now,
            )
        )
    Need.objects.bulk_create(needs, batch_size=2000)


def percentiles(samples_ms):
    ordered = sorted(samples_ms)

    def pick(p):
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    return pick(50), pick(95), pick(99)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--achievements", type=int, default=100_000)
    parser.add_argument("--needs", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--small", action="store_true", help="5,000 / 1,000 / 200 for a quick run")
    args = parser.parse_args(argv)
    if args.small:
        args.achievements, args.needs, args.queries = 5000, 1000, 200

    isolate("speed")
    from search.client import get_client
    from search.matching import engine, match_need
    from search.rebuild import rebuild_all

    started = time.perf_counter()
    generate(args.achievements, args.needs)
    print(
        f"generated {args.achievements} achievements, {args.needs} needs "
        f"in {time.perf_counter() - started:.1f}s"
    )

    started = time.perf_counter()
    rebuild_all(progress=True)
    elapsed = time.perf_counter() - started
    total = args.achievements + args.needs
    print(
        f"indexing: {total} docs in {elapsed:.1f}s = {total / elapsed:,.0f} docs/s "
        f"(database read + jieba segmentation + bulk, end to end)"
    )

    from marketplace.models import Need

    needs = list(
        Need.objects.select_related("industry", "organization").order_by("pk")[: args.queries]
    )
    for need in needs[:20]:  # warm caches (jieba dictionary, ES query cache) before timing
        match_need(need)
    api_ms, bare_ms, forward_ms = [], [], []
    client = get_client()
    for need in needs:
        t0 = time.perf_counter()
        match_need(need, limit=10)
        api_ms.append((time.perf_counter() - t0) * 1000)
    for need in needs:
        # The same request match_need sends (candidates + peers), and its forward half alone.
        searches = engine.match_searches(
            need, engine.listing_profile(need), ["achievements"], engine.CANDIDATES
        )
        t0 = time.perf_counter()
        client.msearch(searches=searches)
        bare_ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        client.search(index=searches[0]["index"], **searches[1])
        forward_ms.append((time.perf_counter() - t0) * 1000)
    print(f"match latency over {len(needs)} needs, {args.achievements} achievements indexed:")
    for label, values in [
        ("API code path (match_need, with reasons)", api_ms),
        ("bare Elasticsearch request (same msearch)", bare_ms),
        ("bare forward query alone", forward_ms),
    ]:
        p50, p95, p99 = percentiles(values)
        print(f"  {label:42} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  p99 {p99:6.1f} ms")
    (a50, a95, _), (b50, b95, _) = percentiles(api_ms), percentiles(bare_ms)
    (f50, f95, _) = percentiles(forward_ms)
    print(f"  overhead vs the same request (p50 / p95)   {a50 / b50:.2f}x / {a95 / b95:.2f}x")
    print(f"  overhead vs the forward query (p50 / p95)  {a50 / f50:.2f}x / {a95 / f95:.2f}x")


if __name__ == "__main__":
    main()
