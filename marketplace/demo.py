"""Demo achievements and needs for `manage.py load_demo`: realistic listings from Linyi's industries."""

from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import Membership, Organization, User
from core.files import demo_pdf
from core.models import Industry
from notifications.models import Notification

from . import quality
from .models import (
    Achievement,
    Attachment,
    Favourite,
    Inquiry,
    Need,
    Status,
)

ACHIEVEMENTS = [
    {
        "external_id": "DEMO-A01",
        "title": "大豆蛋白基无醛胶黏剂及其在多层板中的应用",
        "summary": "以脱脂豆粕为原料，经碱解改性与环氧交联，制得不含甲醛的植物蛋白胶黏剂。"
        "固含量约40%，适用期6小时以上，可直接使用现有调胶、辊涂、冷压和热压设备。"
        "压制的杨木多层板63℃热水浸渍后胶合强度达0.9MPa，满足Ⅱ类胶合板要求，"
        "每立方米成本较脲醛胶增加约60元。已在两条生产线完成中试。",
        "description": "<h3>技术原理</h3><p>以脱脂豆粕为原料，经<b>碱解改性</b>打开蛋白质球状结构，再以水溶性环氧交联剂构建三维网络，替代脲醛树脂中的甲醛交联。</p><h3>主要指标</h3><ul><li>固含量约40%，黏度1.5—3.0万mPa·s，适用期6小时以上</li><li>杨木多层板63℃热水浸渍3小时后胶合强度0.9MPa，满足GB/T 9846 Ⅱ类胶合板要求</li><li>甲醛释放量低于0.01mg/m³（无醛添加）</li></ul><h3>应用情况</h3><p>已在费县、兰山区两条多层板生产线完成中试，累计压板1200余立方米；可直接沿用现有调胶、辊涂、冷压和热压设备，<i>无需改造生产线</i>。</p>",
        "keywords": ["无醛胶黏剂", "大豆蛋白", "多层板", "环保"],
        "industry": "wood_furniture",
        "org": "沂蒙理工学院",
        "patent_type": "invention",
        "patent_number": "ZL202310456781.4",
        "maturity": "pilot",
        "transfer_modes": ["license", "joint_development"],
        "asking_price_cny": Decimal("800000"),
        "reserve_price_cny": Decimal("600000"),
        "inventors": "王建华团队",
        "ipc": "C09J 189/00",
        "legal_status": "授权有效",
        "contact_name": "王老师",
        "contact_phone": "0539-8766001",
        "funded_by_government": True,
        "funding_programme": "山东省重点研发计划（重大科技创新工程）",
        "ip_declaration": "本成果由沂蒙理工学院依法享有专利权，已按财政资金项目管理要求完成成果登记，"
        "转化收益按学校成果转化办法分配。",
        "annex_terms": "一、接收方仅可将保密资料用于评估本成果的合作可能，不得向第三方披露。\n"
        "二、保密期限为自下载之日起三年。\n三、违约方承担由此造成的全部损失。",
    },
    {
        "external_id": "DEMO-A02",
        "title": "木塑复合材料表面等离子体活化涂装技术",
        "summary": "针对木塑地板表面极性低、漆膜和覆膜易起皮的问题，采用常压等离子体在线处理，"
        "表面能由28mN/m提高到52mN/m，附着力由3级提升到0级，处理速度可达每分钟20米，"
        "可集成到现有挤出生产线末端。",
        "description": "<h3>解决的问题</h3><p>木塑地板表面极性低，涂装和覆膜后易起皮、剥离，返工率高。</p><h3>技术方案</h3><ol><li>挤出成型后在线常压等离子体处理，宽幅喷头覆盖整板宽度</li><li>处理后30分钟内完成涂装或覆膜</li></ol><p>表面能由28mN/m提高到<b>52mN/m</b>，漆膜附着力由3级提升到0级，处理速度每分钟20米。</p>",
        "keywords": ["木塑", "等离子体", "附着力", "表面处理"],
        "industry": "wood_furniture",
        "org": "沂蒙理工学院",
        "patent_type": "utility_model",
        "patent_number": "ZL202220987654.8",
        "maturity": "small_batch",
        "transfer_modes": ["transfer", "license"],
        "asking_price_cny": Decimal("350000"),
    },
    {
        "external_id": "DEMO-A03",
        "title": "预制菜微波-蒸汽联合杀菌与品质保持技术",
        "summary": "采用915MHz微波与低压蒸汽联合杀菌，中心温度均匀性提高40%，杀菌时间缩短一半；"
        "配合高阻隔包装，红烧类预制菜常温货架期可达9个月，色泽和口感评分优于传统高温高压杀菌。",
        "description": "<h3>技术特点</h3><ul><li>915MHz微波与低压蒸汽联合加热，中心温度均匀性提高40%</li><li>杀菌时间较传统高温高压缩短一半，肉质不发柴、色泽保持好</li><li>配合高阻隔包装，红烧类预制菜常温货架期可达<b>9个月</b></li></ul><h3>合作方式</h3><p>可提供工艺包与设备选型，派技术人员驻厂调试；欢迎预制菜企业来院参观中试线。</p>",
        "keywords": ["预制菜", "微波杀菌", "货架期", "品质保持"],
        "industry": "food",
        "org": "临沂市农业科学院",
        "patent_type": "invention",
        "patent_number": "ZL202210334567.7",
        "maturity": "pilot",
        "transfer_modes": ["license", "joint_development"],
        "asking_price_cny": None,
    },
    {
        "external_id": "DEMO-A04",
        "title": "金银花绿原酸低温膜分离提取工艺",
        "summary": "以平邑金银花为原料，采用低温超声辅助提取、陶瓷膜澄清与纳滤浓缩，"
        "绿原酸收率较传统水提醇沉提高25%，能耗降低30%，产品纯度可达98%，可用于保健食品与化妆品原料。",
        "description": "<h3>工艺流程</h3><ol><li>低温超声辅助提取（50℃以下）</li><li>陶瓷膜澄清除杂</li><li>纳滤浓缩、结晶纯化</li></ol><h3>效果</h3><p>绿原酸收率较传统水提醇沉提高25%，能耗降低30%，产品纯度可达<b>98%</b>，已小批量供应化妆品原料企业。</p>",
        "keywords": ["金银花", "绿原酸", "膜分离", "提取工艺"],
        "industry": "pharma_health",
        "org": "临沂市农业科学院",
        "patent_type": "invention",
        "patent_number": "ZL202110765432.1",
        "maturity": "small_batch",
        "transfer_modes": ["transfer", "equity"],
        "asking_price_cny": Decimal("1200000"),
    },
    {
        "external_id": "DEMO-A05",
        "title": "工程机械液压油缸缸筒内壁激光熔覆修复技术",
        "summary": "对磨损、拉伤的液压缸筒内壁进行激光熔覆铁基合金并精密珩磨，修复层硬度HRC45-50，"
        "结合强度大于400MPa，修复成本约为新件的35%，已为省内装载机企业修复缸筒3000余件。",
        "description": "<h3>修复工艺</h3><p>对磨损、拉伤的液压缸筒内壁进行激光熔覆铁基合金，再经精密珩磨恢复尺寸与粗糙度。</p><ul><li>修复层硬度HRC45—50，结合强度大于400MPa</li><li>修复成本约为新件的35%，周期3—5天</li></ul><h3>应用</h3><p>已为省内装载机、挖掘机企业修复缸筒3000余件，返修率低于1%。</p>",
        "keywords": ["激光熔覆", "液压油缸", "再制造", "耐磨"],
        "industry": "machinery",
        "org": "沂蒙理工学院",
        "patent_type": "invention",
        "patent_number": "ZL202010223344.4",
        "maturity": "industrialized",
        "transfer_modes": ["license", "joint_development"],
        "asking_price_cny": Decimal("500000"),
    },
    {
        "external_id": "DEMO-A06",
        "title": "物流园区多车型智能配载与路径优化系统",
        "summary": "基于订单、车型与装载约束的混合整数规划与启发式算法，实现零担货物自动配载和多点配送路径规划，"
        "在临沂某物流园试运行中车辆装载率提高12%，单车日均里程下降9%。",
        "description": "<h3>系统功能</h3><ul><li>订单、车型与装载约束建模，零担货物<b>自动配载</b></li><li>多点配送路径规划，支持时间窗与限行规则</li><li>与园区现有TMS、WMS系统接口对接</li></ul><h3>试运行效果</h3><p>在临沂某物流园试运行三个月，车辆装载率提高12%，单车日均里程下降9%。</p>",
        "keywords": ["智能配载", "路径优化", "物流园区", "调度系统"],
        "industry": "logistics",
        "org": "沂蒙理工学院",
        "patent_type": "software",
        "patent_number": "",
        "maturity": "small_batch",
        "transfer_modes": ["license"],
        "asking_price_cny": Decimal("200000"),
    },
]

# Listings waiting in the moderation queue or still being written (status given explicitly).
WORK_IN_PROGRESS_ACHIEVEMENTS = [
    {
        "external_id": "DEMO-A07",
        "title": "沂蒙山区林下中药材仿野生种植与采收机械",
        "summary": "针对丹参、桔梗等林下中药材，研制小型履带式采收机，可在坡度25°以内林地作业，"
        "挖掘深度30-45cm可调，采收效率为人工的8倍，药材破损率低于5%。已在沂水县示范基地试用。",
        "keywords": ["中药材", "林下种植", "采收机械"],
        "industry": "agriculture",
        "org": "临沂市农业科学院",
        "patent_type": "utility_model",
        "patent_number": "ZL202320123456.1",
        "maturity": "pilot",
        "transfer_modes": ["license", "joint_development"],
        "asking_price_cny": Decimal("260000"),
        "status": Status.PENDING,
    },
    {
        "external_id": "DEMO-A08",
        "title": "石材加工粉尘回收制备人造石技术",
        "summary": "利用石材切割粉尘制备人造石。",
        "keywords": ["石材", "固废利用"],
        "industry": "building_materials",
        "org": "沂蒙理工学院",
        "patent_type": "invention",
        "patent_number": "",
        "maturity": "lab",
        "transfer_modes": ["joint_development"],
        "asking_price_cny": None,
        "status": Status.PENDING,
        "quality_override_note": "专利已受理尚未公开，检测报告将在中试后补充。",
    },
    {
        "external_id": "DEMO-A09",
        "title": "柳编制品防霉防蛀环保处理工艺",
        "summary": "草稿：临沭柳编出口产品防霉处理，正在整理检测数据。",
        "keywords": ["柳编", "防霉"],
        "industry": "wood_furniture",
        "org": "沂蒙理工学院",
        "patent_type": "none",
        "patent_number": "",
        "maturity": "lab",
        "transfer_modes": [],
        "asking_price_cny": None,
        "status": Status.DRAFT,
    },
]

NEEDS = [
    {
        "external_id": "DEMO-N01",
        "title": "出口多层板要达到无醛添加，想换胶但不能大改设备",
        "description": "我们年产多层板约8万立方米，日本和欧洲客户要求升级到无醛添加。试过MDI胶，效果可以但价格高，"
        "还粘压板。希望找到一种不含甲醛的胶，能用现在的调胶、过胶、冷压热压设备，每方成本增加不超过80元，"
        "泡水不开胶，一锅胶能用一个班。",
        "keywords": ["多层板", "无醛", "胶黏剂"],
        "industry": "wood_furniture",
        "org": "山东沂河板业有限公司",
        "budget": (Decimal("300000"), Decimal("800000")),
        "deadline_days": 180,
    },
    {
        "external_id": "DEMO-N02",
        "title": "红烧肉类预制菜常温保存时间短，想做到半年以上",
        "description": "目前红烧肉、梅菜扣肉等产品采用高温高压杀菌，肉质发柴、颜色发暗，"
        "常温只能放3个月，冷链成本高。希望提高货架期到6个月以上，同时保持口感，生产线改造投资控制在200万以内。",
        "keywords": ["预制菜", "杀菌", "货架期"],
        "industry": "food",
        "org": "临沂鲁东食品有限公司",
        "budget": (Decimal("500000"), Decimal("2000000")),
        "deadline_days": 120,
    },
    {
        "external_id": "DEMO-N03",
        "title": "2027年揭榜挂帅：板材生产线智能视觉缺陷检测",
        "description": "面向人造板连续生产线，研发在线视觉检测系统，对鼓泡、分层、压痕、缺角等8类缺陷实时识别，"
        "检出率不低于98%，误报率不高于2%，线速度每分钟60米以上。采用揭榜制，一家单位揭榜。",
        "keywords": ["视觉检测", "缺陷识别", "人造板", "智能制造"],
        "industry": "digital",
        "org": "临沂市科学技术局",
        "budget": (None, None),  # its bounty is its 揭榜挂帅榜单's (challenges.demo)
        "deadline_days": 60,
    },
    {
        "external_id": "DEMO-N04",
        "title": "装载机液压缸拉缸报废多，寻求低成本修复工艺",
        "description": "售后每年退回拉伤、磨损的液压缸筒上千件，直接报废浪费大。"
        "希望有成熟的修复工艺，修复后性能接近新件，成本不超过新件的一半，最好能在我们厂内建线。",
        "keywords": ["液压缸", "修复", "再制造"],
        "industry": "machinery",
        "org": "山东沂河板业有限公司",
        "budget": (Decimal("200000"), Decimal("600000")),
        "deadline_days": 90,
    },
    {
        "external_id": "DEMO-N05",
        "title": "速冻水饺解冻后破皮率高，寻求面皮配方与冻结工艺改进",
        "description": "我们的速冻水饺经物流配送、商超冷柜反复温度波动后，煮制破皮率在8%左右，"
        "客户投诉多。希望通过面粉改良剂、冻结曲线优化等手段，把破皮率降到2%以下，"
        "不增加明显成本，现有隧道式速冻机继续使用。",
        "keywords": ["速冻水饺", "破皮率", "冻结工艺"],
        "industry": "food",
        "org": "临沂鲁东食品有限公司",
        "budget": (Decimal("100000"), Decimal("300000")),
        "deadline_days": 150,
        "status": Status.PENDING,
    },
]

INQUIRIES = [
    # (user email, external id, message)
    (
        "zhang.board@demo.linyi",
        "DEMO-A01",
        "我司年产多层板8万方，正在找无醛胶方案，想了解中试线的胶合强度检测报告和许可费用。",
    ),
    (
        "liu.food@demo.linyi",
        "DEMO-A03",
        "我们有红烧肉类预制菜生产线，希望到贵院实地看一下微波-蒸汽联合杀菌设备。",
    ),
    ("prof.wang@demo.linyi", "DEMO-N01", "我们的大豆蛋白胶已完成中试，可以提供样品到贵厂试压。"),
]
FAVOURITES = [("zhang.board@demo.linyi", "DEMO-A01"), ("liu.food@demo.linyi", "DEMO-A03")]


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _owner_of(org) -> User | None:
    membership = (
        Membership.objects.filter(organization=org, role=Membership.Role.OWNER)
        .select_related("user")
        .first()
    )
    return membership.user if membership else None


def _save(model, row: dict, *, industries, orgs, published_at) -> tuple:
    row = dict(row)
    external_id = row.pop("external_id")
    industry, org = industries[row.pop("industry")], orgs[row.pop("org")]
    status = row.pop("status", Status.PUBLISHED)
    listing, created = model.objects.update_or_create(
        external_id=external_id,
        defaults={
            **row,
            "industry": industry,
            "organization": org,
            "status": status,
            "created_by": _owner_of(org),
            "published_at": published_at if status == Status.PUBLISHED else None,
        },
    )
    quality.apply(listing)
    listing.save(update_fields=["quality_score", "quality_issues"])
    if created:
        listing.log_action(
            "listing.demo", data={"field": "status", "to": status, "note": "演示数据"}
        )
    return listing


def _need_row(row: dict) -> dict:
    row = dict(row)
    low, high = row.pop("budget")
    days = row.pop("deadline_days")
    row.update(
        budget_min_cny=low,
        budget_max_cny=high,
        deadline=timezone.localdate() + timedelta(days=days),
    )
    return row


def load(stdout=None) -> None:
    industries = {i.code: i for i in Industry.objects.all()}
    orgs = {o.name: o for o in Organization.objects.all()}
    now = timezone.now()
    listings = {}
    for i, row in enumerate(ACHIEVEMENTS + WORK_IN_PROGRESS_ACHIEVEMENTS):
        listings[row["external_id"]] = _save(
            Achievement,
            row,
            industries=industries,
            orgs=orgs,
            published_at=now - timedelta(days=2 * i),
        )
    for i, row in enumerate(NEEDS):
        listings[row["external_id"]] = _save(
            Need,
            _need_row(row),
            industries=industries,
            orgs=orgs,
            published_at=now - timedelta(days=3 * i + 1),
        )
    _files(listings["DEMO-A01"])
    _engagement(listings)
    if stdout:
        stdout.write(
            f"Demo listings: {Achievement.objects.filter(external_id__startswith='DEMO').count()} "
            f"achievements, {Need.objects.filter(external_id__startswith='DEMO').count()} needs "
            "(some pending review and drafts), inquiries, favourites and notifications"
        )


def _engagement(listings) -> None:
    for email, external_id, message in INQUIRIES:
        user, listing = _user(email), listings[external_id]
        if user is None:
            continue
        link = {"achievement": listing} if isinstance(listing, Achievement) else {"need": listing}
        inquiry, created = Inquiry.objects.get_or_create(user=user, message=message, **link)
        owner = listing.created_by
        if created and owner is not None:
            Notification.objects.create(
                user=owner,
                event="inquiry_received",
                title=f"收到意向咨询：{listing.title}",
                body=f"{user}：{message}",
                # Keys and parameters, as notifications.services.notify stores them.
                title_key="收到意向咨询：%(title)s",
                body_key="%(who)s：%(message)s",
                params={"title": listing.title, "who": str(user), "message": message},
                url=(
                    f"/achievements/{listing.pk}/"
                    if "achievement" in link
                    else f"/needs/{listing.pk}/"
                ),
            )
    for email, external_id in FAVOURITES:
        user = _user(email)
        if user is not None:
            Favourite.objects.get_or_create(user=user, achievement=listings[external_id])
    wang = _user("prof.wang@demo.linyi")
    if wang is not None:
        listing = listings["DEMO-A02"]
        Notification.objects.get_or_create(
            user=wang,
            event="listing_approved",
            title=f"审核通过：{listing.title}",
            defaults={
                "body": f"您提交的“{listing.title}”已通过审核并公开发布。",
                "title_key": "审核通过：%(title)s",
                "body_key": "您提交的“%(title)s”已通过审核并公开发布。",
                "params": {"title": listing.title},
                "url": f"/achievements/{listing.pk}/",
            },
        )


def _files(listing) -> None:
    """A confidential annex and a public attachment, both private files served by their views
    (the annex after the NDA, the attachment because the listing is published)."""
    if not listing.annex:
        listing.annex = ContentFile(
            demo_pdf("保密附件：检测报告", "胶合强度与甲醛释放量第三方检测报告（演示）"),
            name="耐候性与胶合强度检测报告.pdf",
        )
        listing.save()
    if not Attachment.objects.filter(achievement=listing).exists():
        data = demo_pdf("成果简介", listing.title, "中试线参数与应用案例（演示）")
        Attachment.objects.create(
            achievement=listing,
            kind=Attachment.Kind.PDF,
            file=ContentFile(data, name="成果简介.pdf"),
            original_name="成果简介.pdf",
            size=len(data),
            uploaded_by=listing.created_by,
        )
