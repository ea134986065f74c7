"""English versions of the demo pages (cms.demo), keyed by the Chinese page's slug.

Written for English readers, not machine copies: names of Chinese bodies and documents are
given in English with the official form where a reader needs it. Streams are block lists in
cms.blocks' shapes; the loader (cms.demo.load_english) serialises them.
"""

from datetime import timedelta


def rich(html: str) -> dict:
    return {"type": "rich_text", "value": html}


HOME = {
    "title": "Home",
    "hero_title": "Put every technology achievement to work",
    "hero_subtitle": (
        "Linyi Technology Transaction Center · achievements, technology needs, open challenges "
        "and technology brokers in one place"
    ),
    "hot_terms": "formaldehyde-free adhesive, food sterilisation, laser cladding, smart loading",
}

NEWS_INDEX = {
    "title": "News",
    "intro": "<p>The center's work, matchmaking events and technology market figures.</p>",
}

NEWS = {
    "2027-broker-training-class": {
        "title": "First 2027 training class for technology brokers opens with 120 trainees",
        "source": "Linyi Technology Transaction Center",
        "tags": ["technology brokerage", "training"],
        "intro": (
            "The five-day course covers technology transfer policy, IP management, contract "
            "registration and achievement evaluation; those who pass join the city's broker pool."
        ),
        "body": [
            "<p>Linyi's first technology broker training class of 2027 opened at the city's "
            "Science and Technology Innovation Tower, with 120 trainees from universities, "
            "research institutes, service agencies and leading companies.</p>",
            "<h2>A practical curriculum</h2><p>Five modules (policy, IP management, contract "
            "registration, evaluation and pricing, and case studies) are taught by experts from "
            "the provincial technology market authority, university transfer offices and IP "
            "service firms.</p>",
            "<p>Trainees who pass the final assessment join the city's broker pool: they can "
            "match achievements with needs on the portal as brokers and receive the technology "
            "transaction rewards the rules provide.</p>",
        ],
    },
    "panel-industry-matchmaking": {
        "title": "Wood-panel industry matchmaking: 8 achievements find partner companies",
        "source": "Linyi Municipal Science and Technology Bureau",
        "tags": ["matchmaking", "wood industry"],
        "intro": (
            "The event focused on formaldehyde-free adhesives, smart inspection and wood-plastic "
            "composites; letters of intent worth CNY 18.6 million were signed on site."
        ),
        "body": [
            "<p>The wood-panel matchmaking event, hosted by the Science and Technology Bureau "
            "and run by the center, took place in Lanshan District. Yimeng Institute of "
            "Technology, the city's Academy of Agricultural Sciences and others presented 32 "
            "achievements, including formaldehyde-free adhesives and wood-plastic surface "
            "treatments.</p>",
            "<p>Eight achievements reached letters of intent with 13 companies, worth CNY 18.6 "
            "million. Technology brokers will follow each deal through to a registered "
            "technology contract.</p>",
        ],
    },
    "pilot-base-list-2027": {
        "title": "Third list of municipal pilot-scale bases published: six new bases",
        "source": "Linyi Municipal Science and Technology Bureau",
        "tags": ["pilot bases"],
        "intro": (
            "The new bases cover food processing, biomedicine and equipment manufacturing; "
            "the city now has 21 municipal pilot-scale bases."
        ),
        "body": [
            "<p>After applications, expert review and site inspections, six bases joined the "
            "third municipal list, bringing the total to 21 across the main industrial "
            "chains.</p>",
            "<p>Companies and institutes can look up each base's equipment and fees on the "
            "portal's Pilot bases page and book pilot-scale work online.</p>",
        ],
    },
    "contract-registration-q3": {
        "title": "Registered technology contracts up 23% year on year in the first three quarters",
        "source": "Linyi Technology Transaction Center",
        "tags": ["technology contracts", "statistics"],
        "intro": (
            "Development and transfer contracts make up over 60%; companies bought 78% of the "
            "contract value."
        ),
        "body": [
            "<p>The center registered 1,426 technology contracts in the first three quarters, "
            "23% more by value than a year earlier. Development and transfer contracts made up "
            "over 60%, and companies were the buyers of 78% of the contract value.</p>",
        ],
    },
}

POLICY_INDEX = {
    "title": "Policies",
    "intro": (
        "<p>Policies on technology transfer, the technology market, talent and technology "
        "finance, filterable by issuing authority, year and topic.</p>"
    ),
}

POLICIES = {
    "linzhengzi-2023-104": {
        "title": (
            "Implementing Opinions of the Linyi Municipal People's Government on High-Quality "
            "Development Driven by Innovation"
        ),
        "document_number": "Linzhengzi [2023] No. 104",
        "authority": "Linyi Municipal People's Government",
        "intro": (
            "A summary prepared by the portal for reference; the officially published text "
            "prevails.\n"
            "1. One technology market: the Linyi Technology Transaction Center publishes "
            "achievements, collects needs, brokers deals and registers contracts, and county "
            "service points join the same platform.\n"
            "2. More technology brokers: graded training, a city-wide broker pool, and rewards "
            "by transaction value for brokers who close deals.\n"
            "3. New ways to organise research: open challenges (jiebang guashuai), parallel "
            "'horse-race' funding and assembled teams for key technologies of local industrial "
            "chains, with funds paid by milestone.\n"
            "4. Five-dimension evaluation: achievements assessed on technical, economic, social, "
            "legal and market grounds, as a reference for pricing, finance and project support."
        ),
        "body": [
            "<p>To the people's governments (administrative committees) of the counties and "
            "districts, and all departments of the municipal government:</p>",
            "<p>To pursue innovation-driven development and turn research results into "
            "production faster, the following opinions are issued in light of local "
            "conditions.</p>",
            "<h2>1. A unified, open technology market</h2><p>Bring the city's technology "
            "transfer services together on an online and offline platform run by the Linyi "
            "Technology Transaction Center, publishing achievements and company needs and "
            "offering matchmaking, listed trading and contract registration.</p>",
            "<h2>2. Building the broker workforce</h2><p>Set up junior, intermediate and senior "
            "broker training for at least 300 trainees a year, and reward brokers (and "
            "agencies) whose deals are registered as technology contracts in proportion to the "
            "transaction value.</p>",
            "<h2>3. New ways to organise research projects</h2><p>For bottleneck technologies "
            "of key industrial chains, use open challenges, parallel funding and assembled "
            "teams, published nationwide with no thresholds and no seniority rules, and pay "
            "funds in stages by milestone.</p>",
            "<h2>4. Five-dimension evaluation of achievements</h2><p>Move from a single "
            "assessment to technical, economic, social, legal and market evaluation, and "
            "develop professional third-party evaluators.</p>",
        ],
    },
    "broker-management-2024": {
        "title": "Linyi Measures for the Management of Technology Brokers (Trial)",
        "document_number": "Linkezi [2024] No. 21",
        "authority": "Linyi Municipal Science and Technology Bureau",
        "intro": (
            "A summary prepared by the portal: the measures set the conditions for joining the "
            "broker pool, the rules of practice, performance reviews and rewards; deals brokered "
            "on the portal count by their registered technology contracts."
        ),
        "body": [
            "<h2>Chapter 1 General provisions</h2><p>Article 1 These measures are made to "
            "regulate technology brokerage and build a professional technology transfer "
            "workforce.</p>",
            "<h2>Chapter 2 Pool and training</h2><p>Article 5 People who complete the municipal "
            "broker training and pass its assessment may apply to join the city's broker "
            "pool.</p>",
            "<h2>Chapter 3 Rules of practice</h2><p>Article 9 Technology brokers disclose the "
            "parties' information truthfully and do not reveal a client's trade secrets.</p>",
        ],
    },
    "pilot-base-measures-2021": {
        "title": "Linyi Measures for Recognising and Managing Pilot-Scale Bases",
        "document_number": "Linkefa [2021] No. 9",
        "authority": "Linyi Municipal Science and Technology Bureau",
        "intro": (
            "A summary prepared by the portal: the measures set the conditions, application "
            "procedure and performance review of municipal pilot-scale bases; since 2024 the "
            "revised measures replace the relevant articles."
        ),
        "body": [
            "<p>Article 1 These measures are made to speed up the maturing and "
            "industrialisation of research results and to regulate municipal pilot-scale "
            "bases.</p>",
            "<p>Article 6 An applicant base has its own pilot site, specialised equipment and "
            "technical team, and has run at least 10 pilot-scale projects for companies in the "
            "last two years.</p>",
        ],
    },
}

CHALLENGE_INDEX = {
    "title": "Open challenge calls",
    "intro": (
        "<p>Companies set the problems, the government publishes the call, and whoever can "
        "solve it takes it on. Calls are open nationwide, with no thresholds and no seniority "
        "rules.</p>"
    ),
}


def challenge_call(opens, closes, today) -> dict:
    return {
        "title": "2027 open challenges, first batch",
        "organizer": "Linyi Municipal Science and Technology Bureau",
        "intro": (
            "Key common problems of the wood, food and equipment manufacturing chains. The "
            "first batch is run as open challenges, with up to CNY 3 million for each "
            "project."
        ),
        "introduction": (
            "<p>The projects in this batch were proposed by companies and published after "
            "expert review by the Science and Technology Bureau. Universities, research "
            "institutes and companies may apply, and joint industry-university teams are "
            "encouraged.</p>"
        ),
        "rules": [
            rich(
                "<ol><li>Applicants register on the portal and have their organization "
                "verified.</li><li>Each project is normally taken by one applicant (or "
                "consortium); where several are equally strong, they may be funded in "
                "parallel.</li><li>Projects are managed by milestone, and funds are paid in "
                "instalments as the contract sets out.</li></ol>"
            ),
            {
                "type": "contact_card",
                "value": {
                    "name": "Open challenges team",
                    "phone": "0539-8888 0003",
                    "email": "jiebang@lytt.example.cn",
                    "hours": "Weekdays 9:00–17:30",
                },
            },
        ],
        "schedule": [
            (opens, None, "Call published"),
            (opens, closes, "Applications online"),
            (today + timedelta(days=70), None, "Expert review and pitches"),
            (today + timedelta(days=90), None, "Results announced and contracts signed"),
        ],
    }


SERVICES_HUB = {
    "title": "Services",
    "intro": (
        "From evaluation and brokerage to pilot-scale work and technology finance, the center "
        "supports every step of a technology deal."
    ),
    "body": [
        {
            "type": "figures",
            "value": {
                "heading": "",
                "items": [
                    {"value": "4", "unit": "", "label": "public services"},
                    {"value": "1", "unit": "day", "label": "to answer a need"},
                ],
            },
        }
    ],
}

SERVICES = {
    "broker-services": {
        "title": "Technology brokerage",
        "intro": (
            "Certified technology brokers work with you one to one: defining the need, finding "
            "achievements, arranging meetings, negotiating and registering the contract."
        ),
        "body": [
            rich(
                "<h2>What we do</h2><ul><li>Turn a company's practical problem into a clear "
                "technology need</li><li>Search achievements and expert teams nationwide</li>"
                "<li>Arrange meetings online and in person, and sit in on negotiations</li>"
                "<li>Help draft and register the technology contract and apply for "
                "rewards</li></ul>"
            ),
            {
                "type": "figures",
                "value": {
                    "heading": "Results",
                    "items": [
                        {"value": "136", "unit": "", "label": "brokers in the pool"},
                        {"value": "412", "unit": "", "label": "matches a year"},
                        {"value": "230", "unit": "CNY m", "label": "contracts closed"},
                    ],
                },
            },
            {
                "type": "faq",
                "value": {
                    "heading": "Questions",
                    "items": [
                        {
                            "question": "Do brokers charge a fee?",
                            "answer": "<p>Defining the need and the first meeting are free; "
                            "after a deal, the fee agreed in the contract applies, at the rates "
                            "the portal publishes.</p>",
                        },
                        {
                            "question": "How do I become a technology broker?",
                            "answer": "<p>Complete the municipal broker training and pass its "
                            "assessment, then apply to join the pool.</p>",
                        },
                    ],
                },
            },
            {
                "type": "call_to_action",
                "value": {
                    "title": "A technical problem? Hand it to a broker",
                    "text": "Post your need and a broker will contact you within one working day.",
                    "button_label": "Post a need",
                    "page": None,
                    "url": "/en/needs/",
                },
            },
            {
                "type": "contact_card",
                "value": {
                    "name": "Brokerage services",
                    "role": "Receives needs and assigns brokers",
                    "phone": "0539-8888 0001",
                    "email": "broker@lytt.example.cn",
                    "address": "5F, Science and Technology Innovation Tower, Lanshan, Linyi",
                    "hours": "Weekdays 9:00–17:30",
                },
            },
        ],
    },
    "achievement-evaluation": {
        "title": "Achievement evaluation",
        "intro": (
            "Achievements are evaluated on five dimensions (technical, economic, social, legal "
            "and market) as a reference for pricing and finance."
        ),
        "body": [
            rich(
                "<h2>How it works</h2><ol><li>Apply online with the achievement's "
                "documents</li><li>The evaluator checks the application</li><li>Peer experts "
                "review the achievement</li><li>A report is issued and filed on the "
                "portal</li></ol>"
            ),
            {
                "type": "faq",
                "value": {
                    "heading": "Questions",
                    "items": [
                        {
                            "question": "What is the report used for?",
                            "answer": "<p>As a reference for pricing a deal, IP-backed loans "
                            "and applications for research projects.</p>",
                        }
                    ],
                },
            },
            {
                "type": "contact_card",
                "value": {
                    "name": "Evaluation desk",
                    "phone": "0539-8888 0002",
                    "hours": "Weekdays 9:00–17:30",
                },
            },
        ],
    },
    "pilot-bases": {
        "title": "Pilot-scale bases",
        "intro": (
            "21 municipal pilot-scale bases are open to companies and institutes for scale-up, "
            "process validation and prototype runs."
        ),
        "body": [
            {
                "type": "figures",
                "value": {
                    "heading": "At a glance",
                    "items": [
                        {"value": "21", "unit": "", "label": "municipal bases"},
                        {"value": "1,800", "unit": "", "label": "shared instruments"},
                        {"value": "7", "unit": "", "label": "industrial chains"},
                    ],
                },
            },
            rich(
                "<h2>Booking a pilot run</h2><p>Choose a base and its equipment on the portal "
                "and describe the work and its duration; the base confirms the schedule and fee "
                "within three working days.</p>"
            ),
        ],
    },
    "tech-finance": {
        "title": "Technology finance",
        "intro": (
            "IP-backed loans, technology transfer loans and risk compensation help companies "
            "pay for technology."
        ),
        "body": [
            rich(
                "<h2>What is available</h2><ul><li>Loans secured on intellectual property</li>"
                "<li>Technology transfer loans</li><li>Technology transaction insurance</li>"
                "</ul><p>Partner banks offer lower rates to companies buying under a registered "
                "technology contract, and the city's risk compensation fund shares losses as the "
                "rules provide.</p>"
            ),
            {
                "type": "call_to_action",
                "value": {
                    "title": "Finance support policies",
                    "text": "See the technology finance and transfer policies in force.",
                    "button_label": "Browse policies",
                    "page": None,
                    "url": "/en/policies/",
                },
            },
        ],
    },
}

SETTINGS = {
    "organization_en": "Linyi Technology Transaction Center",
    "address_en": "Science and Technology Innovation Tower, Lanshan District, Linyi, Shandong",
    "office_hours_en": "Weekdays 9:00–12:00, 13:30–17:30",
    "footer_note_en": (
        "Guided by the Linyi Municipal Science and Technology Bureau · run by the Linyi "
        "Technology Transaction Center"
    ),
}

# Header and footer menu labels by their Chinese label (blank: the English page's title).
MENU_LABELS = {"政策": "Policies", "新闻": "News", "服务": "Services"}
