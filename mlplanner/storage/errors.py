"""What can go wrong with saved plans, each with a message a user can act on.

All are :class:`~mlplanner.errors.PlannerInputError` (a ``ValueError``), so the CLI reports
them as one ``error: …`` line with exit status 2 and the app shows them as messages.
"""

from __future__ import annotations

from mlplanner.errors import PlannerInputError


class StorageError(PlannerInputError):
    """A saved-plans operation that cannot be done as asked."""

    def __init__(self, message: str) -> None:
        super().__init__([message])


class DatabaseUnavailableError(StorageError):
    """The database cannot be opened, reached or brought up to date."""


class PlanNameError(StorageError):
    """A plan name that is empty, too long or contains control characters."""


class RevisionNoteError(StorageError):
    """A revision note that is too long or contains control characters."""


class AssumptionSetNameError(StorageError):
    """An assumption set name that is empty, too long, reserved or has control characters."""


class AssumptionSetNotFoundError(StorageError):
    """No assumption set of that name."""


class PlanNotFoundError(StorageError):
    """No such plan or revision (or the plan is not where the operation needs it)."""


class ConflictError(StorageError):
    """The plan gained a newer revision since the caller opened it; nothing was saved."""

    def __init__(self, *, plan_id: int, name: str, base_revision: int, latest_revision: int):
        self.plan_id = plan_id
        self.name = name
        self.base_revision = base_revision
        self.latest_revision = latest_revision
        super().__init__(
            f"plan {plan_id} ({name!r}) was saved elsewhere since you opened it: it is now at "
            f"revision {latest_revision}, you started from revision {base_revision}. "
            "Nothing was overwritten; save your version as a copy instead."
        )
