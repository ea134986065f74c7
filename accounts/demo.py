"""Demo organizations and users for `manage.py load_demo` (idempotent)."""

from allauth.account.models import EmailAddress

from .models import Membership, Organization, User

DEMO_PASSWORD = "linyi-demo-2026"

ORGANIZATIONS = [
    # name, kind, credit code (valid check characters), region, contact, description
    (
        "沂蒙理工学院",
        "university",
        "12371300MB2845701R",
        "lanshan",
        "王老师",
        "地方应用型本科高校，设有材料、机械、食品与生物工程等学院，长期服务临沂木业、食品与装备产业。",
    ),
    (
        "临沂市农业科学院",
        "institute",
        "12371300MB2845720Q",
        "lanshan",
        "李研究员",
        "市属公益性农业科研机构，专注于蔬菜育种、果蔬保鲜与农产品加工技术研究。",
    ),
    (
        "山东沂河板业有限公司",
        "enterprise",
        "91371300MA3C8X7D1W",
        "lanling",
        "张经理",
        "年产多层板、家具板12万立方米的人造板企业，产品出口日韩与欧洲。",
    ),
    (
        "临沂鲁东食品有限公司",
        "enterprise",
        "91371300MA3C8X7E8K",
        "hedong",
        "刘主任",
        "以预制菜、速冻调理食品为主的食品企业，拥有中央厨房和冷链配送体系。",
    ),
    (
        "临沂智联技术转移服务中心",
        "agency",
        "52371300MJE234567D",
        "hightech",
        "陈经纪",
        "专业技术转移服务机构，提供技术经纪、成果评价与技术合同登记辅导。",
    ),
    (
        "临沂市科学技术局",
        "government",
        "11371300004331508W",
        "lanshan",
        "科技成果转化科",
        "负责全市科技成果转化、技术市场建设与揭榜挂帅项目组织工作。",
    ),
]

USERS = [
    # email, name, staff, organization, role in it
    ("admin@demo.linyi", "平台管理员", True, None, None),
    ("prof.wang@demo.linyi", "王建华", False, "沂蒙理工学院", "owner"),
    ("li.lab@demo.linyi", "李晓梅", False, "临沂市农业科学院", "owner"),
    ("zhang.board@demo.linyi", "张立新", False, "山东沂河板业有限公司", "owner"),
    ("liu.food@demo.linyi", "刘海燕", False, "临沂鲁东食品有限公司", "owner"),
    ("chen.broker@demo.linyi", "陈志远", False, "临沂智联技术转移服务中心", "owner"),
    ("kejiju@demo.linyi", "赵科", False, "临沂市科学技术局", "owner"),
]


def load(stdout=None) -> dict[str, User]:
    orgs = {}
    for name, kind, code, region, contact, description in ORGANIZATIONS:
        org, _ = Organization.objects.update_or_create(
            name=name,
            defaults={
                "kind": kind,
                "credit_code": code,
                "region": region,
                "contact_name": contact,
                "description": description,
                "verification_status": Organization.Verification.VERIFIED,
            },
        )
        orgs[name] = org
    users = {}
    for email, name, staff, org_name, role in USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, name=name)
        user.name, user.is_staff, user.is_superuser = name, staff, staff
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if org_name:
            Membership.objects.update_or_create(
                user=user, organization=orgs[org_name], defaults={"role": role}
            )
        users[email] = user
    if stdout:
        stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for email, name, staff, org_name, _role in USERS:
            stdout.write(f"  {email:28} {name}  {'(staff)' if staff else org_name}")
    return users
