"""Contact roles in a search (SPEC §3.11): what a person can do for it, beside
their job title. A contact may have several."""

from __future__ import annotations

ROLES: tuple[str, ...] = ("decision maker", "insider", "peer", "recruiter", "alumni")
# Whom to try first at an employer: an alum or an insider in the function answers
# most often; a recruiter screens and a decision maker is best reached through them.
TRY_ORDER: tuple[str, ...] = ("alumni", "insider", "peer", "decision maker", "recruiter")


def parse_roles(text: str) -> list[str]:
    """`Insider, alum , peer` → ["insider", "alumni", "peer"]: comma separated, each a
    role or the start of one; raises ValueError naming the roles otherwise."""
    found: list[str] = []
    for part in text.split(","):
        word = " ".join(part.replace("_", " ").replace("-", " ").casefold().split())
        if not word:
            continue
        matches = [r for r in ROLES if r == word] or [r for r in ROLES if r.startswith(word)]
        if word in ("dm", "manager", "hiring manager"):
            matches = ["decision maker"]
        if len(matches) != 1:
            raise ValueError(f"roles are: {', '.join(ROLES)} (comma separated)")
        if matches[0] not in found:
            found.append(matches[0])
    return found


def roles_text(roles: list[str] | tuple[str, ...]) -> str:
    return ", ".join(roles)


def try_rank(roles: list[str] | tuple[str, ...]) -> int:
    """Lower is tried sooner; a contact with no role comes after every role."""
    return min((TRY_ORDER.index(r) for r in roles if r in TRY_ORDER), default=len(TRY_ORDER))
