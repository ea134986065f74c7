"""Matching speed on synthetic data: index throughput and match latency.

    .venv/bin/python bench/matching_speed/run.py [--achievements 100000] [--needs 10000]
        [--queries 1000] [--runs 3] [--small] [--curve 10000,100000,1000000]
        [--name speed] [--profile]

Generates listings in an isolated database (linyi_bench_<name>) and index prefix
(bench_<name>; name defaults to $BENCH_NAME or "speed"), then, for each of --runs runs,
re-indexes everything through the real pipeline (database read + jieba segmentation + bulk) and
times: index throughput (docs/s), match latency p50/p95/p99 through the API code path
(search.matching.match_need, reasons included), and the same msearch sent bare with the same
client (the two are interleaved need by need, so load on the machine hits both alike). Each run
prints the load average first; the end prints how many runs met each target of issue #19.
--curve runs at each size (needs = a tenth, at most 10,000) and prints size against figures.
--replicate N copies the largest index N times (no segmentation: latency and heap at N times
the size in minutes); with --reuse --runs 0 --copy-from bench_<other> --index-prefix <new> it
copies another bench's indices without disturbing it.
Prints figures only; nothing here asserts a time.
"""

import argparse
import cProfile
import os
import pstats
import random
import sys
import threading
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


BATCH = 20_000  # rows per COPY: memory stays flat however many are generated

# Targets of issue #19 (item 6), printed against each run's figures.
P95_TARGET_MS = 50
OVERHEAD_TARGET = 1.3
INDEX_TARGET = 1000


def organizations(rng):
    from accounts.models import Organization

    return [
        Organization.objects.get_or_create(
            name=f"基准测试机构{i}", defaults={"kind": rng.choice(["university", "enterprise"])}
        )[0].pk
        for i in range(50)
    ]


def generate(achievements: range, needs: range, seed=7):
    """Adds achievements SA-<i> for i in achievements and needs SN-<i> for i in needs, streamed
    to PostgreSQL with COPY in batches (a million rows take minutes, not an hour, and are never
    all in memory)."""
    from decimal import Decimal

    from core.models import Industry
    from marketplace.models import Achievement, Need, Status

    rng = random.Random(f"{seed}-{achievements.start}-{needs.start}")
    industries = list(Industry.objects.filter(code__in=INDUSTRIES).values_list("pk", flat=True))
    orgs = organizations(random.Random(seed))
    common = {"status": Status.PUBLISHED}

    def achievement_rows():
        for i in achievements:
            title, summary, keywords = achievement_text(rng)
            yield common | {
                "external_id": f"SA-{i}",
                "title": title,
                "summary": summary,
                "keywords": keywords,
                "industry_id": rng.choice(industries),
                "organization_id": rng.choice(orgs),
                "maturity": rng.choice(["lab", "pilot", "small_batch", "industrialized"]),
                "transfer_modes": rng.sample(["transfer", "license", "equity"], 2),
                "asking_price_cny": Decimal(rng.randrange(50, 5000) * 1000),
            }

    def need_rows():
        for i in needs:
            title, description = need_text(rng)
            yield common | {
                "external_id": f"SN-{i}",
                "title": title,
                "description": description,
                "industry_id": rng.choice(industries),
                "organization_id": rng.choice(orgs),
                "budget_max_cny": Decimal(rng.randrange(100, 3000) * 1000),
            }

    copy_rows(Achievement, achievement_rows())
    copy_rows(Need, need_rows())
    settle(Achievement, Need)


def settle(*models):
    """VACUUM ANALYZE the tables just filled: otherwise autovacuum gets to them during the first
    run and times itself with the matches (a portal's tables are not all new rows)."""
    from django.db import connection

    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        cursor.execute("CHECKPOINT")


def copy_rows(model, rows):
    """COPY rows (dicts of attname -> value) into model's table; every other column gets the
    model's default, prepared for the database once. Timestamps are now."""
    from django.db import connection, transaction
    from django.utils import timezone

    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    template = model(published_at=now)
    base = [
        f.get_db_prep_save(
            now
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            else getattr(template, f.attname),
            connection,
        )
        for f in fields
    ]
    position = {f.attname: (i, f) for i, f in enumerate(fields)}
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    batch = []

    def flush():
        with transaction.atomic(), connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for values in batch:
                copy.write_row(values)
        batch.clear()

    for row in rows:
        values = base.copy()
        for attname, value in row.items():
            i, f = position[attname]
            values[i] = f.get_db_prep_save(value, connection)
        batch.append(values)
        if len(batch) == BATCH:
            flush()
    if batch:
        flush()


def percentiles(samples_ms):
    ordered = sorted(samples_ms)

    def pick(p):
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    return pick(50), pick(95), pick(99)


def existing(up_to: int) -> tuple[int, int]:
    """(achievements, needs) already generated in a reused database, when no more than wanted;
    otherwise the listings are emptied and generated afresh."""
    from django.db import connection

    from marketplace.models import Achievement, Need

    have = Achievement.objects.count(), Need.objects.count()
    if (
        have[0] <= up_to
        and have[0] == Achievement.objects.filter(external_id__startswith="SA-").count()
    ):
        return have
    with connection.cursor() as cursor:
        for model in (Achievement, Need):
            cursor.execute(f"TRUNCATE {connection.ops.quote_name(model._meta.db_table)} CASCADE")
    return 0, 0


def load_average() -> str:
    """What `uptime` says: the machine's load when a run starts (the figures depend on it)."""
    one, five, fifteen = os.getloadavg()
    return f"load average: {one:.2f}, {five:.2f}, {fifteen:.2f} ({os.cpu_count()} cores)"


class HeapWatch:
    """Samples the Elasticsearch node's heap every half second while a run lasts: the peak, and
    how many old-generation collections the run caused (a heap too small collects constantly)."""

    def __init__(self, client):
        self.client, self.peak, self.stop = client, 0, threading.Event()
        self.max, self.old_before = self._sample()[1:]
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self):
        stats = self.client.nodes.stats(metric="jvm", filter_path="nodes.*.jvm.mem,nodes.*.jvm.gc")
        jvm = next(iter(stats["nodes"].values()))["jvm"]
        old = jvm["gc"]["collectors"]["old"]["collection_count"]
        return jvm["mem"]["heap_used_in_bytes"], jvm["mem"]["heap_max_in_bytes"], old

    def _run(self):
        while not self.stop.wait(0.5):
            self.peak = max(self.peak, self._sample()[0])

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()
        used, _, old = self._sample()
        self.after, self.old_collections = used, old - self.old_before


def index_size(client) -> int:
    from search.client import alias_name

    stats = client.indices.stats(index=alias_name("*"), metric="store")
    return stats["_all"]["primaries"]["store"]["size_in_bytes"]


def measure(needs, client) -> dict:
    """Match latency through the API path and for the same msearch sent bare, interleaved need
    by need (which goes first alternates, so neither profits from the other's warm caches)."""
    from search.matching import engine, match_need

    api_ms, bare_ms, forward_ms = [], [], []

    def api(need):
        t0 = time.perf_counter()
        match_need(need, limit=10)
        api_ms.append((time.perf_counter() - t0) * 1000)

    def bare(need):
        # The request match_need sends (candidates + peers), built outside the timing, sent
        # with the same client and options.
        searches = engine.match_searches(
            need, engine.listing_profile(need), ["achievements"], engine.CANDIDATES
        )
        t0 = time.perf_counter()
        client.msearch(searches=searches, **engine.MSEARCH_OPTIONS)
        bare_ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        client.search(index=searches[0]["index"], **searches[1])
        forward_ms.append((time.perf_counter() - t0) * 1000)

    for i, need in enumerate(needs):
        for step in (api, bare) if i % 2 == 0 else (bare, api):
            step(need)
    return {"api": api_ms, "bare": bare_ms, "forward": forward_ms}


# A freshly started Elasticsearch compiles its search code (the JVM's JIT) during its first
# hundred or so searches, on the same two cores: with 20 warm-up needs, a run right after a
# restart timed that too (p99 56 ms against 40 ms in the runs after it). A portal's search
# node runs for days; the bench times that steady state.
WARM_UP = 100
ID_SHIFT = 10_000_000  # copies of an achievement get ids this far apart (see replicate)


def replicate(client, times: int, source_prefix: str | None = None) -> int:
    """Copies the achievements index `times` times (new integer ids) into a fresh index behind
    the alias: matches then search `times` as many achievements, with the same vocabulary,
    without segmenting them again. The copy streams documents through this process (the
    integration-test build of Elasticsearch has no _reindex). source_prefix: copy another
    prefix's indices (the needs ones once, as they are). Returns how many achievements."""
    from django.conf import settings
    from elasticsearch import helpers

    from search import indexing
    from search.client import alias_name

    def copy(source: str, target: str, times: int = 1) -> None:
        actions = (
            {
                "_index": target,
                "_id": str(int(hit["_id"]) + n * ID_SHIFT),
                "_source": hit["_source"],
            }
            for hit in helpers.scan(client, index=source, size=1000, preserve_order=False)
            for n in range(times)
        )
        for ok, item in helpers.streaming_bulk(client, actions, chunk_size=1000, max_retries=2):
            if not ok:
                raise RuntimeError(f"copy failed: {item}")
        client.indices.refresh(index=target)

    if source_prefix:
        for kind in ("needs", "challenges"):
            if not client.indices.exists_alias(name=alias_name(kind)):
                name = indexing.create_index(kind)
                copy(f"{source_prefix}-{kind}", name)
                client.indices.put_alias(index=name, name=alias_name(kind))
    source = f"{source_prefix or settings.ELASTICSEARCH_INDEX_PREFIX}-achievements"
    # A private copy to read from: the source's own bench may swap its indices meanwhile.
    base = indexing.create_index("achievements", f"{alias_name('achievements')}-base")
    copy(source, base)
    target = indexing.create_index("achievements")
    copy(base, target, times)
    client.indices.delete(index=base)
    client.options(request_timeout=7200).indices.forcemerge(index=target, max_num_segments=1)
    for old in indexing.swap_alias("achievements", target):
        client.indices.delete(index=old)
    return client.count(index=target)["count"]


def one_run(args, n_achievements, n_needs, run, client, *, replicas: int = 0) -> dict:
    """One run: re-index (or, with replicas, copy the index that many times), then time."""
    from marketplace.models import Need
    from search.rebuild import rebuild_all

    what = f"run {run} of {args.runs}" if not replicas else f"copied {replicas} times"
    print(f"\n== {n_achievements:,} achievements, {what}: {load_average()}")
    with HeapWatch(client) as heap:
        started = time.perf_counter()
        total = n_achievements + n_needs
        if replicas:
            n_achievements = replicate(client, replicas, args.copy_from)
            docs_s = None
            print(
                f"copied in {time.perf_counter() - started:.1f}s: "
                f"{n_achievements:,} achievements (no indexing throughput measured)"
            )
        else:
            rebuild_all(progress=False)
            elapsed = time.perf_counter() - started
            docs_s = total / elapsed
            print(
                f"indexing: {total:,} docs in {elapsed:.1f}s = {docs_s:,.0f} docs/s "
                f"(database read + jieba segmentation + bulk + merge, end to end)"
            )
        # Each run times other needs (the first WARM_UP of them, through both paths, untimed).
        span = args.queries + WARM_UP
        offset = ((run - 1) * span) % max(1, n_needs - span)
        rows = Need.objects.select_related("industry", "organization").order_by("pk")
        needs = list(rows[offset : offset + span])
        measure(needs[:WARM_UP], client)
        profiler = cProfile.Profile() if args.profile and run == 1 else None
        if profiler:
            profiler.enable()
        times = measure(needs[WARM_UP:], client)
        if profiler:
            profiler.disable()
    print(
        f"match latency over {len(needs) - WARM_UP} needs (after {WARM_UP} untimed), "
        f"{n_achievements:,} achievements indexed:"
    )
    for label, key in [
        ("API code path (match_need, with reasons)", "api"),
        ("bare Elasticsearch request (same msearch)", "bare"),
        ("bare forward query alone", "forward"),
    ]:
        p50, p95, p99 = percentiles(times[key])
        print(f"  {label:42} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  p99 {p99:6.1f} ms")
    (a50, a95, _), (b50, b95, _) = percentiles(times["api"]), percentiles(times["bare"])
    (f50, f95, _) = percentiles(times["forward"])
    print(f"  overhead vs the same request (p50 / p95)   {a50 / b50:.2f}x / {a95 / b95:.2f}x")
    print(f"  overhead vs the forward query (p50 / p95)  {a50 / f50:.2f}x / {a95 / f95:.2f}x")
    gb = 1024**3
    print(
        f"elasticsearch heap: max {heap.max / gb:.2f} GB, peak used {heap.peak / gb:.2f} GB, "
        f"{heap.after / gb:.2f} GB after the run, {heap.old_collections} old-generation "
        f"collections during it; bench indices on disk {index_size(client) / gb:.2f} GB "
        f"(the node is shared: the heap holds other indices too)"
    )
    if profiler:
        print("profile of the API path and the bare requests (cumulative, top 30):")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    return {
        "size": n_achievements,
        "run": run,
        "docs_s": docs_s,
        "api": (a50, a95),
        "bare": (b50, b95),
        "overhead": (a50 / b50, a95 / b95),
        "heap_peak": heap.peak,
        "heap_max": heap.max,
    }


def targets(results: list[dict], runs: int) -> None:
    met = {
        f"match p95 <= {P95_TARGET_MS} ms (API path)": [
            r["api"][1] <= P95_TARGET_MS for r in results
        ],
        f"overhead <= {OVERHEAD_TARGET}x at p50 and p95": [
            max(r["overhead"]) <= OVERHEAD_TARGET for r in results
        ],
        f"indexing >= {INDEX_TARGET:,} docs/s": [
            (r["docs_s"] or 0) >= INDEX_TARGET for r in results
        ],
    }
    for target, runs_met in met.items():
        print(f"targets: {target:38} met in {sum(runs_met)} of {runs} runs")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--achievements", type=int, default=100_000)
    parser.add_argument("--needs", type=int, help="default: a tenth of --achievements, <= 10,000")
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--curve", help="sizes, e.g. 10000,100000,1000000 (replaces --achievements)"
    )
    parser.add_argument("--name", default=os.environ.get("BENCH_NAME", "speed"))
    parser.add_argument("--profile", action="store_true", help="cProfile the first run's matches")
    parser.add_argument(
        "--replicate",
        type=int,
        default=0,
        metavar="N",
        help="then copy the largest index N times (new ids) and time matches on the copy",
    )
    parser.add_argument("--index-prefix", help="search under this prefix instead of bench_<name>")
    parser.add_argument(
        "--copy-from",
        metavar="PREFIX",
        help="with --runs 0 --replicate N: copy the indices under PREFIX (another bench's)",
    )
    parser.add_argument(
        "--reuse", action="store_true", help="keep the bench database and the listings in it"
    )
    parser.add_argument("--small", action="store_true", help="5,000 / 1,000 / 200 for a quick run")
    args = parser.parse_args(argv)
    if args.small:
        args.achievements, args.needs, args.queries = 5000, 1000, 200
    sizes = [int(s) for s in args.curve.split(",")] if args.curve else [args.achievements]

    print(
        f"bench database linyi_bench_{args.name}, index prefix "
        f"{args.index_prefix or 'bench_' + args.name}; {load_average()}"
    )
    isolate(args.name, fresh=not args.reuse)
    if args.index_prefix:
        from django.conf import settings

        settings.ELASTICSEARCH_INDEX_PREFIX = args.index_prefix
    from search.client import get_client

    client = get_client()
    results = []
    have_a, have_n = existing(min(sizes) if args.reuse else 0)
    for size in sorted(sizes):
        n_needs = args.needs if args.needs and not args.curve else min(size // 10, 10_000)
        started = time.perf_counter()
        generate(range(have_a, size), range(have_n, max(have_n, n_needs)))
        print(
            f"\ngenerated {size - have_a:,} achievements and {max(0, n_needs - have_n):,} needs "
            f"in {time.perf_counter() - started:.1f}s (now {size:,} and {n_needs:,})"
        )
        have_a, have_n = size, max(have_n, n_needs)
        size_results = [one_run(args, size, have_n, run, client) for run in range(1, args.runs + 1)]
        print(f"\n{size:,} achievements, {have_n:,} needs:")
        targets(size_results, args.runs)
        results += size_results
        if len(sizes) > 1:  # after each size: a run cut short still shows the sizes done
            curve(results)
    if args.replicate:
        results.append(one_run(args, have_a, have_n, 1, client, replicas=args.replicate))
        curve(results)


def docs_s(result: dict) -> str:
    return "copied" if result["docs_s"] is None else f"{result['docs_s']:,.0f}"


def curve(results: list[dict]) -> None:
    """Size against figures: a match should cost less and less per listing as the index grows."""
    print("\ncurve (one line per run):")
    print(
        f"  {'achievements':>12} {'run':>3} {'index docs/s':>12} {'API p50':>8} {'API p95':>8} "
        f"{'bare p50':>8} {'bare p95':>8} {'overhead p50/p95':>17} {'ES heap peak/max':>17}"
    )
    gb = 1024**3
    for r in results:
        print(
            f"  {r['size']:>12,} {r['run']:>3} {docs_s(r):>12} {r['api'][0]:>8.1f} "
            f"{r['api'][1]:>8.1f} {r['bare'][0]:>8.1f} {r['bare'][1]:>8.1f} "
            f"{r['overhead'][0]:>8.2f}x/{r['overhead'][1]:.2f}x "
            f"{r['heap_peak'] / gb:>8.2f}/{r['heap_max'] / gb:.2f} GB"
        )


if __name__ == "__main__":
    main()
