"""The role guide: what each role does, its skills and tools, the lifecycle phases it carries,
whom it hands work to, and how it looks in a startup and in a mature company.

Content, not model numbers: it describes practice as the sources below report it. The phases
agree with the model (``tests/reports/test_role_guide.py`` checks them against the shipped
effort table): a role carries only phases the model gives it demand in, and every phase the
model gives it demand in is listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from mlplanner.model.roles import ROLES

SOURCES: Final[dict[str, str]] = {
    "fsdl": "Full Stack Deep Learning 2022, lecture 8: ML teams and project management "
    "(roles, skills and the five ML org archetypes)",
    "huyen": "Chip Huyen, Designing Machine Learning Systems (O'Reilly, 2022), ch. 11: "
    "who owns production, end-to-end data scientists and the tooling they need",
    "team_topologies": "Matthew Skelton & Manuel Pais, Team Topologies (2019): teams of about "
    "7-9 people",
    "eckerson": "Eckerson Group on data engineers: 2-3 per data scientist, 4-5 where data is "
    "complex (practitioner rule of thumb)",
    "bls": "US Bureau of Labor Statistics, Occupational Outlook Handbook",
}


@dataclass(frozen=True)
class RoleProfile:
    """One role as the guide describes it."""

    role: str
    does: str
    skills: tuple[str, ...]
    tools: tuple[str, ...]
    carries: tuple[str, ...]
    contributes: tuple[str, ...]
    startup: str
    mature: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Handoff:
    """Work one role hands to another."""

    giver: str
    taker: str
    work: str


PROFILES: Final[tuple[RoleProfile, ...]] = (
    RoleProfile(
        role="data_analyst",
        does=(
            "Turns product and business data into answers: which metric moved, why, and "
            "whether a launched model paid off. Defines the success metrics ML work is judged "
            "by, reads A/B tests, and on analytics projects builds the forecasts and "
            "segmentations itself and publishes the dashboards and reports where their "
            "readers work."
        ),
        skills=(
            "SQL on large tables",
            "descriptive and inferential statistics (confidence intervals, A/B tests)",
            "metric design: leading and lagging indicators, guardrail metrics",
            "data visualisation and explaining numbers to non-specialists",
            "knowledge of the business domain",
        ),
        tools=(
            "SQL on a warehouse (BigQuery, Snowflake, Redshift)",
            "BI dashboards (Looker, Tableau, Power BI, Metabase)",
            "spreadsheets",
            "Python or R notebooks",
            "experimentation platforms",
        ),
        carries=("measurement",),
        contributes=("framing", "data_quality", "modeling", "integration"),
        startup=(
            "Often nobody has the title: a founder or the full-stack data scientist writes the "
            "SQL and watches the metrics. The first analyst usually arrives once there is a "
            "product with enough users to measure."
        ),
        mature=(
            "Sits in an analytics team or embedded in a product area; owns metric definitions, "
            "dashboards and experiment reads, and is kept apart from model building so that "
            "the people who judge a model are not the people who built it."
        ),
        sources=("fsdl",),
    ),
    RoleProfile(
        role="data_engineer",
        does=(
            "Builds and runs the plumbing: ingestion from product databases, events and third "
            "parties, the warehouse or lake, and the pipelines that turn raw data into tables "
            "and features. Knows where every piece of data lives, how fresh it is and who may "
            "use it; adds the checks that catch broken data before a model trains on it."
        ),
        skills=(
            "data modelling (facts, dimensions, slowly changing data)",
            "distributed processing and streaming",
            "pipeline orchestration, backfills and idempotent jobs",
            "data quality testing and data contracts",
            "cloud infrastructure and cost control",
        ),
        tools=(
            "Spark, Kafka",
            "Airflow or Dagster",
            "dbt",
            "cloud data platforms (Databricks, Snowflake, BigQuery)",
            "data quality checks (Great Expectations, dbt tests)",
        ),
        carries=("data_pipelines", "data_quality"),
        contributes=(),
        startup=(
            "Usually absent at first: the full-stack data scientist stitches together managed "
            "services (a hosted warehouse, an ELT connector, scheduled queries). That holds "
            "while data is small and clean; when pipelines break every week or data arrives "
            "raw, a data engineer is typically the first specialist hire."
        ),
        mature=(
            "A data platform group owns ingestion, the warehouse and quality checks, and ML "
            "teams request data from it. Full Stack Deep Learning notes that independent ML "
            "functions have a strong data-engineering group while ML R&D groups often have "
            "none; practitioners quote 2-3 data engineers per data scientist, 4-5 where data "
            "is complex."
        ),
        sources=("fsdl", "eckerson"),
    ),
    RoleProfile(
        role="data_scientist",
        does=(
            "Frames the business problem as a data-science problem (is ML worth it, what would "
            "it return), explores the data, builds and evaluates the model, and defines how "
            "its success will be measured. Writes labelling guidelines and reviews label "
            "quality where a project needs annotation."
        ),
        skills=(
            "statistics and experimental design",
            "machine learning: feature engineering, model selection, evaluation",
            "error analysis and choosing the metric that matches the business goal",
            "Python and SQL",
            "explaining trade-offs to product and business people",
        ),
        tools=(
            "Python (pandas, scikit-learn, XGBoost or LightGBM)",
            "PyTorch or TensorFlow for deep learning",
            "Jupyter notebooks",
            "experiment tracking (MLflow, Weights & Biases)",
            "SQL",
        ),
        carries=("framing", "modeling"),
        contributes=("data_quality", "annotation", "measurement"),
        startup=(
            "Rarely a separate role: the full-stack data scientist does analysis, modelling "
            "and deployment alone, which is the 'end-to-end data scientist' Chip Huyen "
            "describes."
        ),
        mature=(
            "Focuses on framing, experiments and models for one product area, embedded in a "
            "product team or part of an independent ML function, and hands production work to "
            "ML engineers or to a platform that lets data scientists ship models themselves."
        ),
        sources=("fsdl", "huyen"),
    ),
    RoleProfile(
        role="research_scientist",
        does=(
            "Develops new methods where published ones fall short: a new architecture, "
            "training recipe or evaluation for a specialised field (NLP, vision, speech, "
            "reinforcement learning). Carries the modelling of research-stage projects and "
            "hands proven methods to the data scientists who put them in the product."
        ),
        skills=(
            "deep expertise in one field, usually a PhD or equivalent research record",
            "reading and reproducing papers",
            "designing experiments and ablations",
            "training large models on GPUs",
            "writing up results for others to build on",
        ),
        tools=(
            "PyTorch or JAX",
            "GPU clusters and distributed training",
            "experiment tracking",
            "Jupyter",
            "LaTeX and internal research reports",
        ),
        carries=("modeling",),
        contributes=(),
        startup=(
            "Rare, and only where the product is the research (an ML-first startup). "
            "Elsewhere pretrained models, published methods and APIs stand in for research, "
            "and the full-stack data scientist adapts them."
        ),
        mature=(
            "Works in an ML R&D group (Full Stack Deep Learning: often without data engineers "
            "and far from production) or alongside product teams with hard problems; judged on "
            "new capabilities, benchmarks and publications rather than on shipped features."
        ),
        sources=("fsdl",),
    ),
    RoleProfile(
        role="ml_engineer",
        does=(
            "Turns a model into a service: packaging, serving (online, batch or on device), "
            "retraining pipelines and monitoring of live predictions for drift and errors. "
            "Owns latency, cost and uptime of the prediction system."
        ),
        skills=(
            "software engineering: testing, APIs, code review",
            "containers and orchestration",
            "model serving, optimisation and compression",
            "CI/CD for models and data",
            "monitoring and on-call for production systems",
        ),
        tools=(
            "Docker and Kubernetes",
            "serving frameworks (TorchServe, Triton, BentoML, Ray Serve)",
            "managed ML platforms (SageMaker, Vertex AI)",
            "feature stores",
            "monitoring (Prometheus, Grafana, drift detectors)",
        ),
        carries=("deployment",),
        contributes=("modeling", "measurement"),
        startup=(
            "The full-stack data scientist deploys with managed services: a hosted endpoint, "
            "a serverless function or a scheduled batch job. Chip Huyen's caveat applies: "
            "data scientists can own the whole loop only on good tooling."
        ),
        mature=(
            "Either a separate production team that takes models from data scientists, with "
            "the risk of models thrown over the wall, or an ML platform team that builds the "
            "tooling so data scientists own their models end to end (Huyen's two approaches)."
        ),
        sources=("huyen", "fsdl"),
    ),
    RoleProfile(
        role="developer",
        does=(
            "Integrates predictions into the main application: calls the model's API, builds "
            "the product experience around it (ranking slots, suggestions, review queues), and "
            "handles the fallbacks when a model is slow or down. Logs what users were shown so "
            "the model's effect can be measured."
        ),
        skills=(
            "backend development and API design",
            "latency budgets, caching and graceful fallbacks",
            "feature flags and gradual rollouts",
            "product sense for how predictions are shown to users",
        ),
        tools=(
            "the product's backend stack (Java, Go, Python, Node.js)",
            "REST or gRPC",
            "feature-flag and experiment services",
            "event logging and tracing",
        ),
        carries=("integration",),
        contributes=("framing", "measurement"),
        startup=(
            "A product engineer from the main app team wires predictions in part time; the plan "
            "counts only the ML share of that work."
        ),
        mature=(
            "Product teams own the integration: backend developers call the ML platform's "
            "endpoints, own the user experience around predictions and run the rollouts and "
            "experiments with the analysts."
        ),
        sources=("fsdl",),
    ),
    RoleProfile(
        role="annotator",
        does=(
            "Labels the data supervised models learn from (images, text, audio, records), "
            "following written guidelines, and flags ambiguous cases back to the data "
            "scientists. In-house or through a labelling vendor."
        ),
        skills=(
            "consistent application of labelling guidelines",
            "domain knowledge where labels need it (medical, legal, product catalogues)",
            "attention to detail and spotting ambiguous cases",
        ),
        tools=(
            "labelling tools (Label Studio, CVAT, Labelbox)",
            "vendor and crowd platforms",
            "agreement and review dashboards",
        ),
        carries=("annotation",),
        contributes=("data_quality",),
        startup=(
            "Usually bought from a vendor or crowd platform, or done by the team itself for "
            "small datasets; clear guidelines and a reviewed gold set matter more than "
            "headcount."
        ),
        mature=(
            "Dedicated in-house labelling teams for sensitive or expert data, with reviewers "
            "and agreement metrics; vendors for bulk work. The model prices in-house labelling "
            "as an assumption near the BLS median wage of data entry keyers."
        ),
        sources=("bls",),
    ),
    RoleProfile(
        role="full_stack_data_scientist",
        does=(
            "The startup generalist: frames the problem, pulls the data, builds the model, "
            "deploys it and measures it, alone or with one or two others. Trades depth in each "
            "role for speed and few hand-offs."
        ),
        skills=(
            "enough SQL and data engineering to build simple pipelines",
            "statistics and machine learning",
            "enough software engineering to ship and monitor a model",
            "product sense and talking to users",
        ),
        tools=(
            "Python and SQL",
            "managed warehouses and ELT services",
            "notebooks and scikit-learn, PyTorch or hosted model APIs",
            "managed deployment (hosted endpoints, serverless, scheduled jobs)",
        ),
        carries=("framing", "modeling", "deployment"),
        contributes=(
            "data_pipelines",
            "data_quality",
            "annotation",
            "integration",
            "measurement",
        ),
        startup=(
            "The first ML hires: two or three generalists cover the whole lifecycle. Cheap and "
            "easy to coordinate, but every piece of work rests on one or two people and deep "
            "work (large pipelines, research, low-latency serving) goes slower."
        ),
        mature=(
            "Rare as a title. The skill set survives in tech leads and small new-product "
            "teams, and, with a strong ML platform, data scientists own the whole loop again "
            "(Huyen's second approach)."
        ),
        sources=("huyen", "fsdl"),
    ),
    RoleProfile(
        role="team_lead",
        does=(
            "Keeps a team of specialists pointed at the right projects once it outgrows one "
            "group: sets priorities with product, decides who works on what, hires, and "
            "unblocks hand-offs between roles. Carries no lifecycle phase of its own."
        ),
        skills=(
            "prioritising ML projects with uncertain timelines",
            "hiring and developing specialists",
            "translating between business goals and ML work",
            "enough technical depth to judge designs and estimates",
        ),
        tools=(
            "roadmaps and design documents",
            "project trackers (Jira, Linear)",
            "hiring loops",
        ),
        carries=(),
        contributes=("framing", "measurement"),
        startup=(
            "None: the founder or the most senior generalist sets priorities. One team of up "
            "to about eight people needs no manager."
        ),
        mature=(
            "One lead per team of about 7-9 people (Team Topologies), a head of ML above "
            "several leads. Full Stack Deep Learning stresses that ML work is uncertain: leads "
            "plan it as experiments that may fail (probabilistic project planning) rather "
            "than as fixed dates."
        ),
        sources=("team_topologies", "fsdl"),
    ),
    RoleProfile(
        role="head_of_data",
        does=(
            "Owns the data and ML organisation once it has several teams: which projects get "
            "people this year, the budget and the hiring plan, the shared platform the teams "
            "build on, and the standards they ship to. Leads the team leads; carries no "
            "lifecycle phase of its own."
        ),
        skills=(
            "portfolio planning across uncertain ML projects",
            "budgeting and headcount planning",
            "building and developing team leads",
            "platform and build-versus-buy decisions",
            "explaining ML results and risks to executives",
        ),
        tools=(
            "portfolio roadmaps and quarterly plans",
            "budget and headcount models",
            "hiring plans and leveling guides",
        ),
        carries=(),
        contributes=("framing", "measurement"),
        startup=(
            "None: a founder or the first lead sets the direction. The role appears once "
            "there are several teams with a lead each."
        ),
        mature=(
            "One head above the team leads (a director above several heads in the largest "
            "organisations); Full Stack Deep Learning's independent ML function reports "
            "through its own leadership rather than through each product team."
        ),
        sources=("team_topologies", "fsdl"),
    ),
)

HANDOFFS: Final[tuple[Handoff, ...]] = (
    Handoff(
        "data_analyst",
        "data_scientist",
        "the business question, the success metric and a baseline to beat",
    ),
    Handoff(
        "data_analyst",
        "full_stack_data_scientist",
        "the metric and baseline a first model must beat",
    ),
    Handoff(
        "data_analyst",
        "team_lead",
        "results of launched models against their metrics, for the next round of priorities",
    ),
    Handoff(
        "data_engineer",
        "data_scientist",
        "clean, documented tables and feature pipelines to train on",
    ),
    Handoff("data_engineer", "data_analyst", "modelled warehouse tables for reporting"),
    Handoff(
        "data_engineer", "ml_engineer", "production feature pipelines the serving system reads from"
    ),
    Handoff(
        "data_engineer",
        "full_stack_data_scientist",
        "reliable pipelines, once raw data outgrows scheduled queries",
    ),
    Handoff(
        "data_scientist",
        "data_engineer",
        "data requirements: sources, history, freshness and the quality checks a model needs",
    ),
    Handoff(
        "data_scientist",
        "research_scientist",
        "a hard problem where known methods fall short, with its data and metric",
    ),
    Handoff(
        "data_scientist", "annotator", "labelling guidelines with worked examples of hard cases"
    ),
    Handoff(
        "data_scientist",
        "ml_engineer",
        "a trained model with its evaluation, features and reproducible training code",
    ),
    Handoff(
        "research_scientist",
        "data_scientist",
        "a new method proven offline, with prototype code and a report",
    ),
    Handoff(
        "ml_engineer",
        "developer",
        "a versioned prediction endpoint or batch output, with "
        "its API contract, latency and fallbacks",
    ),
    Handoff(
        "ml_engineer",
        "data_scientist",
        "monitoring of live predictions and drift alerts that trigger retraining",
    ),
    Handoff("developer", "data_analyst", "product events and logs of the predictions users saw"),
    Handoff(
        "annotator",
        "data_scientist",
        "labelled datasets with agreement scores and notes on ambiguous cases",
    ),
    Handoff("annotator", "full_stack_data_scientist", "labelled examples to train and evaluate on"),
    Handoff(
        "full_stack_data_scientist",
        "developer",
        "a model behind an API or a scheduled batch job to wire into the product",
    ),
    Handoff(
        "full_stack_data_scientist",
        "annotator",
        "labelling guidelines and a first set of checked examples",
    ),
    Handoff(
        "team_lead",
        "data_scientist",
        "prioritised projects with scope, deadlines and who works on what",
    ),
    Handoff(
        "team_lead",
        "head_of_data",
        "each team's progress, risks and hiring needs",
    ),
    Handoff(
        "head_of_data",
        "team_lead",
        "the portfolio's priorities, each team's budget and headcount, and platform decisions",
    ),
)

_BY_ROLE: Final[dict[str, RoleProfile]] = {p.role: p for p in PROFILES}


def profile(role: str) -> RoleProfile:
    """The guide's entry for a role id."""
    return _BY_ROLE[role]


def profiles() -> tuple[RoleProfile, ...]:
    """Every role's entry, lifecycle order."""
    return tuple(_BY_ROLE[role] for role in ROLES)


def hands_to(role: str) -> tuple[Handoff, ...]:
    """Work this role hands on, in lifecycle order of the receiving role."""
    found = [h for h in HANDOFFS if h.giver == role]
    return tuple(sorted(found, key=lambda h: ROLES.index(h.taker)))


def receives_from(role: str) -> tuple[Handoff, ...]:
    """Work this role receives, in lifecycle order of the giving role."""
    found = [h for h in HANDOFFS if h.taker == role]
    return tuple(sorted(found, key=lambda h: ROLES.index(h.giver)))
