"""Issue 12: six concurrent 60 MB bundle uploads took the server from 62 MB to 1.24 GB and it kept
~1 GB. Uploads now stream to disk and import one at a time (the figure: tests/bench
``upload_rss``). This test runs the real ``serve`` subprocess and checks the growth, not a time."""

from __future__ import annotations

from tests.bench.bench_upload import SIZE, UPLOADS, server_memory_under_uploads


def test_six_concurrent_60mb_uploads_do_not_fill_the_memory(tmp_path):
    figures = server_memory_under_uploads(tmp_path)
    total = UPLOADS * SIZE / 2**20
    # at most about one bundle in memory at a time (the import reads it), never all six
    assert figures["peak"] - figures["idle"] < total / 3, figures
    assert figures["kept"] - figures["idle"] < 40, figures
