"""Demo paid services and a few ledger entries for `manage.py load_demo` (idempotent, no Stripe)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Organization, User

from .models import Channel, Payment, Payout, Price, Product, Purpose

PRODUCTS = [
    {
        "slug": "achievement-evaluation",
        "name": "科技成果评价服务",
        "summary": "依据《科技成果评价规范》，由同行专家对成果的创新性、成熟度和经济社会效益出具评价报告。",
        "description": "适用于拟转让、许可或作价入股的科技成果。\n"
        "服务内容：材料形式审查、技术就绪度（TRL）评估、专家会议评价、出具加盖公章的评价报告。\n"
        "评价报告可用于技术合同登记、高新技术企业认定和科技奖励申报。",
        "delivery": "受理后15个工作日",
        "order": 1,
        "prices": [("标准评价（5位专家）", 680000), ("加急评价（7个工作日）", 980000)],
    },
    {
        "slug": "patent-valuation",
        "name": "专利价值评估",
        "summary": "结合技术、法律和市场三个维度，评估单件专利或专利包的转让参考价格。",
        "description": "由具备资产评估资质的合作机构出具评估报告，可作为作价入股、质押融资的参考。",
        "delivery": "受理后20个工作日",
        "order": 2,
        "prices": [("单件专利", 380000), ("专利包（5件以内）", 1200000)],
    },
    {
        "slug": "contract-registration-coaching",
        "name": "技术合同登记辅导",
        "summary": "技术经纪人一对一辅导技术合同的起草、认定登记和税收优惠备案。",
        "description": "覆盖技术开发、转让、许可、咨询和服务合同；包含一次合同文本审查和登记材料预审。",
        "delivery": "预约后3个工作日内上门或线上辅导",
        "order": 3,
        "prices": [("单份合同", 80000)],
    },
]


def load(stdout=None) -> None:
    with transaction.atomic():
        for row in PRODUCTS:
            _load_product(dict(row))
        entries = _load_ledger()
    if stdout:
        stdout.write(f"Demo payments: {len(PRODUCTS)} paid services, {entries} ledger entries")


def _load_product(row: dict) -> None:
    prices = row.pop("prices")
    product, _ = Product.objects.update_or_create(slug=row.pop("slug"), defaults=row)
    for order, (label, amount_fen) in enumerate(prices):
        Price.objects.update_or_create(
            product=product,
            label=label,
            defaults={"amount_fen": amount_fen, "sort_order": order, "active": True},
        )


def _load_ledger() -> int:
    """A bank-transfer entry (对公转账), so the demo needs no Stripe account.

    Deposits (揭榜保证金) of the demo challenges are paid by challenges.demo through
    record_offline_payment; a registered demo contract opens its 平台服务费 in brokerage.demo.
    """
    wang = User.objects.filter(email="prof.wang@demo.linyi").first()
    if wang is None:
        return 0
    # The first demo ledger pointed at a marketplace need; deposits now belong to challenges.
    Payout.objects.filter(payment__number="LY20261101DEMO0001").delete()
    Payment.objects.filter(number="LY20261101DEMO0001").delete()
    university = Organization.objects.filter(name="沂蒙理工学院").first()
    now = timezone.now()
    evaluation = Price.objects.filter(product__slug="achievement-evaluation").order_by("sort_order")
    price = evaluation.first()
    Payment.objects.update_or_create(
        number="LY20261115DEMO0002",
        defaults={
            "purpose": Purpose.PRODUCT,
            "description": f"{price.product.name}（{price.label}）",
            "amount_fen": price.amount_fen,
            "price": price,
            "payer": wang,
            "payer_organization": university,
            "channel": Channel.OFFLINE,
            "offline_reference": "37001668800052023309",
            "status": Payment.Status.SUCCEEDED,
            "paid_at": now - timedelta(days=10),
        },
    )
    return 1
