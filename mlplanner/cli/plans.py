"""``python -m mlplanner plans …``: saved plans from the command line.

The database is the app's (``MLPLANNER_DATABASE_URL``, else the default SQLite file), brought
up to date before the command runs. ``plans save``, ``plans duplicate`` and ``plans import``
print the plan's id alone on their last line, for scripts. ``plans export`` writes a plan's
scenario or allocation CSV, or a workbook of every table (:mod:`mlplanner.exchange`).

Every command takes ``--as EMAIL`` to act as that user under the app's rules
(:mod:`mlplanner.storage.access`); without it, it acts as the local user, an administrator
of every plan, and says so on stderr when the database holds plans of signed-in users.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, select

from mlplanner.errors import PlannerInputError, ScenarioError
from mlplanner.exchange.plan_export import CSV_TABLES, WORKBOOK_SUFFIX, table_csv
from mlplanner.exchange.plan_workbook import ExportContext, plan_workbook, saved_plan_title
from mlplanner.exchange.scenario_import import check_size, file_kind, import_scenario
from mlplanner.model.plan import recommend
from mlplanner.model.roles import role_label
from mlplanner.model.scenario import load_scenario
from mlplanner.model.wording import format_usd, people
from mlplanner.storage import comments, plans, sharing, status
from mlplanner.storage.access import LOCAL_USER, Actor, actor_of, checked_email, session_for
from mlplanner.storage.database import open_database, reading, unavailable
from mlplanner.storage.models import (
    NOTE_MAX,
    SHARE_ROLES,
    STATUSES,
    Plan,
    PlanSummary,
    RevisionSummary,
)

FORMATS: Final = ("table", "json")
PLAN_FIELDS: Final = (
    "id",
    "name",
    "created_at",
    "updated_at",
    "deleted_at",
    "latest_revision",
    "setup",
    "total_headcount",
    "total_hires",
    "annual_cost_usd",
    "quality",
    "owner_email",
    "status",
    "approved_revision",
    "comments",
    "access",
)
REVISION_FIELDS: Final = (
    "restored_from",
    "setup",
    "total_headcount",
    "total_hires",
    "annual_cost_usd",
    "quality",
    "assumption_set_name",
    "allocation_label",
    "saved_by",
    "note",
)
CLI: Final = "python -m mlplanner plans"
_TEAM_FIELDS: Final = ("owner_email", "status", "approved_revision", "access")

Action = Callable[[argparse.Namespace, Session], str]


class ImportRefusedError(PlannerInputError):
    """A file ``plans import`` refused: the CLI prints one ``error: …`` line per problem."""


def add_plans_commands(commands: Any) -> None:
    """Register ``plans`` and its subcommands on the top-level subparsers."""
    group = commands.add_parser("plans", help="saved plans: list, save, show, rename, …")
    sub = group.add_subparsers(
        dest="plans_command", metavar="COMMAND", required=True, parser_class=type(group)
    )

    listing = sub.add_parser("list", help="list saved plans (or the trash)")
    listing.add_argument("--search", default="", help="only plans whose name contains TEXT")
    listing.add_argument("--sort", choices=plans.SORTS, default="updated")
    listing.add_argument("--limit", type=int, default=50, help="plans per page (default 50)")
    listing.add_argument("--offset", type=int, default=0, help="plans to skip (default 0)")
    listing.add_argument("--trash", action="store_true", help="list the trash instead")
    listing.add_argument(
        "--scope",
        choices=plans.SCOPES,
        default="all",
        help="all plans you may see (default), only yours, or only those shared with you",
    )
    listing.add_argument("--format", choices=FORMATS, default="table")
    _handle(listing, _list)

    save = sub.add_parser("save", help="save a scenario file's recommended plan")
    save.add_argument("file", help="scenario JSON file (format mlplanner.scenario/1)")
    save.add_argument("--name", help="plan name (default: the scenario's name)")
    save.add_argument("--plan", type=int, help="save as a new revision of this plan")
    save.add_argument(
        "--base-revision", type=int, help="with --plan: the revision your changes started from"
    )
    save.add_argument(
        "--note",
        help=f"what this revision is about, shown in its history (at most {NOTE_MAX} characters)",
    )
    _handle(save, _save)

    show = sub.add_parser("show", help="one plan: scenario, revision and figures")
    show.add_argument("id", type=int)
    show.add_argument("--revision", type=int, help="an older revision (default: the newest)")
    show.add_argument("--format", choices=FORMATS, default="table")
    _handle(show, _show)

    revisions = sub.add_parser("revisions", help="a plan's revision history")
    revisions.add_argument("id", type=int)
    revisions.add_argument("--format", choices=FORMATS, default="table")
    _handle(revisions, _revisions)

    rename = sub.add_parser("rename", help="rename a plan")
    rename.add_argument("id", type=int)
    rename.add_argument("name")
    _handle(rename, _rename)

    duplicate = sub.add_parser("duplicate", help="copy a plan's newest revision to a new plan")
    duplicate.add_argument("id", type=int)
    duplicate.add_argument("--name", help="name of the copy (default: 'Copy of NAME')")
    _handle(duplicate, _duplicate)

    delete = sub.add_parser("delete", help="move a plan to the trash")
    delete.add_argument("id", type=int)
    _handle(delete, _delete)

    restore = sub.add_parser(
        "restore", help="take a plan out of the trash, or make an old revision the newest"
    )
    restore.add_argument("id", type=int)
    restore.add_argument("--revision", type=int, help="copy this revision as the newest one")
    _handle(restore, _restore)

    purge = sub.add_parser("purge", help="delete a plan in the trash for good")
    purge.add_argument("id", type=int)
    purge.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    _handle(purge, _purge)

    export = sub.add_parser(
        "export", help="write a plan's scenario or allocation CSV, or a workbook (.xlsx)"
    )
    export.add_argument("id", type=int)
    export.add_argument(
        "--out", required=True, help="file to write; ending in .xlsx: a workbook of every table"
    )
    export.add_argument(
        "--table", choices=tuple(CSV_TABLES), help="the CSV's table (default: scenario)"
    )
    export.add_argument("--revision", type=int, help="an older revision (default: the newest)")
    _handle(export, _export)

    imported = sub.add_parser(
        "import", help="save a scenario CSV or JSON file's recommended plan as a new plan"
    )
    imported.add_argument("file", help="scenario .csv (one row per project) or .json file")
    imported.add_argument("--name", help="plan name (default: the scenario's name)")
    _handle(imported, _import)

    shared = sub.add_parser("share", help="share a plan with someone (or everyone signed in)")
    shared.add_argument("id", type=int)
    shared.add_argument("email", help="their e-mail, or 'everyone' for everyone signed in")
    shared.add_argument("--role", choices=SHARE_ROLES, required=True)
    _handle(shared, _share)

    unshared = sub.add_parser("unshare", help="take back what a plan was shared with someone")
    unshared.add_argument("id", type=int)
    unshared.add_argument("email", help="their e-mail, or 'everyone'")
    _handle(unshared, _unshare)

    handed = sub.add_parser("hand-over", help="make someone else a plan's owner")
    handed.add_argument("id", type=int)
    handed.add_argument("email", help="the new owner's e-mail")
    _handle(handed, _hand_over)

    moved = sub.add_parser("status", help="propose, approve, or send back a plan to draft")
    moved.add_argument("id", type=int)
    moved.add_argument("status", choices=STATUSES)
    _handle(moved, _status)

    commented = sub.add_parser("comment", help="comment on a plan")
    commented.add_argument("id", type=int)
    commented.add_argument("text")
    _handle(commented, _comment)


def _handle(parser: argparse.ArgumentParser, action: Action) -> None:
    parser.add_argument(
        "--as",
        dest="as_email",
        metavar="EMAIL",
        help="act as this user, with their rights (default: the local user, an administrator)",
    )

    def handler(args: argparse.Namespace) -> str:
        actor = _actor(args.as_email)
        engine = open_database()
        try:
            with session_for(Session(engine), actor) as session:
                if actor.admin and _has_team_plans(session):
                    print(
                        "note: acting as the local user, an administrator of every plan "
                        "(--as EMAIL acts as one user)",
                        file=sys.stderr,
                    )
                return action(args, session)
        except SQLAlchemyError as exc:
            raise unavailable(engine, exc) from None
        finally:
            engine.dispose()

    parser.set_defaults(handler=handler)


def _actor(email: str | None) -> Actor:
    return LOCAL_USER if email is None else Actor(subject=None, email=checked_email(email, "--as"))


def _has_team_plans(session: Session) -> bool:
    """Whether any plan belongs to someone other than the local user (a shared set-up)."""
    statement = select(Plan.id).where(Plan.owner_email != LOCAL_USER.email).limit(1)
    with reading(session):
        return session.exec(statement).first() is not None


def _list(args: argparse.Namespace, session: Session) -> str:
    found = plans.list_plans(
        session=session,
        search=args.search,
        sort=args.sort,
        limit=args.limit,
        offset=args.offset,
        trash=args.trash,
        scope=args.scope,
    )
    if args.format == "json":
        return json.dumps([plan_json(plan) for plan in found], indent=2)
    total = plans.count_plans(
        session=session, search=args.search, trash=args.trash, scope=args.scope
    )
    if not found:
        return _nothing_listed(args, total)
    # Owner, status and access columns once there is more than the local user's plans.
    team = not actor_of(session).admin or _has_team_plans(session)
    rows = [
        (
            str(plan.id),
            _when(plan.deleted_at if args.trash else plan.updated_at),
            str(plan.total_headcount),
            format_usd(plan.annual_cost_usd),
            f"{plan.quality:.1f}",
            plan.setup,
            *((plan.status, plan.owner_email, plan.access, str(plan.comments)) if team else ()),
            plan.name,
        )
        for plan in found
    ]
    when = "deleted (UTC)" if args.trash else "saved (UTC)"
    header = (
        *("id", when, "people", "cost/yr", "quality", "setup"),
        *(("status", "owner", "access", "comments") if team else ()),
        "name",
    )
    footer = f"Showing {args.offset + 1}-{args.offset + len(found)} of {total}"
    return _table(header, rows) + "\n" + footer


def _nothing_listed(args: argparse.Namespace, total: int) -> str:
    if total:
        return f"No plans past offset {args.offset} ({total} in all)."
    if args.search.strip():
        return f"No plans match {args.search.strip()!r}."
    if args.trash:
        return "The trash is empty."
    return f"No saved plans yet. Save one with: {CLI} save SCENARIO.json"


def _save(args: argparse.Namespace, session: Session) -> str:
    if (args.plan is None) != (args.base_revision is None):
        raise ValueError(
            "--plan and --base-revision go together: the plan to add a revision to and the "
            "revision your changes started from"
        )
    evaluation = recommend(load_scenario(args.file))
    if args.plan is None:
        saved = plans.create_plan(
            session=session, evaluation=evaluation, name=args.name, note=args.note
        )
    else:
        if args.name is not None:
            plans.validate_name(args.name)
        saved = plans.save_revision(
            session=session,
            plan_id=args.plan,
            evaluation=evaluation,
            base_revision=args.base_revision,
            note=args.note,
        )
        if args.name is not None:
            saved = plans.rename(session=session, plan_id=saved.id, name=args.name)
    return (
        f"Saved plan {saved.id} ({saved.name!r}) revision {saved.latest_revision}: "
        f"{_figures(saved)}\n{saved.id}"
    )


def _show(args: argparse.Namespace, session: Session) -> str:
    opened = plans.open_revision(session=session, plan_id=args.id, number=args.revision)
    plan, revision = opened.plan, opened.revision
    access = sharing.list_access(session=session, plan_id=args.id)
    said = comments.list_comments(session=session, plan_id=args.id)
    if args.format == "json":
        shown = {
            "id": plan.id,
            "name": plan.name,
            "revision": revision.number,
            "latest_revision": plan.latest_revision,
            "created_at": plan_json(plan)["created_at"],
            "updated_at": plan_json(plan)["updated_at"],
            **_revision_json(revision),
            "allocation": opened.allocation,
            "scenario": opened.scenario.to_dict(),
            **{name: plan_json(plan)[name] for name in _TEAM_FIELDS},
            "shared_with": [grant.model_dump() for grant in access],
            "comment_list": [comment.model_dump(mode="json") for comment in said],
        }
        del shown["number"]
        return json.dumps(shown, indent=2)
    people = ", ".join(f"{role_label(role)} {n}" for role, n in opened.allocation.items() if n)
    projects = ", ".join(project.name for project in opened.scenario.projects) or "none"
    allocation = revision.allocation_label or "the recommendation"
    return "\n".join(
        [
            f"Plan {plan.id}: {plan.name}",
            f"Revision {revision.number} of {plan.latest_revision}, saved "
            f"{_when(revision.created_at)} UTC{_restored(revision)}",
            _figures(revision),
            f"People ({allocation}): {people or 'none'}",
            f"Projects: {projects}",
            f"Assumptions: {revision.assumption_set_name}",
            f"Saved by: {revision.saved_by}",
            *([f"Note: {revision.note}"] if revision.note else []),
            f"Owner: {plan.owner_email} · status: {_status_text(plan)} · you: {plan.access}",
            "Shared with: "
            + (", ".join(f"{sharing.describe(g.grantee)} ({g.role})" for g in access) or "nobody"),
            *(f"Comment by {c.author}, {_when(c.created_at)} UTC: {c.body}" for c in said),
        ]
    )


def _status_text(plan: PlanSummary) -> str:
    if plan.approved_revision is None:
        return plan.status
    return f"{plan.status} (revision {plan.approved_revision} approved by {plan.approved_by})"


def _revisions(args: argparse.Namespace, session: Session) -> str:
    history = plans.list_revisions(session=session, plan_id=args.id)
    if args.format == "json":
        return json.dumps([_revision_json(revision) for revision in history], indent=2)
    rows = [
        (
            str(revision.number),
            _when(revision.created_at),
            str(revision.total_headcount),
            format_usd(revision.annual_cost_usd),
            f"{revision.quality:.1f}",
            revision.setup,
            _restored(revision).removeprefix(", ")
            or (f"adopted: {revision.allocation_label}" if revision.allocation_label else ""),
            revision.note or "",
        )
        for revision in history
    ]
    header = ("revision", "saved (UTC)", "people", "cost/yr", "quality", "setup", "details", "note")
    return _table(header, rows)


def _rename(args: argparse.Namespace, session: Session) -> str:
    renamed = plans.rename(session=session, plan_id=args.id, name=args.name)
    return f"Renamed plan {renamed.id} to {renamed.name!r}"


def _duplicate(args: argparse.Namespace, session: Session) -> str:
    copy = plans.duplicate(session=session, plan_id=args.id, name=args.name)
    return f"Copied plan {args.id} to plan {copy.id} ({copy.name!r})\n{copy.id}"


def _delete(args: argparse.Namespace, session: Session) -> str:
    deleted = plans.delete(session=session, plan_id=args.id)
    return (
        f"Moved plan {deleted.id} ({deleted.name!r}) to the trash; "
        f"undo with: {CLI} restore {deleted.id}"
    )


def _restore(args: argparse.Namespace, session: Session) -> str:
    if args.revision is None:
        restored = plans.restore(session=session, plan_id=args.id)
        return f"Restored plan {restored.id} ({restored.name!r}) from the trash"
    latest = plans.get_plan(session=session, plan_id=args.id).latest_revision
    restored = plans.restore_revision(
        session=session, plan_id=args.id, number=args.revision, base_revision=latest
    )
    return (
        f"Plan {restored.id} ({restored.name!r}): revision {args.revision} restored as "
        f"revision {restored.latest_revision}"
    )


def _purge(args: argparse.Namespace, session: Session) -> str:
    if not args.yes:
        plan = plans.get_plan(session=session, plan_id=args.id, include_trash=True)
        raise ValueError(
            f"purge deletes plan {plan.id} ({plan.name!r}) and its {plan.latest_revision} "
            "revision(s) for good; add --yes to confirm"
        )
    purged = plans.purge(session=session, plan_id=args.id)
    return f"Purged plan {purged.id} ({purged.name!r}) and its revisions"


def _export(args: argparse.Namespace, session: Session) -> str:
    opened = plans.open_revision(session=session, plan_id=args.id, number=args.revision)
    out = Path(args.out)
    evaluation = opened.evaluate()
    what = f"plan {opened.plan.id} revision {opened.revision.number}"
    if out.suffix.lower() == WORKBOOK_SUFFIX:
        if args.table is not None:
            raise ValueError(
                "--table: a workbook (.xlsx) holds every table; leave --table out, or write a "
                ".csv file"
            )
        context = ExportContext(
            saved_plan_title(opened.plan.name, opened.revision.number),
            opened.revision.assumption_set_name,
            date.today(),
            opened.revision.note,
        )
        out.write_bytes(plan_workbook(evaluation, opened.assumptions, context))
        return f"Wrote {what} as a workbook to {out}"
    table = args.table or "scenario"
    out.write_bytes(table_csv(evaluation, table))
    return f"Wrote {what} {table} CSV to {out}"


def _import(args: argparse.Namespace, session: Session) -> str:
    path = Path(args.file)
    try:
        file_kind(path.name)
        check_size(path.stat().st_size)
        scenario = import_scenario(path.read_bytes(), path.name)
    except ScenarioError as exc:
        raise ImportRefusedError(exc.problems) from None
    saved = plans.create_plan(session=session, evaluation=recommend(scenario), name=args.name)
    return (
        f"Imported {path.name} as plan {saved.id} ({saved.name!r}): {_figures(saved)}\n{saved.id}"
    )


def _share(args: argparse.Namespace, session: Session) -> str:
    granted = sharing.share(session=session, plan_id=args.id, grantee=args.email, role=args.role)
    return f"Shared plan {args.id} with {sharing.describe(granted.grantee)} as {granted.role}"


def _unshare(args: argparse.Namespace, session: Session) -> str:
    removed = sharing.unshare(session=session, plan_id=args.id, grantee=args.email)
    return f"Plan {args.id} is no longer shared with {sharing.describe(removed.grantee)}"


def _hand_over(args: argparse.Namespace, session: Session) -> str:
    owner = sharing.hand_over(session=session, plan_id=args.id, email=args.email)
    return f"Plan {args.id} now belongs to {owner}"


def _status(args: argparse.Namespace, session: Session) -> str:
    moved = status.set_status(session=session, plan_id=args.id, status=args.status)
    return f"Plan {moved.id} ({moved.name!r}) is now {_status_text(moved)}"


def _comment(args: argparse.Namespace, session: Session) -> str:
    said = comments.add_comment(session=session, plan_id=args.id, text=args.text)
    return f"Commented on plan {args.id} as {said.author}"


def plan_json(plan: PlanSummary) -> dict[str, Any]:
    """A plan summary as JSON-ready data, in a stable key order."""
    data = plan.model_dump(mode="json")
    return {name: data[name] for name in PLAN_FIELDS}


def _revision_json(revision: RevisionSummary) -> dict[str, Any]:
    data = revision.model_dump(mode="json")
    return {
        "number": data["number"],
        "saved_at": data["created_at"],
        **{name: data[name] for name in REVISION_FIELDS},
    }


def _figures(figures: PlanSummary | RevisionSummary) -> str:
    return (
        f"{figures.setup} setup, {people(figures.total_headcount)} "
        f"({figures.total_hires} to hire), {format_usd(figures.annual_cost_usd)} a year, "
        f"quality {figures.quality:.1f}/100"
    )


def _restored(revision: RevisionSummary) -> str:
    if revision.restored_from is None:
        return ""
    return f", restored from revision {revision.restored_from}"


def _when(stamp: datetime | None) -> str:
    return "" if stamp is None else stamp.strftime("%Y-%m-%d %H:%M")


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    """Left-aligned text columns; the last column (a name or note) is not padded."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    lines = [
        "  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[-1]])
        for row in [header, *rows]
    ]
    return "\n".join(line.rstrip() for line in lines)
