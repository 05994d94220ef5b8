"""Which records sync and which of their fields travel.

Each synced record also has the common fields ``COMMON_FIELDS``. Columns that are derived on the
laptop (``name_fold``, ``sort_key``) never travel; ``commune_code`` travels on every change so the
server can scope records to the communes a device is enrolled for.
"""

COMMON_FIELDS = ("id", "version", "updated_at", "updated_by", "origin_device", "deleted")

SYNCED_FIELDS: dict[str, tuple[str, ...]] = {
    "village": ("name", "kind", "commune_code", "commune_list_version"),
    "household": (
        "village_id",
        "commune_code",
        "commune_list_version",
        "address",
        "landmark",
        "latitude",
        "longitude",
        "phones",
        "notes",
        "head_person_id",
        "merged_into",
    ),
    "person": (
        "household_id",
        "full_name",
        "given_name",
        "birth_date",
        "birth_year",
        "sex",
        "citizen_id",
        "card_type",
        "card_expiry",
        "old_id",
        "relationship",
        "vulnerabilities",
        "payment_channel",
        "phones",
        "consent_date",
        "consent_scope",
        "consent_method",
        "consent_witness",
        "consent_withdrawn_on",
        "notes",
        "merged_into",
    ),
    "visit": (
        "household_id",
        "visited_at",
        "visitor",
        "visitor_name",
        "purposes",
        "outcome",
        "notes",
        "persons_present",
        "follow_up_on",
        "follow_up_done_on",
    ),
    "assistance": ("person_id", "household_id", "visit_id", "kind", "status", "due_on", "text"),
    "benefit": (
        "person_id",
        "household_id",
        "scheme",
        "category",
        "monthly_amount",
        "channel",
        "provider",
        "account_last4",
        "start_on",
        "end_on",
        "status",
        "notes",
        "merged_into",
    ),
    "payment": (
        "benefit_id",
        "person_id",
        "household_id",
        "period",
        "amount",
        "channel",
        "credited_on",
        "withdrawn_on",
        "withdrawn_by",
        "proxy_person_id",
        "proxy_name",
        "travel_minutes",
        "distance_km",
        "fees",
        "barriers",
        "convenience",
        "note",
        "merged_into",
    ),
    "identity_verification": (
        "person_id",
        "household_id",
        "officer",
        "verified_at",
        "method",
        "result",
        "mismatched_fields",
        "proposed_values",
        "note",
        "officer_cert",  # the server-signed certificate of the officer's key (core.officer_keys)
        "officer_signature",  # the officer's signature over the content
    ),
}

# Records that are never edited once written (a later one supersedes an earlier one).
APPEND_ONLY = frozenset({"identity_verification"})

# Fields stored as JSON text in SQLite and as JSON values in changes.
JSON_FIELDS = frozenset(
    {
        "phones",
        "vulnerabilities",
        "purposes",
        "persons_present",
        "barriers",
        "mismatched_fields",
        "proposed_values",
    }
)

LOCAL_ONLY_FIELDS = frozenset(
    {
        "name_fold",
        "sort_key",
        "list_head_name",
        "list_members",
        "list_vulnerabilities",
        "list_last_visit",
        "list_next_follow_up",
    }
)

VULNERABILITY_TAGS = (
    "lives_alone",
    "limited_mobility",
    "low_vision",
    "hearing",
    "no_smartphone",
    "cannot_read",
    "cognitive",
    "bedridden",
)

ASSISTANCE_KINDS = (
    "open_account",
    "activate_card",
    "reset_pin",
    "install_app",
    "vneid_activation",
    "accompany_withdrawal",
    "request_home_delivery",
    "escalate_to_commune",
    "other",
)

ASSISTANCE_STATUSES = ("open", "done", "cancelled")

VISIT_PURPOSES = (
    "routine",
    "payment_check",
    "assistance",
    "verification",
    "follow_up",
    "other",
)

VISIT_OUTCOMES = ("met", "not_home", "moved", "deceased", "refused", "other")

CARD_TYPES = ("cmnd", "cccd", "the_can_cuoc", "vneid")

VERIFICATION_METHODS = ("chip_card", "card_in_person", "vneid", "population_data")
VERIFICATION_RESULTS = ("verified", "mismatch", "unable")
WITHDRAWN_BY = ("self", "helped", "proxy")
# What a list shows instead of the name of a person who has not agreed to share their data
# (the laptop's report rows, the server's; a screen in English shows its own words).
NO_CONSENT_NAME = "(chưa đồng ý chia sẻ thông tin)"
