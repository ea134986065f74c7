"""Demo organizations and users for `manage.py load_demo` (idempotent).

Staff and brokers must use two-step verification, so the demo gives them a TOTP authenticator
with a secret generated once per database; `manage.py demo_totp <email>` prints the current
6-digit code (demo accounts only), or add the printed secret to any authenticator app.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from django.core.files.base import ContentFile

from core.files import demo_pdf
from core.models import Industry

from .models import (
    BrokerProfile,
    ExpertProfile,
    Membership,
    Organization,
    User,
    VerificationDocument,
)
from .validators import credit_code_check_char

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
    (
        "个人发明人（沂水县）赵建国",
        "individual",
        "",  # individuals have no unified social credit code
        "yishui",
        "赵建国",
        "从事农机维修三十年的个人发明人，持有花生收获机清选装置等实用新型专利。",
    ),
]

# Waiting in the staff verification queue (认证审核) with one uploaded document.
PENDING_ORG_NAME = "临沂蒙山新材料科技有限公司"
PENDING_ORG_CODE17 = "91371300MA3D2K5P0"

USERS = [
    # email, name, staff, organization, role in it, platform role shown in the printed list
    ("admin@demo.linyi", "平台管理员", True, None, None, "平台管理员（staff，需两步验证）"),
    ("prof.wang@demo.linyi", "王建华", False, "沂蒙理工学院", "owner", "高校机构负责人"),
    ("li.lab@demo.linyi", "李晓梅", False, "临沂市农业科学院", "owner", "科研院所机构负责人"),
    ("zhang.board@demo.linyi", "张立新", False, "山东沂河板业有限公司", "owner", "企业机构负责人"),
    ("liu.food@demo.linyi", "刘海燕", False, "临沂鲁东食品有限公司", "owner", "企业机构负责人"),
    (
        "chen.broker@demo.linyi",
        "陈志远",
        False,
        "临沂智联技术转移服务中心",
        "owner",
        "认证技术经纪人（需两步验证）",
    ),
    ("kejiju@demo.linyi", "赵科", False, "临沂市科学技术局", "owner", "政府部门机构负责人"),
    ("expert.sun@demo.linyi", "孙立平", False, None, None, "评审专家"),
    ("zhou.pending@demo.linyi", "周明", False, PENDING_ORG_NAME, "owner", "待认证企业负责人"),
]

BROKER = {
    "email": "chen.broker@demo.linyi",
    "certificate_number": "鲁技经字〔2021〕第0187号",
    "specialties": ["wood_furniture", "food", "machinery"],
    "service_regions": ["lanshan", "hedong", "luozhuang", "hightech"],
    "years_of_experience": 8,
    "public_phone": "0539-8123456",
    "bio": (
        "山东省技术经纪人，长期服务临沂木业、食品和机械装备企业，"
        "累计促成技术合同60余项，擅长成果评价、许可谈判与技术合同登记。"
    ),
}

EXPERT = {
    "email": "expert.sun@demo.linyi",
    "title": "教授级高级工程师",
    "affiliation": "山东省林业科学研究院",
    "fields": ["wood_furniture", "building_materials"],
    "expertise": "人造板胶黏剂、木材改性、环保家居材料",
}


def _organizations() -> dict[str, Organization]:
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
    pending, _ = Organization.objects.update_or_create(
        name=PENDING_ORG_NAME,
        defaults={
            "kind": Organization.Kind.ENTERPRISE,
            "credit_code": PENDING_ORG_CODE17 + credit_code_check_char(PENDING_ORG_CODE17),
            "region": "feixian",
            "contact_name": "周明",
            "contact_phone": "0539-5012345",
            "description": "生产氧化镁、硅酸钙板等无机建材的新材料企业，正在申请平台机构认证。",
            "verification_status": Organization.Verification.PENDING,
            "rejection_reason": "",
        },
    )
    orgs[PENDING_ORG_NAME] = pending
    return orgs


def _users(orgs) -> dict[str, User]:
    users = {}
    for email, name, staff, org_name, role, _label in USERS:
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
    return users


def _roles(users, orgs) -> None:
    broker = users[BROKER["email"]]
    profile, _ = BrokerProfile.objects.update_or_create(
        user=broker,
        defaults={
            "organization": orgs["临沂智联技术转移服务中心"],
            "certificate_number": BROKER["certificate_number"],
            "service_regions": BROKER["service_regions"],
            "years_of_experience": BROKER["years_of_experience"],
            "public_phone": BROKER["public_phone"],
            "bio": BROKER["bio"],
            "certification_status": BrokerProfile.Certification.CERTIFIED,
            "rejection_reason": "",
        },
    )
    if profile.certified_at is None:
        profile.certified_at = profile.created_at
        profile.save(update_fields=["certified_at"])
    profile.specialties.set(Industry.objects.filter(code__in=BROKER["specialties"]))
    expert, _ = ExpertProfile.objects.update_or_create(
        user=users[EXPERT["email"]],
        defaults={
            "title": EXPERT["title"],
            "affiliation": EXPERT["affiliation"],
            "expertise": EXPERT["expertise"],
            "is_active": True,
        },
    )
    expert.fields.set(Industry.objects.filter(code__in=EXPERT["fields"]))
    pending = orgs[PENDING_ORG_NAME]
    if not pending.verification_documents.exists():
        # Stored privately under a random name; only the org's admins and staff download it.
        VerificationDocument.objects.create(
            organization=pending,
            kind=VerificationDocument.Kind.BUSINESS_LICENSE,
            uploaded_by=users["zhou.pending@demo.linyi"],
            file=ContentFile(
                demo_pdf("营业执照（演示）", pending.name, "统一社会信用代码：见机构资料"),
                name="营业执照.pdf",
            ),
        )


def ensure_demo_totp(user: User) -> str:
    """Give a demo user an authenticator (once) and return its secret."""
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        authenticator = TOTP.activate(user, generate_totp_secret()).instance
    return decrypt(authenticator.data["secret"])


def load(stdout=None) -> dict[str, User]:
    orgs = _organizations()
    users = _users(orgs)
    _roles(users, orgs)
    secrets = {
        email: ensure_demo_totp(users[email]) for email in ("admin@demo.linyi", BROKER["email"])
    }
    if stdout:
        stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for email, name, _staff, org_name, _role, label in USERS:
            where = f"  {org_name}" if org_name else ""
            stdout.write(f"  {email:28} {name}  [{label}]{where}")
        stdout.write(
            "Two-step verification for the staff and broker accounts: after the password, "
            "enter the code from `manage.py demo_totp <email>`, or add the secret to an "
            "authenticator app:"
        )
        for email, secret in secrets.items():
            stdout.write(f"  {email:28} TOTP secret {secret}")
    return users
