"""Paging a date-sorted table page by page without repeating or skipping rows, and telling the whole table
from a filtered page (the plugin's request rewriting and the facets both ask)."""

from __future__ import annotations

DATE_SORT = "published_at"
# `_next` tokens before every row under a date sort: newest first (published_at < '9999' holds for every
# date; rows without one follow) and oldest first (rows without a date come first, then every date),
# followed by an empty value ('' sorts before any text) for each key column.
START_TOKENS = ("9999", "$null")


def is_start_token(token: str | None) -> bool:
    return token is not None and token.endswith(",") and token.rstrip(",") in START_TOKENS


def unfiltered(args) -> bool:
    """True for a table page over every row: no column filter, search or where, and no _next but the
    start token (which lies before every row)."""
    if any(
        not k.startswith("_") or k.startswith(("_search", "_archive_search", "_where", "_through", "_filter"))
        for k in args
    ):
        return False
    return "_next" not in args or is_start_token(args["_next"])


async def first_page_token(datasette, database: str, table: str, args: dict[str, str]) -> str | None:
    """A `_next` token that starts a date-sorted table at its first row, or None where none is needed.

    Datasette 0.65 orders a table's first page by the sort column alone and the pages after it by the column
    then the key; where the planner sorts ties its own way (a search, a filter on a JSON list), paging and a
    streamed CSV repeated some rows and skipped others. A token "before every row" makes the first page
    one of the later kind: ordered by date then key, every row included. It holds an empty value for each
    primary key column (text, as the archive's are); a view or a rowid table gets none."""
    if "_next" in args or database not in datasette.databases:
        return None
    metadata = datasette.table_metadata(database, table)
    descending = args.get("_sort_desc") or (None if args.get("_sort") else metadata.get("sort_desc"))
    ascending = args.get("_sort") or (None if args.get("_sort_desc") else metadata.get("sort"))
    start = (
        START_TOKENS[0] if descending == DATE_SORT else START_TOKENS[1] if ascending == DATE_SORT else None
    )
    if start is None:
        return None
    keys = await datasette.get_database(database).primary_keys(table)
    return start + "," * len(keys) if keys else None
