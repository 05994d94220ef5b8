"""Duplicates a person decides: look-alike persons and households, side-by-side merges, splits.

Two laptops registering the same family is ordinary. Persons with the same citizen ID are merged
by the city server (``city_server.apply``); everything else that looks alike is a **candidate**
shown to the team lead, who merges (choosing each differing value) or says "not the same". A merge
is a set of ordinary changes (the records of the merged one re-pointed, the merged one a tombstone
with ``merged_into``), so it syncs and is audited like any edit; a split undoes exactly the merge
made on this laptop (``merge_log``).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from desktop_app.core.errors import KnownError, NotFound
from desktop_app.core.record_rules import MERGE_COMPARED, TWIN_COMPARED, twin_key
from desktop_app.core.records import SYNCED_FIELDS
from desktop_app.core.text import fold
from desktop_app.store import audit
from desktop_app.store.guard import op

# Records that point to a person / a household and move with a merge. Identity verifications are
# append-only (and signed by the officer): they stay and are read through ``merged_into``.
PERSON_POINTERS = (
    ("benefit", "person_id"),
    ("payment", "person_id"),
    ("payment", "proxy_person_id"),
    ("assistance", "person_id"),
)
HOUSEHOLD_POINTERS = (
    ("person", "household_id"),
    ("visit", "household_id"),
    ("assistance", "household_id"),
    ("benefit", "household_id"),
    ("payment", "household_id"),
)


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


class MergeMixin:
    """Store operations for duplicate candidates, merges and splits (team lead)."""

    # --- what the laptop holds -----------------------------------------------------------------

    @op
    def status_counts(self) -> dict:
        """Live records per entity and the sync state in numbers (``tantay status``)."""
        records = {}
        for entity in SYNCED_FIELDS:
            records[entity] = self.db.execute(
                f"SELECT COUNT(*) FROM [{entity}] WHERE deleted = 0"
            ).fetchone()[0]
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "records": records,
            "pending": one("SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')"),
            "quarantined": one("SELECT COUNT(*) FROM outbox WHERE state = 'quarantined'")
            + one("SELECT COUNT(*) FROM incoming_quarantine"),
            "conflicts": one("SELECT COUNT(*) FROM conflict WHERE resolution IS NULL"),
            "duplicate_candidates": len(self._duplicate_candidates()),
            "duplicate_citizen_ids": one(
                "SELECT COUNT(*) FROM (SELECT citizen_id FROM person WHERE deleted = 0"
                " AND citizen_id IS NOT NULL GROUP BY citizen_id HAVING COUNT(*) > 1)"
            ),
            "last_sync": self._last_sync(),
        }

    @op
    def last_sync(self) -> str | None:
        """When this laptop last heard from the city server: a sync round, a USB receipt or a
        delivery, whichever came last (UTC ISO); None if never. The status bar and the Sync page
        show this one time (the thirteenth tryout read "sent" and "synced" as two answers)."""
        return self._last_sync()

    def _last_sync(self) -> str | None:
        state = dict(
            self.db.execute(
                "SELECT key, value FROM sync_state WHERE key IN"
                " ('last_sync_at', 'last_bundle_receipt_at', 'last_delivery_at')"
            ).fetchall()
        )
        times = []
        for value in state.values():
            try:  # the sync round writes "...Z", receipts "+00:00": one format out
                times.append(datetime.fromisoformat(value).astimezone(UTC))
            except (TypeError, ValueError):
                continue
        return max(times).isoformat(timespec="seconds") if times else None

    # --- candidates ----------------------------------------------------------------------------

    def _duplicate_candidates(self) -> list[dict]:
        # one transaction, so the temporary tables' writes never leave one open behind
        with self.db.atomic():
            return self._find_candidates()

    def _find_candidates(self) -> list[dict]:
        found: dict[tuple, str] = {}
        # villages are compared by name: each laptop's setup made its own village records
        self.db.execute(
            "CREATE TEMP TABLE IF NOT EXISTS dup_village (id TEXT PRIMARY KEY, name TEXT)"
        )
        self.db.execute("DELETE FROM temp.dup_village")
        self.db.conn.executemany(
            "INSERT INTO temp.dup_village VALUES (?, ?)",
            [
                (vid, fold(name or ""))
                for vid, name in self.db.execute("SELECT id, name FROM village")
            ],
        )

        def add_pairs(ids, entity: str, reason: str) -> None:
            ids = sorted(set(ids))
            for i, a in enumerate(ids):
                for b in ids[i + 1 :]:
                    found.setdefault((entity, *_pair(a, b)), reason)

        # look-alike persons: folded name + birth year (an index finds the few shared ones),
        # then the village
        self.db.execute(
            "CREATE TEMP TABLE IF NOT EXISTS dup_name (name_fold TEXT, birth_year INTEGER)"
        )
        self.db.execute("DELETE FROM temp.dup_name")
        self.db.execute(
            "INSERT INTO temp.dup_name SELECT name_fold, birth_year FROM person"
            " INDEXED BY person_lookalike WHERE deleted = 0 AND birth_year IS NOT NULL"
            " GROUP BY name_fold, birth_year HAVING COUNT(*) > 1"
        )
        for (ids,) in self.db.execute(
            "SELECT group_concat(p.id) FROM temp.dup_name d"
            " CROSS JOIN person p ON p.name_fold = d.name_fold AND p.birth_year = d.birth_year"
            " AND p.deleted = 0 JOIN household h ON h.id = p.household_id"
            " LEFT JOIN temp.dup_village v ON v.id = h.village_id"
            " GROUP BY p.name_fold, p.birth_year, COALESCE(v.name, '') HAVING COUNT(*) > 1"
        ).fetchall():
            add_pairs(ids.split(","), "person", "same_name_birth_year_village")
        # persons sharing a phone number
        for (ids,) in self.db.execute(
            "SELECT group_concat(DISTINCT p.id) FROM person p, json_each(p.phones) j"
            " WHERE p.deleted = 0 AND p.phones != '[]'"
            " GROUP BY json_extract(j.value, '$.number') HAVING COUNT(DISTINCT p.id) > 1"
        ).fetchall():
            add_pairs(ids.split(","), "person", "same_phone")
        # households at the same address of one village for the same head (several families
        # often share a house number: the head's name and birth year must match too)
        by_place: dict[tuple, list[str]] = {}
        for ids, village, head in self.db.execute(
            "SELECT group_concat(h.id), COALESCE(v.name, ''), p.name_fold FROM household h"
            " JOIN person p ON p.id = h.head_person_id AND p.deleted = 0"
            " LEFT JOIN temp.dup_village v ON v.id = h.village_id"
            " WHERE h.deleted = 0 GROUP BY 2, 3, COALESCE(p.birth_year, 0) HAVING COUNT(*) > 1"
        ).fetchall():
            marks = ",".join("?" * len(ids.split(",")))
            for hid, address, landmark in self.db.execute(
                f"SELECT id, address, landmark FROM household WHERE id IN ({marks})",
                ids.split(","),
            ):
                key = fold(address or "") or ("~" + fold(landmark or ""))
                if key.strip("~ "):
                    by_place.setdefault((village, key, head), []).append(hid)
        for ids in by_place.values():
            add_pairs(ids, "household", "same_address")
        # a household left without members by a merge, and the household its head went to
        for hid, survivor_home in self.db.execute(
            "SELECT h.id, s.household_id FROM person m INDEXED BY person_merged_into"
            " JOIN household h ON h.head_person_id = m.id"
            " JOIN person s ON s.id = m.merged_into WHERE m.merged_into IS NOT NULL"
            " AND h.deleted = 0 AND m.deleted = 1"
            " AND s.deleted = 0 AND s.household_id != h.id"
            " AND NOT EXISTS (SELECT 1 FROM person x WHERE x.household_id = h.id"
            " AND x.deleted = 0)"
        ).fetchall():
            found.setdefault(("household", *_pair(hid, survivor_home)), "head_merged")
        # persons holding two different IDs are two people
        out = []
        not_dup = {
            (e, a, b) for e, a, b in self.db.execute("SELECT entity, a_id, b_id FROM not_duplicate")
        }
        for (entity, a, b), reason in found.items():
            if (entity, a, b) in not_dup:
                continue
            if entity == "person":
                ids = self.db.execute(
                    "SELECT citizen_id FROM person WHERE id IN (?, ?)", (a, b)
                ).fetchall()
                values = {r[0] for r in ids if r[0]}
                if len(values) == 2:
                    continue
            out.append({"entity": entity, "a": a, "b": b, "reason": reason})
        return out

    @op
    def duplicate_candidates(self) -> list[dict]:
        """Pairs that may be the same person or household, each with both records side by side
        and the fields whose values differ."""
        out = []
        for cand in self._duplicate_candidates():
            entity = cand["entity"]
            a = self._row(entity, cand["a"], include_deleted=True)
            b = self._row(entity, cand["b"], include_deleted=True)
            differing = [f for f in MERGE_COMPARED[entity] if a.get(f) != b.get(f)]
            if entity == "person":
                a, b = self._present_person(a), self._present_person(b)
            out.append({**cand, "records": [a, b], "differing": differing})
        return out

    @op
    def mark_not_duplicate(self, entity: str, a_id: str, b_id: str) -> None:
        """The team lead says these two are different: never propose the pair again."""
        a, b = _pair(a_id, b_id)
        with self.db.atomic():
            self.db.execute(
                "INSERT OR IGNORE INTO not_duplicate (entity, a_id, b_id) VALUES (?, ?, ?)",
                (entity, a, b),
            )
            audit.append(self.db, self.user.username, "merge.not_duplicate", entity, a, {"b": b})

    # --- merging -------------------------------------------------------------------------------

    def _head_after_merge(self, keep: dict, drop: dict) -> dict:
        """The kept household's head when it is no longer one of its living members (the
        seventeenth tryout: the kept household was the one left empty when the server merged
        its only person into the other household's, and the family read "(chưa ghi chủ hộ)"):
        the merged household's head, else the eldest member. ``{}`` when the head is fine."""
        members = self.db.execute(
            "SELECT id FROM person WHERE household_id = ? AND deleted = 0"
            " ORDER BY coalesce(birth_year, CAST(substr(birth_date, 1, 4) AS INTEGER), 9999), id",
            (keep["id"],),
        ).fetchall()
        live = [r[0] for r in members]
        if not live or keep.get("head_person_id") in live:
            return {}
        for head in (keep.get("head_person_id"), drop.get("head_person_id")):
            survivor = self._survivor_of("person", head) if head else None
            if survivor in live:
                return {"head_person_id": survivor}
        return {"head_person_id": live[0]}

    @op
    def merge_records(
        self, entity: str, keep_id: str, drop_id: str, take_from_drop: list[str] = ()
    ) -> dict:
        """Merge ``drop_id`` into ``keep_id`` (a person or household): the fields named in
        ``take_from_drop`` take the merged record's value, everything pointing to it moves to
        the kept one, and it becomes a tombstone with ``merged_into``. One action, audited;
        returns the merge log entry."""
        if entity not in MERGE_COMPARED:
            raise KnownError("Chỉ gộp được người hoặc hộ.", "Only persons or households merge.")
        if keep_id == drop_id:
            raise KnownError("Hai bản ghi là một.", "The two records are the same one.")
        unknown = [f for f in take_from_drop if f not in MERGE_COMPARED[entity]]
        if unknown:
            raise KnownError(
                f"Không gộp được trường: {', '.join(unknown)}", f"Cannot merge: {unknown}"
            )
        with self.db.atomic():
            keep = self._row(entity, keep_id)
            drop = self._row(entity, drop_id)
            if keep["id"] == drop["id"] or drop["id"] != drop_id:
                raise KnownError(
                    "Bản ghi này đã được gộp rồi.", "This record has already been merged."
                )
            keep_id = keep["id"]
            taken = {f: drop.get(f) for f in take_from_drop}
            moved = []
            opened = self._join_twins(keep, drop_id, moved) if entity == "person" else []
            conflicts = len(opened)
            pointers = PERSON_POINTERS if entity == "person" else HOUSEHOLD_POINTERS
            for target, field in pointers:
                rows = self.db.execute(
                    f"SELECT id FROM [{target}] WHERE {field} = ? AND deleted = 0", (drop_id,)
                ).fetchall()
                for (rid,) in rows:
                    changes = {field: keep_id}
                    if entity == "person" and field == "person_id":
                        changes["household_id"] = keep["household_id"]
                    self._update(target, rid, changes)
                    moved.append([target, rid, field, drop_id])
            if entity == "person":
                for (vid,) in self.db.execute(
                    "SELECT id FROM visit WHERE deleted = 0 AND persons_present LIKE ?",
                    (f"%{drop_id}%",),
                ).fetchall():
                    present = self._row("visit", vid)["persons_present"]
                    new = list(dict.fromkeys(keep_id if p == drop_id else p for p in present))
                    self._update("visit", vid, {"persons_present": new})
                    moved.append(["visit", vid, "persons_present", drop_id])
            if entity == "household":
                taken.update(self._head_after_merge(keep, drop))
            self._update(entity, drop_id, {"merged_into": keep_id}, delete=True)
            if taken:
                self._update(entity, keep_id, taken)
            # the conflicts the merge opened are logged with the moves, for a split to close
            logged = moved + [["conflict", cid, "opened", None] for cid in opened]
            cur = self.db.execute(
                "INSERT INTO merge_log (entity, kept_id, merged_id, moved, merged_by, merged_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (entity, keep_id, drop_id, json.dumps(logged), self.user.username, _now()),
            )
            self._move_drafts(entity, drop_id, keep_id, keep)
            audit.append(
                self.db,
                self.user.username,
                f"merge.{entity}",
                entity,
                keep_id,
                {
                    "merged": drop_id,
                    "moved": len(moved),
                    "taken": sorted(taken),
                    "conflicts": conflicts,
                },
            )
            if entity == "household":
                self._reindex(keep_id)
                self._reindex(drop_id)
        return {
            "id": cur.lastrowid,
            "moved": len(moved),
            "taken": sorted(taken),
            "conflicts": conflicts,
        }

    def _join_twins(self, keep: dict, drop_id: str, moved: list) -> list[int]:
        """The merged person's benefits that the kept person already has (same scheme and
        category) join the kept one's, as the city server joins them in an identity merge
        (``TWIN_KEY``): each becomes a tombstone with ``merged_into``; its payments move to the
        kept benefit, except one of a month the kept benefit already holds, which becomes a
        tombstone. Values of a joined record that differ from its twin's become conflicts on the
        twin, for the team lead. Each step is logged in ``moved`` so a split undoes it. Returns
        the ids of the conflicts made."""

        def live(entity: str, field: str, value: str) -> list[dict]:
            rows = self.db.execute(
                f"SELECT id FROM [{entity}] WHERE {field} = ? AND deleted = 0 ORDER BY id", (value,)
            ).fetchall()
            return [self._row(entity, rid) for (rid,) in rows]

        kept = {twin_key("benefit", b): b for b in live("benefit", "person_id", keep["id"])}
        conflicts: list[int] = []
        for benefit in live("benefit", "person_id", drop_id):
            twin = kept.get(twin_key("benefit", benefit))
            if twin is None:
                continue  # moved to the kept person with the other pointers
            months = {twin_key("payment", p): p for p in live("payment", "benefit_id", twin["id"])}
            for payment in live("payment", "benefit_id", benefit["id"]):
                same = months.get(twin_key("payment", payment))
                if same is not None:
                    conflicts += self._difference_conflicts(
                        "payment", same, payment, TWIN_COMPARED["payment"]
                    )
                    self._update("payment", payment["id"], {"merged_into": same["id"]}, delete=True)
                    moved.append(["payment", payment["id"], "deleted", same["id"]])
                else:
                    self._update(
                        "payment",
                        payment["id"],
                        {
                            "benefit_id": twin["id"],
                            "person_id": keep["id"],
                            "household_id": keep["household_id"],
                        },
                    )
                    moved.append(["payment", payment["id"], "benefit_id", benefit["id"]])
            conflicts += self._difference_conflicts(
                "benefit", twin, benefit, TWIN_COMPARED["benefit"]
            )
            self._update("benefit", benefit["id"], {"merged_into": twin["id"]}, delete=True)
            moved.append(["benefit", benefit["id"], "merged_into", twin["id"]])
        return conflicts

    @op
    def merges(self) -> list[dict]:
        """Merges made on this laptop, newest first (each can be split again)."""
        return [
            {
                "id": r[0],
                "entity": r[1],
                "kept_id": r[2],
                "merged_id": r[3],
                "moved": sum(1 for m in json.loads(r[4]) if m[0] != "conflict"),
                "merged_by": r[5],
                "merged_at": r[6],
                "split_at": r[7],
            }
            for r in self.db.execute(
                "SELECT id, entity, kept_id, merged_id, moved, merged_by, merged_at, split_at"
                " FROM merge_log ORDER BY id DESC"
            )
        ]

    @op
    def split_merge(self, merge_id: int) -> dict:
        """Undo a merge made on this laptop: the merged record lives again and the records
        that moved go back (unless edited to point elsewhere since). The kept record's values
        stay as they are; a later edit fixes them if needed. The pair is a candidate again."""
        row = self.db.execute(
            "SELECT entity, kept_id, merged_id, moved, split_at FROM merge_log WHERE id = ?",
            (merge_id,),
        ).fetchone()
        if row is None or row[4]:
            raise NotFound("Không có lần gộp này.", "No such merge (or already split).")
        entity, keep_id, drop_id, moved_json, _ = row
        with self.db.atomic():
            drop = self._row(entity, drop_id, include_deleted=True)
            if entity == "person" and drop.get("citizen_id"):
                keep = self._row(entity, keep_id, include_deleted=True)
                if keep.get("citizen_id") == drop["citizen_id"]:
                    raise KnownError(
                        "Hai người có cùng số định danh là một người: không tách được.",
                        "Two persons with one citizen ID are one person: cannot split.",
                    )
            self.db.execute(f"UPDATE [{entity}] SET deleted = 0 WHERE id = ?", (drop_id,))
            self._update(entity, drop_id, {"merged_into": None}, force=True)
            back = 0
            # last step first: a joined benefit lives again before its payments go back to it
            for target, rid, field, old in reversed(json.loads(moved_json)):
                if target == "conflict":  # the merge opened it: undecided, it has no more cause
                    self.db.execute(
                        "UPDATE conflict SET resolution = 'split', resolved_by = ?,"
                        " resolved_at = ? WHERE id = ? AND resolution IS NULL",
                        (self.user.username, _now(), rid),
                    )
                    continue
                if field in ("deleted", "merged_into"):
                    back += self._split_twin(target, rid, field)
                    continue
                try:
                    current = self._row(target, rid)
                except NotFound:
                    continue
                if field == "benefit_id":
                    if current["benefit_id"] != old and self._live("benefit", old):
                        self._update(
                            target,
                            rid,
                            {
                                "benefit_id": old,
                                "person_id": drop_id,
                                "household_id": drop["household_id"],
                            },
                        )
                        back += 1
                elif field == "persons_present":
                    present = current["persons_present"]
                    if keep_id in present and old not in present:
                        self._update(target, rid, {field: [*present, old]})
                        back += 1
                elif current.get(field) == keep_id:
                    changes = {field: old}
                    if entity == "person" and field == "person_id":
                        changes["household_id"] = drop["household_id"]
                    self._update(target, rid, changes)
                    back += 1
            self.db.execute("UPDATE merge_log SET split_at = ? WHERE id = ?", (_now(), merge_id))
            # a split undoes the merge: the pair is a candidate again, as before it (the
            # thirteenth tryout could merge it again only from the command line); "not the
            # same" is the team lead's own, separate decision
            audit.append(
                self.db,
                self.user.username,
                f"split.{entity}",
                entity,
                drop_id,
                {"from": keep_id, "moved_back": back},
            )
            if entity == "household":
                self._reindex(keep_id)
                self._reindex(drop_id)
        return {"moved_back": back}

    def _split_twin(self, entity: str, rid: str, field: str) -> int:
        """A split gives back a benefit or a payment the merge joined with its twin: it lives
        again, unless it lives already or (a payment) its month was recorded again meanwhile."""
        if (
            self._live(entity, rid)
            or not self.db.execute(f"SELECT 1 FROM [{entity}] WHERE id = ?", (rid,)).fetchone()
        ):
            return 0
        if (
            entity == "payment"
            and self.db.execute(
                "SELECT 1 FROM payment p JOIN payment o ON o.benefit_id = p.benefit_id"
                " AND o.period = p.period AND o.deleted = 0 WHERE p.id = ?",
                (rid,),
            ).fetchone()
        ):
            return 0
        self.db.execute(f"UPDATE [{entity}] SET deleted = 0 WHERE id = ?", (rid,))
        self._update(entity, rid, {"merged_into": None}, force=True)
        return 1

    def _live(self, entity: str, rid: str) -> bool:
        return bool(
            self.db.execute(
                f"SELECT 1 FROM [{entity}] WHERE id = ? AND deleted = 0", (rid,)
            ).fetchone()
        )
