"""Demo engagements for `manage.py load_demo`: broker 陈志远's deals at several stages.

Everything goes through the services, so the timeline, ledger and notifications look real.
Idempotent: an inquiry that already has an engagement is left alone.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import Membership, Organization, User
from core.files import demo_pdf
from marketplace.models import Achievement, Inquiry, Need

from . import services
from .models import Document, Engagement, LostReason, Message, Stage, TechContract, TrainingRecord

BROKER = "chen.broker@demo.linyi"
STAFF = "admin@demo.linyi"


def _user(email):
    return User.objects.filter(email=email).first()


def _inquiry(email, listing, message):
    link = {"achievement": listing} if isinstance(listing, Achievement) else {"need": listing}
    inquiry, _created = Inquiry.objects.get_or_create(
        user=_user(email), message=message, defaults={}, **link
    )
    return inquiry


def _open(inquiry, broker, staff):
    engagement = inquiry.engagements.first()
    if engagement is not None:
        return engagement, False
    return services.assign_inquiry(inquiry=inquiry, broker=broker, by=staff), True


def _negotiation(broker, staff):
    """无醛胶黏剂 licence: in 洽谈 with room messages and an open offer."""
    listing = Achievement.objects.filter(external_id="DEMO-A01").first()
    if listing is None:
        return None
    inquiry = _inquiry(
        "zhang.board@demo.linyi",
        listing,
        "我司年产多层板8万方，正在找无醛胶方案，想了解中试线的胶合强度检测报告和许可费用。",
    )
    engagement, created = _open(inquiry, broker, staff)
    if not created:
        return engagement
    services.set_commission(engagement=engagement, rate=Decimal("0.03"), by=broker)
    engagement = services.mark_contacted(
        engagement=engagement,
        by=broker,
        note="已分别电话联系王建华教授与张立新总经理，双方同意线上洽谈。",
    )
    services.add_task(
        engagement=engagement,
        title="安排企业到学院中试线现场考察",
        due_on=timezone.localdate() + timedelta(days=7),
        by=broker,
    )
    services.add_note(
        engagement=engagement,
        body="企业更关心Ⅱ类板检测报告和每方成本增量；学院希望首付比例不低于30%。",
        by=broker,
    )
    seller, buyer = _user("prof.wang@demo.linyi"), _user("zhang.board@demo.linyi")
    # Private files: downloadable only by the engagement's people, through their views.
    services.upload_document(
        engagement=engagement,
        kind=Document.Kind.NDA,
        upload=ContentFile(
            demo_pdf("保密协议（演示）", "甲方：沂蒙理工学院", "乙方：山东沂河板业有限公司"),
            name="双方保密协议.pdf",
        ),
        by=broker,
    )
    for who, text in [
        (broker, "两位好，我是技术经纪人陈志远，本洽谈室用于双方沟通许可条件。"),
        (buyer, "我们关心两点：胶合强度的第三方检测报告，以及许可费能否分期。"),
        (seller, "检测报告已上传到项目文件里。许可费可以按签约、投产两期支付。"),
    ]:
        services.post_text(engagement=engagement, body=text, by=who)
    report = services.upload_room_file(
        engagement=engagement,
        upload=ContentFile(
            demo_pdf("胶合强度检测报告（演示）", "Ⅱ类胶合板 胶合强度 ≥ 0.7 MPa"),
            name="胶合强度检测报告.pdf",
        ),
        by=seller,
    )
    services.post_file(engagement=engagement, file_id=report.pk, by=seller)
    services.make_offer(
        engagement=engagement,
        price=Decimal("650000"),
        payment_terms="签约后10日内付40%，首批产品检测合格后付60%",
        transfer_mode="license",
        by=seller,
    )
    return engagement


def _registered(broker, staff):
    """预制菜杀菌 licence: agreed and its technology contract registered (认定登记)."""
    listing = Achievement.objects.filter(external_id="DEMO-A03").first()
    if listing is None:
        return None
    inquiry = _inquiry(
        "liu.food@demo.linyi",
        listing,
        "我们有红烧肉类预制菜生产线，希望到贵院实地看一下微波-蒸汽联合杀菌设备。",
    )
    engagement, created = _open(inquiry, broker, staff)
    if not created:
        return engagement
    services.set_commission(engagement=engagement, rate=Decimal("0.05"), by=broker)
    engagement = services.mark_contacted(engagement=engagement, by=broker)
    engagement = services.start_negotiation(engagement=engagement, by=broker)
    engagement = services.mark_agreed(
        engagement=engagement, by=broker, note="双方就许可费38万元、分两期支付达成一致。"
    )
    today = timezone.localdate()
    contract = services.record_contract(
        engagement=engagement,
        by=broker,
        contract_type=TechContract.Type.LICENSE,
        title="预制菜微波-蒸汽联合杀菌技术实施许可合同",
        supply_party="临沂市农业科学院",
        demand_party="临沂鲁东食品有限公司",
        amount_cny=Decimal("420000"),
        tech_amount_cny=Decimal("380000"),
        payment_schedule="合同生效后15日内支付50%\n设备调试验收合格后支付50%",
        signed_on=today - timedelta(days=12),
        term_start=today - timedelta(days=12),
        term_end=today + timedelta(days=3 * 365),
    )
    services.register_contract(
        contract=contract,
        registration_number=f"{today.year}3713000{engagement.pk:05d}",
        registered_on=today - timedelta(days=3),
        by=staff,
    )
    return engagement


def _lead(broker, staff):
    """A fresh lead from the institute's answer to the board maker's need."""
    listing = Need.objects.filter(external_id="DEMO-N01").first()
    if listing is None:
        return None
    inquiry = _inquiry(
        "prof.wang@demo.linyi",
        listing,
        "我们的大豆蛋白胶已完成中试，可以提供样品到贵厂试压。",
    )
    return _open(inquiry, broker, staff)[0]


def _lost(broker, staff):
    listing = Achievement.objects.filter(external_id="DEMO-A05").first()
    if listing is None:
        return None
    inquiry = _inquiry(
        "zhang.board@demo.linyi",
        listing,
        "想了解液压油缸激光熔覆修复的单件成本，我们每年有上千件退回缸筒。",
    )
    engagement, created = _open(inquiry, broker, staff)
    if created:
        engagement = services.mark_contacted(engagement=engagement, by=broker)
        engagement = services.close_lost(
            engagement=engagement,
            reason=LostReason.PRICE_GAP,
            note="企业测算单件修复成本需低于新件40%，目前方案约为65%。",
            by=broker,
        )
    return engagement


TRAINING = [
    (
        "技术经纪人（初级）培训班",
        "山东省科技成果转化服务中心",
        Decimal("48"),
        (3, 22),
        "SDJJ-C-0317",
    ),
    ("技术合同认定登记实务", "临沂市技术市场管理办公室", Decimal("16"), (6, 14), "LYHT-0592"),
]


def _training(broker, staff):
    year = timezone.localdate().year
    for course, provider, hours, (month, day), cert in TRAINING:
        if not TrainingRecord.objects.filter(broker=broker, course=course).exists():
            services.record_training(
                broker=broker,
                course=course,
                provider=provider,
                hours=hours,
                completed_on=date(year, month, day),
                certificate_number=cert,
                by=staff,
            )


def load(stdout=None) -> None:
    broker, staff = _user(BROKER), _user(STAFF)
    if broker is None or staff is None:
        return
    # Parties need a contact person on file for the disclosure step to show something.
    for name in ("沂蒙理工学院", "山东沂河板业有限公司"):
        org = Organization.objects.filter(name=name).first()
        if org and not org.contact_phone:
            Organization.objects.filter(pk=org.pk).update(contact_phone="0539-8766001")
    made = [
        _negotiation(broker, staff),
        _registered(broker, staff),
        _lead(broker, staff),
        _lost(broker, staff),
    ]
    _training(broker, staff)
    if stdout:
        count = Engagement.objects.filter(lead_broker=broker).count()
        pks = [e.pk for e in made if isinstance(e, Engagement)]
        stages = ", ".join(
            str(Stage(code).label)
            for code in Engagement.objects.filter(pk__in=pks).values_list("stage", flat=True)
        )
        stdout.write(
            f"Demo brokerage: {count} engagements for {broker} ({stages}), "
            f"{Message.objects.count()} room messages, "
            f"{Membership.objects.filter(user=broker).count()} broker organization"
        )
