"""Names shared by the dashboard's browser tests."""

CHROMIUM = "/usr/bin/chromium"
BA_DINH, NGOC_HA, HOAN_KIEM = "00004", "00008", "00070"
ACCOUNTS = {
    "ana": ("city_analyst", "analyst-pass-1", []),
    "off": ("commune_official", "official-pass-1", [NGOC_HA]),
    "adm": ("city_admin", "admin-pass-12", []),
}
