"""Tận Tay — offline-first visits and payment-access records for community digital-technology teams."""

__version__ = "0.1.0"

try:  # written by build_installer.py into frozen builds; absent in a source checkout
    from desktop_app._build_info import BUILD_COMMIT, BUILD_TIME
except ImportError:
    BUILD_COMMIT = BUILD_TIME = None


def version_text() -> str:
    """``Tận Tay 0.1.0``; a frozen build adds the source commit and build time (for --version
    and the About box)."""
    if BUILD_COMMIT is None:
        return f"Tận Tay {__version__}"
    commit = BUILD_COMMIT[:12] + ("-dirty" if BUILD_COMMIT.endswith("-dirty") else "")
    return f"Tận Tay {__version__} (commit {commit}, built {BUILD_TIME})"
