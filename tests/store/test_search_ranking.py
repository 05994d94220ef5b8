"""Search puts the best matches first: whole words, then words starting with what was typed, then
the rest — each group in Vietnamese order (given name first)."""

from __future__ import annotations

from desktop_app.store.store import Store

ADMIN_PW = "admin-pass-1"


def _store(data_dir, fast_kdf) -> Store:
    store, _key = Store.create(
        data_dir,
        admin_username="admin",
        admin_password=ADMIN_PW,
        admin_full_name="Phạm Quốc Bảo",
        commune_code="00070",
        villages=["Tổ dân phố số 1"],
        kdf=fast_kdf,
    )
    return store


def _add(store: Store, name: str, address: str = "Số 5 Hàng Bạc") -> None:
    village = store.list_villages()[0]["id"]
    store.add_household(
        {"address": address, "village_id": village, "phones": []},
        {"full_name": name, "birth_year": 1945, "sex": "female"},
    )


def test_whole_word_matches_come_before_parts_of_words(data_dir, fast_kdf):
    store = _store(data_dir, fast_kdf)
    try:
        # alphabetically (by given name) "Ân" < "Hoàng" < "Lan" < "Xuân"; by match quality
        # "Lan" (whole word) must come first, then "Lanh" (starts with), then "Ông Thị Đan"
        # ("lan" inside no word here) ... and "Xuân Lan" is a whole word too.
        _add(store, "Nguyễn Thị Lanh")
        _add(store, "Trần Thị Lan")
        _add(store, "Phạm Xuân Lan")
        _add(store, "Đỗ Thị Ân", address="Số 3 Hàng Lanh")
        _add(store, "Lê Thị Hoàng", address="Ngõ Kiều Blan")
        names = [r["head_name"] for r in store.search_households("lan")]
        assert names[:2] == ["Phạm Xuân Lan", "Trần Thị Lan"]  # whole words, by given name
        assert set(names[2:4]) == {"Đỗ Thị Ân", "Nguyễn Thị Lanh"}  # words starting with "lan"
        assert names[4:] == ["Lê Thị Hoàng"]  # "lan" inside a word
        assert names[2:4] == ["Đỗ Thị Ân", "Nguyễn Thị Lanh"]  # Vietnamese order within
    finally:
        store.close()


def test_a_phrase_typed_in_order_ranks_the_person_who_has_it(data_dir, fast_kdf):
    store = _store(data_dir, fast_kdf)
    try:
        _add(store, "Văn Thị Nguyễn")  # both words, not as typed
        _add(store, "Nguyễn Văn Tâm")
        names = [r["head_name"] for r in store.search_households("nguyen van")]
        assert names == ["Nguyễn Văn Tâm", "Văn Thị Nguyễn"]
    finally:
        store.close()


def test_a_household_found_through_another_member_names_that_member(data_dir, fast_kdf):
    store = _store(data_dir, fast_kdf)
    try:
        _add(store, "Ứng Thu Ấm")
        hid = store.search_households("ung thu am")[0]["id"]
        store.add_person(hid, {"full_name": "Nguyễn Văn Hùng", "birth_year": 1980, "sex": "male"})
        _add(store, "Nguyễn Văn Bình")
        found = {
            r["head_name"]: r.get("matched_name") for r in store.search_households("nguyen van")
        }
        assert found == {"Nguyễn Văn Bình": None, "Ứng Thu Ấm": "Nguyễn Văn Hùng"}
    finally:
        store.close()
