"""Demo pages for `manage.py load_demo`: home, news, policies, a challenge call, services.

Idempotent: pages are found by slug under their parent and updated in place.
"""

import json
from datetime import date, timedelta

from django.utils import timezone
from wagtail.models import Locale, Page, Site

from cms import demo_en, services
from cms.models import (
    ChallengeCallIndexPage,
    ChallengeCallItem,
    ChallengeCallPage,
    HomePage,
    MenuItem,
    NewsIndexPage,
    NewsPage,
    PolicyIndexPage,
    PolicyPage,
    PolicyRelation,
    PortalSettings,
    ServicePage,
    StandardPage,
)


def _rich(html: str) -> dict:
    return {"type": "rich_text", "value": html}


def _stream(*blocks) -> str:
    return json.dumps(list(blocks), ensure_ascii=False)


def _upsert(parent: Page, model, slug: str, **fields):
    """Create or update a child page of `parent` and publish it."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    tags = fields.pop("tags", None)
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    if tags is not None:
        page.tags.set(tags)
    page.save_revision().publish()
    return page


NEWS = [
    {
        "slug": "2027-broker-training-class",
        "title": "2027年度第一期技术经纪人培训班开班，120名学员参训",
        "days_ago": 3,
        "source": "临沂市技术成果交易中心",
        "tags": ["技术经纪", "人才培训"],
        "intro": "培训为期五天，围绕技术转移政策、知识产权运营、技术合同登记与成果评价等内容展开，结业考核合格者纳入全市技术经纪人库。",
        "body": [
            "<p>近日，临沂市2027年度第一期技术经纪人培训班在市科技创新大厦开班。来自高校院所、科技服务机构和重点企业的120名学员参加培训。</p>",
            "<h2>课程突出实务</h2><p>本期课程分为政策解读、知识产权运营、技术合同登记、成果评价与定价、案例研讨五个模块，邀请省技术市场管理部门、高校技术转移中心和知识产权服务机构的专家授课。</p>",
            "<p>结业考核合格的学员将纳入全市技术经纪人库，可在平台上以经纪人身份撮合成果与需求，并按规定享受技术交易奖补。</p>",
        ],
    },
    {
        "slug": "panel-industry-matchmaking",
        "title": "人造板产业专场对接会举行，8项成果与企业达成合作意向",
        "days_ago": 9,
        "source": "临沂市科学技术局",
        "tags": ["对接活动", "木业"],
        "intro": "对接会聚焦无醛胶黏剂、智能检测和木塑复合材料，现场签约意向金额1860万元。",
        "body": [
            "<p>由市科技局主办、交易中心承办的人造板产业专场对接会在兰山区举行。沂蒙理工学院、市农科院等单位发布了无醛胶黏剂、木塑表面处理等32项成果。</p>",
            "<p>会上，8项成果与13家企业达成合作意向，意向金额1860万元。交易中心将安排技术经纪人全程跟进，协助双方完成技术合同登记。</p>",
        ],
    },
    {
        "slug": "pilot-base-list-2027",
        "title": "第三批市级中试基地名单公布，新增6家",
        "days_ago": 16,
        "source": "临沂市科学技术局",
        "tags": ["中试基地"],
        "intro": "新增基地覆盖食品加工、生物医药和装备制造，全市市级中试基地达到21家。",
        "body": [
            "<p>经单位申报、专家评审和现场核查，第三批市级中试基地名单公布，新增6家。至此全市市级中试基地达到21家，覆盖主要产业链。</p>",
            "<p>企业和高校院所可通过平台“中试基地”服务页查询基地设备和收费标准，在线预约中试服务。</p>",
        ],
    },
    {
        "slug": "contract-registration-q3",
        "title": "前三季度全市登记技术合同成交额同比增长23%",
        "days_ago": 30,
        "source": "临沂市技术成果交易中心",
        "tags": ["技术合同", "数据发布"],
        "intro": "技术开发和技术转让合同占比超过六成，企业作为买方的合同金额占比达到78%。",
        "body": [
            "<p>据交易中心统计，前三季度全市共登记技术合同1426份，成交额同比增长23%。其中技术开发和技术转让合同占比超过六成，企业作为技术买方的合同金额占比达到78%。</p>",
        ],
    },
]

POLICY_104 = {
    "slug": "linzhengzi-2023-104",
    "title": "临沂市人民政府关于推动科技创新高质量发展的实施意见",
    "document_number": "临政字〔2023〕104号",
    "authority": "临沂市人民政府",
    "issued_on": date(2023, 9, 12),
    "effective_on": date(2023, 9, 12),
    "status": "in_force",
    "topic": "tech_market",
    "highlight": True,
    "intro": "以下为平台整理的要点摘要，仅供参考，以正式发布的文件为准。\n"
    "一、建设统一的技术市场：依托市技术成果交易中心，统一成果发布、需求征集、交易撮合和技术合同登记，推动县区服务站点接入同一平台。\n"
    "二、壮大技术经纪人队伍：分级开展技术经纪人培训，建立全市技术经纪人库，对促成技术交易的经纪人按成交额给予奖励。\n"
    "三、改革科研项目组织方式：围绕产业链关键技术推行揭榜制、赛马制和组阁制，由企业出题、政府立榜、能者揭榜，按里程碑拨付资金。\n"
    "四、完善“五元”评价：对科技成果从技术、经济、社会、法律和市场等维度开展综合评价，评价结果作为交易定价、融资和项目支持的参考。",
    "body": [
        "<p>各县区人民政府（管委会），市政府各部门（单位）：</p>",
        "<p>为深入实施创新驱动发展战略，加快科技成果向现实生产力转化，结合我市实际，提出如下实施意见。</p>",
        "<h2>一、建设统一开放的技术市场</h2><p>整合全市技术转移服务资源，依托临沂市技术成果交易中心建设线上线下一体的技术交易平台，统一发布科技成果和企业技术需求，提供交易撮合、挂牌交易、技术合同登记等服务。</p>",
        "<h2>二、加强技术经纪人队伍建设</h2><p>建立初级、中级、高级技术经纪人分级培训体系，每年培训技术经纪人不少于300人次。对促成技术合同登记的经纪人（机构），按技术交易额的一定比例给予奖励。</p>",
        "<h2>三、创新科研项目组织方式</h2><p>聚焦重点产业链“卡脖子”技术，实行“揭榜制”“赛马制”“组阁制”，面向全国发布榜单，不设门槛、不论资历，按项目里程碑分阶段拨付资金。</p>",
        "<h2>四、健全科技成果“五元”评价体系</h2><p>推动科技成果评价由单一评价向技术、经济、社会、法律、市场多元评价转变，培育专业化第三方评价机构。</p>",
    ],
}

POLICIES = [
    POLICY_104,
    {
        "slug": "broker-management-2024",
        "title": "临沂市技术经纪人管理办法（试行）",
        "document_number": "临科字〔2024〕21号",
        "authority": "临沂市科学技术局",
        "issued_on": date(2024, 3, 18),
        "effective_on": date(2024, 5, 1),
        "status": "in_force",
        "topic": "talent",
        "highlight": True,
        "intro": "以下为平台整理的要点摘要：办法明确技术经纪人的入库条件、执业规范、绩效评价和奖励方式，经纪人在平台撮合的交易以登记的技术合同为准计算业绩。",
        "body": [
            "<h2>第一章 总则</h2><p>第一条 为规范技术经纪活动，培育专业化技术转移人才队伍，根据有关规定，制定本办法。</p>",
            "<h2>第二章 入库与培训</h2><p>第五条 参加市级技术经纪人培训并考核合格的人员，可申请纳入全市技术经纪人库。</p>",
            "<h2>第三章 执业规范</h2><p>第九条 技术经纪人应当如实披露供需双方信息，不得泄露委托方商业秘密。</p>",
        ],
    },
    {
        "slug": "pilot-base-measures-2021",
        "title": "临沂市科技成果转化中试基地认定管理办法",
        "document_number": "临科发〔2021〕9号",
        "authority": "临沂市科学技术局",
        "issued_on": date(2021, 6, 2),
        "effective_on": date(2021, 7, 1),
        "status": "superseded",
        "topic": "transformation",
        "highlight": False,
        "intro": "以下为平台整理的要点摘要：办法规定了市级中试基地的认定条件、申报程序和绩效评价；自2024年起相关条款由新修订的办法替代。",
        "body": [
            "<p>第一条 为加快科技成果熟化和产业化，规范市级中试基地建设与管理，制定本办法。</p>",
            "<p>第六条 申报市级中试基地应具备独立的中试场地、专业设备和技术团队，近两年为企业提供中试服务不少于10项。</p>",
        ],
    },
]

SERVICES = [
    {
        "slug": "broker-services",
        "title": "技术经纪服务",
        "intro": "持证技术经纪人一对一服务：梳理需求、检索成果、组织对接、协助谈判与合同登记。",
        "blocks": [
            _rich(
                "<h2>我们能做什么</h2><ul><li>把企业的“土话”难题翻译成技术需求</li><li>在全国成果库中检索可用成果和专家团队</li><li>组织线上线下对接，陪同谈判</li><li>协助起草、登记技术合同，申请奖补</li></ul>"
            ),
            {
                "type": "figures",
                "value": {
                    "heading": "服务成效",
                    "items": [
                        {"value": "136", "unit": "名", "label": "在库技术经纪人"},
                        {"value": "412", "unit": "项", "label": "年度撮合对接"},
                        {"value": "2.3", "unit": "亿元", "label": "促成合同成交额"},
                    ],
                },
            },
            {
                "type": "faq",
                "value": {
                    "heading": "常见问题",
                    "items": [
                        {
                            "question": "经纪服务收费吗？",
                            "answer": "<p>需求梳理和首次对接免费；促成交易后按合同约定收取服务费，平台公示收费标准。</p>",
                        },
                        {
                            "question": "怎样成为技术经纪人？",
                            "answer": "<p>参加市级技术经纪人培训并考核合格后，可申请入库。</p>",
                        },
                    ],
                },
            },
            {
                "type": "call_to_action",
                "value": {
                    "title": "有技术难题？交给经纪人",
                    "text": "发布需求后，1个工作日内会有经纪人与您联系。",
                    "button_label": "发布技术需求",
                    "page": None,
                    "url": "/needs/",
                },
            },
            {
                "type": "contact_card",
                "value": {
                    "name": "技术经纪服务部",
                    "role": "需求受理与经纪人派单",
                    "phone": "0539-8888 0001",
                    "email": "broker@lytt.example.cn",
                    "address": "临沂市兰山区科技创新大厦5楼",
                    "hours": "工作日 9:00–17:30",
                },
            },
        ],
    },
    {
        "slug": "achievement-evaluation",
        "title": "成果评价",
        "intro": "依据“五元”评价思路，从技术、经济、社会、法律、市场五个维度评价科技成果，为定价、融资提供参考。",
        "blocks": [
            _rich(
                "<h2>评价流程</h2><ol><li>在线提交评价申请和成果材料</li><li>评价机构形式审查</li><li>组织同行专家评议</li><li>出具评价报告并在平台备案</li></ol>"
            ),
            {
                "type": "faq",
                "value": {
                    "heading": "常见问题",
                    "items": [
                        {
                            "question": "评价报告可以用于什么？",
                            "answer": "<p>可作为技术交易定价、知识产权质押融资和科技项目申报的参考材料。</p>",
                        }
                    ],
                },
            },
            {
                "type": "contact_card",
                "value": {
                    "name": "成果评价服务窗口",
                    "phone": "0539-8888 0002",
                    "hours": "工作日 9:00–17:30",
                },
            },
        ],
    },
    {
        "slug": "pilot-bases",
        "title": "中试基地",
        "intro": "21家市级中试基地向企业和高校院所开放，提供小试放大、工艺验证和样品试制服务。",
        "blocks": [
            {
                "type": "figures",
                "value": {
                    "heading": "基地概况",
                    "items": [
                        {"value": "21", "unit": "家", "label": "市级中试基地"},
                        {"value": "1,800", "unit": "台套", "label": "开放共享设备"},
                        {"value": "7", "unit": "条", "label": "覆盖产业链"},
                    ],
                },
            },
            _rich(
                "<h2>预约中试</h2><p>在平台选择基地和设备，填写中试内容与周期，基地将在3个工作日内确认排期和费用。</p>"
            ),
        ],
    },
    {
        "slug": "tech-finance",
        "title": "科技金融",
        "intro": "知识产权质押、科技成果转化贷款和风险补偿，帮助企业为技术买单。",
        "blocks": [
            _rich(
                "<h2>可办理的业务</h2><ul><li>知识产权质押融资</li><li>“科技成果转化贷”</li><li>技术交易保险</li></ul><p>合作银行对登记技术合同的买方企业给予利率优惠，市级风险补偿资金池按规定分担损失。</p>"
            ),
            {
                "type": "call_to_action",
                "value": {
                    "title": "了解融资支持政策",
                    "text": "查看现行有效的科技金融与成果转化政策。",
                    "button_label": "进入政策库",
                    "page": None,
                    "url": "/policies/",
                },
            },
        ],
    },
]


def _load_news(home: HomePage) -> NewsIndexPage:
    index = _upsert(
        home,
        NewsIndexPage,
        "news",
        title="新闻动态",
        intro="<p>交易中心工作动态、对接活动和技术市场数据。</p>",
    )
    today = timezone.localdate()
    for row in NEWS:
        _upsert(
            index,
            NewsPage,
            row["slug"],
            title=row["title"],
            date=today - timedelta(days=row["days_ago"]),
            source=row["source"],
            intro=row["intro"],
            tags=row["tags"],
            body=_stream(*[_rich(html) for html in row["body"]]),
        )
    return index


def _load_policies(home: HomePage) -> PolicyIndexPage:
    index = _upsert(
        home,
        PolicyIndexPage,
        "policies",
        title="政策文件",
        intro="<p>科技成果转化、技术市场、人才与科技金融相关政策，可按发文机关、年份和主题筛选。</p>",
    )
    pages = {}
    for row in POLICIES:
        row = dict(row)
        slug, body = row.pop("slug"), row.pop("body")
        pages[slug] = _upsert(
            index, PolicyPage, slug, **row, body=_stream(*[_rich(h) for h in body])
        )
    links = {
        "linzhengzi-2023-104": ["broker-management-2024"],
        "broker-management-2024": ["linzhengzi-2023-104"],
        "pilot-base-measures-2021": ["linzhengzi-2023-104"],
    }
    for slug, related in links.items():
        page = pages[slug]
        page.related_links = [PolicyRelation(related=pages[r]) for r in related]
        page.save_revision().publish()
    return index


def _load_challenge_call(home: HomePage, challenges) -> ChallengeCallIndexPage:
    index = _upsert(
        home,
        ChallengeCallIndexPage,
        "challenge-calls",
        title="揭榜挂帅榜单",
        intro="<p>企业出题、政府立榜、能者揭榜。榜单面向全国发布，不设门槛、不论资历。</p>",
    )
    today = timezone.localdate()
    opens = today - timedelta(days=5)
    call = _upsert(
        index,
        ChallengeCallPage,
        "2027-batch-1",
        title="2027年第一批揭榜挂帅榜单",
        organizer="临沂市科学技术局",
        opens_on=opens,
        closes_on=today + timedelta(days=55),
        intro="聚焦木业、食品、装备制造等产业链的关键共性技术难题，首批发布榜单项目，采用揭榜制组织实施，单项榜额最高300万元。",
        introduction="<p>本批榜单由企业提出需求、市科技局组织专家论证后发布。揭榜单位可以是高校、科研院所或企业，鼓励组建产学研联合体揭榜。</p>",
        rules=_stream(
            _rich(
                "<ol><li>揭榜单位须在平台注册并完成机构认证。</li><li>每个项目原则上由一家单位（联合体）揭榜；出现多家优势相当的，可采用赛马制并行支持。</li><li>项目实行里程碑管理，榜额按合同约定分期拨付。</li></ol>"
            ),
            {
                "type": "contact_card",
                "value": {
                    "name": "揭榜挂帅工作专班",
                    "phone": "0539-8888 0003",
                    "email": "jiebang@lytt.example.cn",
                    "hours": "工作日 9:00–17:30",
                },
            },
        ),
        schedule=json.dumps(
            [
                {
                    "type": "item",
                    "value": {"date": opens.isoformat(), "end_date": None, "event": "榜单发布"},
                },
                {
                    "type": "item",
                    "value": {
                        "date": opens.isoformat(),
                        "end_date": (today + timedelta(days=55)).isoformat(),
                        "event": "在线揭榜申报",
                    },
                },
                {
                    "type": "item",
                    "value": {
                        "date": (today + timedelta(days=70)).isoformat(),
                        "end_date": None,
                        "event": "专家评审与路演",
                    },
                },
                {
                    "type": "item",
                    "value": {
                        "date": (today + timedelta(days=90)).isoformat(),
                        "end_date": None,
                        "event": "公示揭榜结果并签订合同",
                    },
                },
            ]
        ),
    )
    call.challenge_items = [ChallengeCallItem(challenge=challenge) for challenge in challenges]
    call.save_revision().publish()
    return index


def _load_services(home: HomePage) -> StandardPage:
    hub = _upsert(
        home,
        StandardPage,
        "services",
        title="中心服务",
        intro="从成果评价、技术经纪到中试熟化、科技金融，交易中心为技术交易的每一步提供服务。",
        body=_stream(
            {
                "type": "figures",
                "value": {
                    "heading": "",
                    "items": [
                        {"value": "4", "unit": "类", "label": "公共服务"},
                        {"value": "1", "unit": "个工作日", "label": "需求响应"},
                    ],
                },
            }
        ),
    )
    for row in SERVICES:
        _upsert(
            hub,
            ServicePage,
            row["slug"],
            title=row["title"],
            intro=row["intro"],
            body=_stream(*row["blocks"]),
        )
    return hub


def _load_settings(site: Site, pages: dict[str, Page]) -> None:
    settings = PortalSettings.for_site(site)
    settings.organization = "临沂市技术成果交易中心"
    settings.hotline = "0539-8888 0000"
    settings.email = "service@lytt.example.cn"
    settings.address = "山东省临沂市兰山区科技创新大厦"
    settings.office_hours = "工作日 9:00–12:00，13:30–17:30"
    settings.icp_number = "鲁ICP备2023012345号-1"
    settings.footer_note = "临沂市科学技术局指导 · 临沂市技术成果交易中心运营"
    for name, value in demo_en.SETTINGS.items():
        setattr(settings, name, value)
    items = [
        MenuItem(location="header", label="政策", page=pages["policies"]),
        MenuItem(location="header", label="新闻", page=pages["news"]),
        MenuItem(location="header", label="服务", page=pages["services"]),
        MenuItem(location="footer", label="揭榜挂帅榜单", page=pages["challenges"]),
    ]
    items += [
        MenuItem(location="footer", page=page)
        for page in ServicePage.objects.child_of(pages["services"]).live()
    ]
    for item in items:
        item.label_en = demo_en.MENU_LABELS.get(item.label, "")
    settings.menu_items = items
    settings.save()


def _home_site() -> tuple[Site, HomePage]:
    """The default site and its HomePage; recreated if a test run flushed the tables."""
    home = HomePage.objects.first()
    if home is None:
        Locale.objects.get_or_create(language_code="zh-hans")
        root = Page.get_first_root_node() or Page.add_root(title="根目录", slug="root")
        home = root.add_child(instance=HomePage(title="首页", slug="home"))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True
        )
    if site.root_page_id != home.pk:
        raise RuntimeError("The default site's root page is not the portal's HomePage")
    return site, home


def _english() -> Locale:
    return Locale.objects.get_or_create(language_code="en")[0]


def _translate(page: Page, **fields):
    """Create or update the English translation of `page` (Wagtail's copy for translation, as
    the admin's "Translate" action makes) with English `fields`, and publish it."""
    source = page.specific
    translated = source.get_translation_or_none(_english())
    if translated is None:
        translated = source.copy_for_translation(_english())
    translated = translated.specific
    tags = fields.pop("tags", None)
    for name, value in fields.items():
        setattr(translated, name, value)
    if tags is not None:
        translated.tags.set(tags)
    translated.save_revision().publish()
    return translated


def _stream_of(blocks) -> str:
    return _stream(*blocks)


def load_english(home: HomePage, pages: dict[str, Page]) -> HomePage:
    """English versions of every demo page; parents first (a translation lives under the
    translation of its parent)."""
    en_home = _translate(home, **demo_en.HOME)
    _translate(pages["news"], **demo_en.NEWS_INDEX)
    for page in NewsPage.objects.child_of(pages["news"]).filter(slug__in=demo_en.NEWS):
        row = dict(demo_en.NEWS[page.slug])
        body = row.pop("body")
        _translate(page, **row, body=_stream(*[_rich(html) for html in body]))
    _translate(pages["policies"], **demo_en.POLICY_INDEX)
    for page in PolicyPage.objects.child_of(pages["policies"]).filter(slug__in=demo_en.POLICIES):
        row = dict(demo_en.POLICIES[page.slug])
        body = row.pop("body")
        _translate(page, **row, body=_stream(*[_rich(html) for html in body]))
    _translate(pages["challenges"], **demo_en.CHALLENGE_INDEX)
    for call in ChallengeCallPage.objects.child_of(pages["challenges"]):
        row = demo_en.challenge_call(call.opens_on, call.closes_on, timezone.localdate())
        schedule = [
            {
                "type": "item",
                "value": {
                    "date": start.isoformat(),
                    "end_date": end.isoformat() if end else None,
                    "event": event,
                },
            }
            for start, end, event in row.pop("schedule")
        ]
        rules = _stream_of(row.pop("rules"))
        translated = _translate(call, **row, rules=rules, schedule=json.dumps(schedule))
        translated.challenge_items = [
            ChallengeCallItem(challenge_id=item.challenge_id) for item in call.challenge_items.all()
        ]
        translated.save_revision().publish()
    _translate(
        pages["services"],
        **{**demo_en.SERVICES_HUB, "body": _stream_of(demo_en.SERVICES_HUB["body"])},
    )
    by_slug = {}
    for page in ServicePage.objects.child_of(pages["services"]).filter(slug__in=demo_en.SERVICES):
        row = demo_en.SERVICES[page.slug]
        by_slug[page.slug] = _translate(page, **{**row, "body": _stream_of(row["body"])})
    # Fresh from the database: its children were added since (publishing a stale copy would
    # write numchild=0 back, and Wagtail routes nothing below a "leaf").
    en_home = HomePage.objects.get(pk=en_home.pk)
    en_home.university_page = by_slug["achievement-evaluation"]
    en_home.enterprise_page = by_slug["pilot-bases"]
    en_home.broker_page = by_slug["broker-services"]
    en_home.save_revision().publish()
    return en_home


def load(stdout=None, *, challenges=()) -> None:
    """challenges: the 揭榜挂帅 challenges the demo call lists (portal.demo passes the challenges
    demo's; the CMS does not import the challenges app)."""
    site, home = _home_site()
    pages = {
        "news": _load_news(home),
        "policies": _load_policies(home),
        "challenges": _load_challenge_call(home, challenges),
        "services": _load_services(home),
    }
    services_by_slug = {p.slug: p for p in ServicePage.objects.child_of(pages["services"])}
    home.university_page = services_by_slug["achievement-evaluation"]
    home.enterprise_page = services_by_slug["pilot-bases"]
    home.broker_page = services_by_slug["broker-services"]
    home.save_revision().publish()
    load_english(home, pages)
    _load_settings(site, pages)
    services.set_up_moderation_workflow(root=home, moderated=[pages["news"], pages["policies"]])
    if stdout:
        stdout.write(
            f"Demo pages: {len(NEWS)} news, {len(POLICIES)} policies, 1 challenge call, "
            f"{len(SERVICES)} services, each also in English"
        )
