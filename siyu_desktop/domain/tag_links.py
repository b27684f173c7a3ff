"""The one rule for a member's WeCom tags (``member_tags`` rows whose tag has a WeCom id).

WeCom keeps corp tags per follow relationship (one staff member, one customer); the app shows a
member the tags of all their relationships, and the operator tags members, not relationships.
The two views meet in one rule:

1. ``member_tags`` is the member's tags as the operator sees and edits them. It is the source of
   truth for everything WeCom has not told us otherwise: a member with no follow relationship
   (imported, not anyone's customer yet), a relationship WeCom has not returned, a tag pushed but
   not yet synced back, a merge or deletion still waiting in the outbox.
2. ``follow_tags`` mirrors what WeCom last said each relationship carries. Only a *change* in that
   mirror (a sync that saw a relationship gain or lose a tag, a relationship that is gone, a push
   that WeCom accepted) moves ``member_tags``, and only for that member and tag:
   - a relationship gained the tag: the member has it, unless the operator's removal of it is
     still waiting to be sent;
   - a relationship lost it (or is gone): the member loses it only when none of their other
     relationships still has it and the operator's addition of it is not still waiting.
3. Giving up on a waiting outbox change (discard) puts that one member and tag back to what the
   mirror says.
4. The operator tagging a member asks for the tag on every one of their relationships: each
   relationship that does not carry it gets ``mark_tag``, also when the member already showed
   the tag because another relationship has it (``member_tags`` does not change then, the
   push is still owed). Untagging asks every relationship that carries it to drop it.

So a link disappears only when the operator removed it, or WeCom says the member's
relationships no longer have it. Rebuilding a member's tags from ``follow_tags`` wholesale is
never right: the mirror is incomplete by design (rule 1). Local-only tags are never touched.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

Link = tuple[int, int]  # (member id, tag id)


@dataclass(frozen=True)
class LinkChanges:
    add: frozenset[Link]
    remove: frozenset[Link]


def follow_tag_changes(gained: Iterable[Link], lost: Iterable[Link], *,
                       linked: Collection[Link], still_on_a_relationship: Collection[Link],
                       waiting_add: Collection[Link], waiting_remove: Collection[Link]
                       ) -> LinkChanges:
    """What ``member_tags`` must do after the mirror changed (rule 2).

    ``gained``/``lost``: (member, tag) pairs of relationships that gained or lost a tag;
    ``linked``: pairs in ``member_tags`` now; ``still_on_a_relationship``: pairs some relationship
    of the member still carries after the change; ``waiting_*``: pairs the operator changed and
    the outbox has not sent yet. A pair both gained and lost (two relationships) counts as gained.
    """
    gained_set = set(gained)
    add = {p for p in gained_set if p not in linked and p not in waiting_remove}
    remove = {p for p in set(lost) - gained_set
              if p in linked and p not in still_on_a_relationship and p not in waiting_add}
    return LinkChanges(frozenset(add), frozenset(remove))


def discard_changes(pair: Link, *, adding: bool, linked: bool, on_a_relationship: bool,
                    other_waiting: bool) -> LinkChanges:
    """Rule 3: the operator gave up on a waiting ``adding`` (or removing) change of ``pair``.
    Another waiting change of the same pair (another relationship's item) keeps the intent."""
    if other_waiting:
        return LinkChanges(frozenset(), frozenset())
    if adding and linked and not on_a_relationship:
        return LinkChanges(frozenset(), frozenset({pair}))
    if not adding and not linked and on_a_relationship:
        return LinkChanges(frozenset({pair}), frozenset())
    return LinkChanges(frozenset(), frozenset())
