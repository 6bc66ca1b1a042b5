"""The synthetic programme's records: N valid, realistic projects and their narratives.

Realistic sizes (issue 7): a Markdown summary of about 300 words (three paragraphs and a short
list), 3 outcomes, 2 quotes and 1 or 2 boroughs each, and a mix of the optional fields. The
records are plain dicts in the data file's field order, as an editor writes them in
data/projects.yaml; they depend only on the count, the borough names and the seed.
"""

from __future__ import annotations

import random

import repository  # noqa: F401  (puts hooks/ on sys.path for `showcase`)
from showcase.loading.load import slugify

COHORT = "2022-23"
NARRATIVE_EVERY = 25  # projects 0, 25, 50, ... get a content/projects/<slug>.md

THEMES = [
    {
        "id": "access",
        "title": "Access, uptake and experience",
        "description": "Helping the people who face the greatest health inequalities to find, use and have a good "
        "experience of social prescribing.",
    },
    {
        "id": "workforce",
        "title": "Recruiting and keeping link workers",
        "description": "Recruiting and keeping social prescribing link workers, so that the workforce can thrive "
        "and lead work on health inequalities.",
    },
    {
        "id": "impact",
        "title": "Showing the impact",
        "description": "Showing what social prescribing does for people, for communities and for the health and "
        "care system.",
    },
]

PEOPLE = [
    "men",
    "older people",
    "carers",
    "young adults",
    "new parents",
    "refugees",
    "people living alone",
    "people with long-term conditions",
    "unpaid carers",
    "people with diabetes",
]
ACTIVITIES = [
    "walking groups",
    "cooking clubs",
    "gardening sessions",
    "art workshops",
    "peer support circles",
    "digital skills classes",
    "men's sheds",
    "singing groups",
    "befriending calls",
    "sports sessions",
]
NOUNS = ["Link", "Bridge", "Pathways", "Connect", "Wellbeing", "Together", "Roots", "Compass", "Harbour", "Thrive"]
ADJECTIVES = [
    "Community",
    "Neighbourhood",
    "Healthy",
    "Open Door",
    "Local",
    "Stronger",
    "Active",
    "Kind",
    "Bright",
    "Shared",
]
ORGANISATIONS = [
    "GP Care Group",
    "Primary Care Network",
    "Community Trust",
    "Voluntary Action",
    "Health Federation",
    "Wellbeing Hub",
]
TAGS = ["mental health", "loneliness", "co-production", "older people", "men", "carers", "digital", "pre-diabetes"]


def make_projects(count: int, borough_names: list[str], seed: int) -> list[dict]:
    """`count` valid project records, in the field order of the data contract."""
    rng = random.Random(seed)
    projects = []
    for i in range(count):
        theme = THEMES[i % len(THEMES)]["id"]
        borough = borough_names[i % len(borough_names)]
        people, activity = rng.choice(PEOPLE), rng.choice(ACTIVITIES)
        name = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} ({borough}) {i + 1}"
        record: dict = {
            "slug": slugify(name),
            "name": name,
            "cohort": COHORT,
            "theme": theme,
            "aim": f"To help {people} in {borough} take part in social prescribing through {activity}, "
            f"and to learn from them what gets in the way.",
        }
        unconfirmed = ["theme"]
        # Every project names one or two boroughs (the realistic sizes: 1-2 boroughs).
        boroughs = [borough]
        if i % 2 == 1:
            boroughs.append(borough_names[(i + 5) % len(borough_names)])
        record["boroughs"] = boroughs
        if i % 9 == 4:
            unconfirmed.append("boroughs")
        if i % 3 != 2:
            record["organisation"] = f"{borough} {rng.choice(ORGANISATIONS)}"
        if i % 4 == 1:
            record["partners"] = [f"{borough} {org}" for org in rng.sample(ORGANISATIONS, 2)]
        if i % 5 == 2:
            record["pcn"] = f"{borough} {rng.choice(NOUNS)} Primary Care Network"
        # Realistic field sizes (issue 7): a summary of about 300 words, 3 outcomes, 2 quotes.
        record["summary"] = summary(rng, people, activity, borough)
        record["outcomes"] = [
            f"More than {rng.randint(10, 90)} people came to the first {activity.rstrip('s')}, and most came back.",
            f"Referrals of {people} to social prescribing rose by {rng.randint(5, 60)} per cent in a year.",
            f"{rng.randint(2, 12)} community organisations in {borough} now take referrals from the link workers.",
        ]
        record["quotes"] = [
            {
                "text": text,
                "attribution": attribution,
                "source": f"https://example.org/news/{record['slug']}",
            }
            for text, attribution in (
                (f"Talking to {people} directly changed how we run the service.", f"Link worker, {borough}"),
                (
                    f"I did not know there was anything like the {activity} near me. Now I go every week.",
                    f"Participant, {borough}",
                ),
            )
        ]
        if i % 4 == 2:
            record["links"] = [{"title": f"News story about {name}", "url": f"https://example.org/{record['slug']}"}]
        if i % 2 == 0:
            record["tags"] = rng.sample(TAGS, 2)
        record["unconfirmed"] = unconfirmed
        projects.append(record)
    return projects


SUMMARY_SENTENCES = [
    "The team began by asking {people} in {borough} what stopped them from taking part, and what would help.",
    "Link workers from {n1} practices met people in libraries, community centres and places of worship.",
    "They found that many had never heard of social prescribing, and that others had been referred but never came.",
    "So the project set up {activity}, run with local groups that people already knew and trusted.",
    "Each session was free, close to home and open to a friend or family member.",
    "A volunteer phoned everyone who was referred, before the first session and again after it.",
    "The team kept a simple record of who came, who came back and what they said about it.",
    "After three months they changed the times and places of the sessions in the light of what people said.",
    "Partners in the voluntary sector helped with transport, interpreting and childcare.",
    "By the end of the year {n2} people had taken part, and about {n3} per cent of them came more than once.",
    "Participants said they felt less lonely, more confident and better able to look after their health.",
    "GPs in the primary care network reported fewer appointments for problems that were not medical.",
    "The team shared what it learned with other boroughs at the programme's learning events.",
    "The hardest part was keeping in touch with people whose circumstances changed during the project.",
    "The link workers now plan to train peer supporters, so that the sessions can continue without them.",
    "Two of the community groups have found funding of their own to keep their sessions going next year.",
    "The team would advise others to start small, to listen first and to measure only what they will use.",
]


def summary(rng: random.Random, people: str, activity: str, borough: str) -> str:
    """About 300 words of Markdown: three paragraphs and a short list, as a real impact summary."""
    values = {
        "people": people,
        "activity": activity,
        "borough": borough,
        "n1": rng.randint(3, 12),
        "n2": rng.randint(40, 400),
        "n3": rng.randint(30, 80),
    }
    sentences = [text.format(**values) for text in SUMMARY_SENTENCES]
    paragraphs = [" ".join(sentences[0:5]), " ".join(sentences[5:10]), " ".join(sentences[10:])]
    facts = (
        f"- {values['n2']} people took part\n- {rng.randint(2, 12)} new community partners\n"
        f"- {rng.randint(10, 60)} sessions of {activity}\n"
    )
    return f"{paragraphs[0]}\n\n**What the team did.** {paragraphs[1]}\n\n{facts}\n{paragraphs[2]}\n"


def narrative(project: dict) -> str:
    return (
        "## About the project\n\n"
        f"{project['name']} started from a question the team could not answer alone: {project['aim'][0].lower()}"
        f"{project['aim'][1:]}\n\n"
        "## What the team did\n\n"
        "The team met people where they already were, asked what would help, and changed the service in small "
        "steps, testing each one before the next.\n\n"
        "- listening sessions\n- a shared referral form\n- a monthly review with partners\n"
    )
