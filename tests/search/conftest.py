"""Search fixtures: a small realistic corpus, indexed in the real Elasticsearch."""

from decimal import Decimal

import pytest

from accounts.models import Organization
from marketplace.models import Status
from search.rebuild import rebuild_all
from tests.challenges.factories import challenge_from_need
from tests.factories import OrganizationFactory
from tests.search.factories import achievement, need


@pytest.fixture
def corpus(db):
    uni = OrganizationFactory(kind=Organization.Kind.UNIVERSITY, region="lanshan")
    firm = OrganizationFactory(kind=Organization.Kind.ENTERPRISE, region="luozhuang")
    glue = achievement(
        "植物蛋白基无醛木材胶黏剂",
        "以豆粕蛋白为原料的无醛胶黏剂，可沿用现有热压设备，胶合强度达到Ⅱ类胶合板要求。",
        keywords=["无醛", "胶黏剂", "胶合板"],
        organization=uni,
        maturity="pilot",
        transfer_modes=["license"],
        asking_price_cny=Decimal("400000"),
    )
    vision = achievement(
        "单板表面缺陷机器视觉分级系统",
        "采用工业相机和深度学习识别节子、开裂、虫眼，自动分拣单板等级，对接输送线。",
        keywords=["机器视觉", "缺陷检测", "分拣"],
        organization=firm,
        maturity="industrialized",
        transfer_modes=["transfer"],
        asking_price_cny=Decimal("900000"),
        patent_type="software",
    )
    cold = achievement(
        "果蔬产地差压预冷装置",
        "移动式差压预冷，采后两小时内把菜心温度降到4℃，减少运输损耗，适用于冷链物流。",
        keywords=["预冷", "冷链"],
        industry_code="logistics",
        organization=uni,
        maturity="small_batch",
        transfer_modes=["license", "joint_development"],
        asking_price_cny=None,
    )
    secret = achievement(
        "未发布的秸秆板材配方",
        "草稿，不应被检索到。",
        organization=uni,
        status=Status.DRAFT,
        published_at=None,
        reserve_price_cny=Decimal("123456"),
    )
    glue_need = need(
        "多层板甲醛超标，想换不含甲醛的胶",
        "板厂想找无醛胶黏剂，能用现在的热压机，成本别涨太多，泡水不开胶。",
        keywords=["多层板", "甲醛"],
        organization=firm,
        budget_max_cny=Decimal("500000"),
    )
    # A need made into a published 揭榜挂帅榜单, which stands for it in the index.
    challenge = need(
        "【揭榜】单板分等全靠人眼，求自动分拣",
        "希望用机器视觉识别单板缺陷并自动分拣，能和现有输送线衔接。",
        organization=firm,
    )
    board = challenge_from_need(challenge, bounty_cny=Decimal("1000000"))
    return {
        "glue": glue,
        "vision": vision,
        "cold": cold,
        "secret": secret,
        "glue_need": glue_need,
        "challenge": challenge,
        "board": board,
        "uni": uni,
        "firm": firm,
    }


@pytest.fixture
def indexed(corpus, clean_indices):
    rebuild_all(progress=False)
    return corpus
