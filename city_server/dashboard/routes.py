"""The dashboard's HTTP routes, mounted on the API's app by ``mount`` (city_server/app.py).

Pages are rendered on the server (Jinja2), with no script; every asset comes from
``/static/dashboard/``. Each page answers ``?export=xlsx`` and ``?export=pdf`` with its tables.
Roles: ``city_admin`` sees the devices-and-intake page; ``city_analyst`` every commune's
aggregates; ``commune_official`` its own communes' aggregates and the not-received list.
"""

from __future__ import annotations

import re
import secrets
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from city_server.dashboard import auth, exports, pages
from city_server.dashboard.cells import Refresher
from city_server.dashboard.texts import t
from desktop_app.core.benefits import AGE_BANDS, CHANNELS
from desktop_app.core.citizen_id import mask_citizen_id
from desktop_app.core.protocol import is_commune_code

HERE = Path(__file__).resolve().parent
ANALYST_ROLES = ("city_analyst", "commune_official")
MAX_WEB_CODES = 50  # enrolment codes per form (one per laptop); more: enrollment-code --count
# Tables a page's export may hold alone (``?export=pdf&only=…``).
LIST_EXPORTS = ("not_received",)
# Pages of each role, in menu order: (path, text key).
MENUS = {
    "city_admin": [
        ("/admin", "admin"),
        ("/admin/accounts", "accounts"),
        ("/admin/audit", "audit_menu"),
    ],
    "city_analyst": [
        ("/overview", "overview"),
        ("/communes", "communes"),
        ("/trends", "trends"),
    ],
    "commune_official": [
        ("/overview", "my_communes"),
        ("/communes", "communes"),
        ("/trends", "trends"),
    ],
}


def menu_current(role: str, path: str) -> str:
    """The menu entry a page is under: its own, or for a commune's page the communes table —
    but an official's commune pages are their own communes ("Xã, phường của tôi"; the ninth
    tryout: the official's ward page lit "Xã, phường", the city's table)."""
    hrefs = [href for href, _ in MENUS.get(role, [])]
    if path in hrefs:
        return path
    if path.startswith("/communes/"):
        return "/overview" if role == "commune_official" else "/communes"
    return max((h for h in hrefs if path.startswith(h + "/")), key=len, default="")


_env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals["commune_choices"] = auth.commune_choices  # the commune fields' suggestions

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:;"
    " form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


def mount(app: FastAPI, storage: Any, client_of=None) -> None:
    """Add the dashboard to ``app`` (pages under ``/``, assets under ``/static/dashboard``) and
    run the cell refresher while the app is served."""
    router = APIRouter(include_in_schema=False)
    app.mount("/static/dashboard", StaticFiles(directory=HERE / "static"), name="dashboard-static")
    trusted = getattr(app.state, "trusted_proxies", frozenset())

    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(a):
        # every worker's own refresher also warms what its pages keep, once cells change
        refresher = Refresher(storage, after=pages.warm).start()
        app.state.dashboard_refresher = refresher
        try:
            async with inner(a) as state:
                yield state
        finally:
            refresher.stop()

    app.router.lifespan_context = lifespan

    # An unknown address outside /api/ asked for by a browser gets the dashboard's error page;
    # the API (and any client that does not ask for HTML) keeps its JSON error.
    api_errors = app.exception_handlers.get(StarletteHTTPException)

    async def http_error(request: Request, exc: StarletteHTTPException):
        wants_html = "text/html" in request.headers.get("accept", "")
        if api_errors is not None and (request.url.path.startswith("/api/") or not wants_html):
            return await api_errors(request, exc)
        user = await current(request)
        status = exc.status_code if exc.status_code in (404, 405) else 404
        return render(
            "error.html", request, status, user=user, message=t("not_found", lang_of(request))
        )

    app.add_exception_handler(StarletteHTTPException, http_error)

    def lang_of(request: Request) -> str:
        return "en" if request.cookies.get("lang") == "en" else "vi"

    def client(request: Request) -> str | None:
        if client_of is not None:
            return client_of(request)
        return request.client.host if request.client else None

    def secure(request: Request) -> bool:
        if request.url.scheme == "https":
            return True
        peer = request.client.host if request.client else None
        return peer in trusted and request.headers.get("x-forwarded-proto") == "https"

    def render(name: str, request: Request, status: int = 200, **context: Any) -> HTMLResponse:
        lang = lang_of(request)
        user = context.get("user")
        html = _env.get_template(name).render(
            t=lambda key: t(key, lang),
            lang=lang,
            path=request.url.path,
            query=request.url.query,
            menu=MENUS.get(user.role, []) if user else [],
            menu_current=menu_current(user.role, request.url.path) if user else "",
            channels=[(k, v.text(lang)) for k, v in CHANNELS.items()],
            bands=[(k, v.text(lang)) for k, v in AGE_BANDS.items()],
            **context,
        )
        return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)

    def audit(user: str, action: str, request: Request, **detail: Any) -> None:
        storage.dash_audit(auth.now_iso(), user, action, detail, client(request))

    async def current(request: Request) -> auth.User | None:
        token = request.cookies.get(auth.SESSION_COOKIE)
        return await run_in_threadpool(auth.session_user, storage, token)

    def to_login(request: Request) -> RedirectResponse:
        """To the sign-in form, and back here after it. A form sent after the session ended
        comes back to the page it was on (a POST address has no page), and the sign-in form
        says the session expired."""
        if request.method == "POST":
            target = _form_page(request.url.path)
            return RedirectResponse(
                "/login?expired=1&next=" + quote(target, safe=""), status_code=303
            )
        target = request.url.path + (("?" + request.url.query) if request.url.query else "")
        return RedirectResponse("/login?next=" + quote(target, safe=""), status_code=303)

    def login_page(
        request: Request, status: int = 200, *, failed=False, message="", next="/", name=""
    ) -> HTMLResponse:
        """The sign-in form with the browser's login CSRF token (its cookie set with it): a
        token already in the cookie is kept, so a second sign-in tab does not spoil the first;
        a new one when there is none (it goes once someone signs in)."""
        token = request.cookies.get(auth.LOGIN_CSRF_COOKIE, "")
        if not re.fullmatch(r"[A-Za-z0-9_-]{32}", token):
            token = secrets.token_urlsafe(24)
        response = render(
            "login.html",
            request,
            status,
            csrf=token,
            next=_safe_next(next),
            failed=failed,
            message=message,
            typed_name=name,
        )
        response.set_cookie(
            auth.LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=secure(request)
        )
        return response

    def refuse(request: Request, user: auth.User | None, status: int = 403) -> HTMLResponse:
        key = "forbidden" if status == 403 else "not_found" if status == 404 else "csrf"
        return render("error.html", request, status, user=user, message=t(key, lang_of(request)))

    async def form_of(request: Request) -> dict[str, str]:
        body = (await request.body()).decode("utf-8", "replace")
        return {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()}

    def query_of(request: Request) -> dict[str, Any]:
        q: dict[str, Any] = {k: v for k, v in request.query_params.items()}
        q["communes"] = [c for c in request.query_params.getlist("communes") if is_commune_code(c)]
        return q

    async def show(
        request: Request, user: auth.User, page: pages.Page, template: str = "page.html"
    ) -> Response:
        kind = request.query_params.get("export")
        only = request.query_params.get("only")
        if kind in ("xlsx", "pdf") and only in LIST_EXPORTS:
            # one table alone: the official's list to print (the tenth tryout printed six pages
            # of the whole ward page, the list last with its right-hand columns cut)
            page.tables = [tb for tb in page.tables if tb.id == only]
            page.extra["only"] = only
        if kind in ("xlsx", "pdf"):
            await run_in_threadpool(
                audit,
                user.name,
                "export",
                request,
                page=page.kind,
                format=kind,
                filters={
                    k: _without_id_numbers(v)
                    for k, v in page.filters.items()
                    if isinstance(v, str | list)
                },
                **_export_scope(page, user),
                **({"table": page.extra["only"]} if page.extra.get("only") else {}),
            )
            data = await run_in_threadpool(
                exports.to_xlsx if kind == "xlsx" else exports.to_pdf, page
            )
            media = (
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                if kind == "xlsx"
                else "application/pdf"
            )
            name = exports.file_name(page, kind)
            return Response(
                data,
                media_type=media,
                headers={
                    **SECURITY_HEADERS,
                    "Content-Disposition": f'attachment; filename="{name}"',
                },
            )
        pending = await run_in_threadpool(storage.dash_pending)
        return render(template, request, user=user, page=page, pending=pending)

    # --- sign in and out ---------------------------------------------------------------------

    @router.get("/", response_class=HTMLResponse)
    async def home(request: Request):
        user = await current(request)
        if user is None:
            return RedirectResponse("/login", status_code=303)
        return RedirectResponse(MENUS[user.role][0][0], status_code=303)

    @router.get("/login", response_class=HTMLResponse)
    async def login_form(request: Request, next: str = "/", expired: str = "", changed: str = ""):
        message = t("session_expired", lang_of(request)) if expired else ""
        if changed:  # an admin who reset their own password: why they are signed out
            message = t("password_changed", lang_of(request))
        return login_page(request, next=next, message=message)

    @router.post("/login", response_class=HTMLResponse)
    async def login(request: Request):
        form = await form_of(request)
        name = form.get("user", "")[:60]
        if not auth.same_token(form.get("csrf"), request.cookies.get(auth.LOGIN_CSRF_COOKIE)):
            # a sign-in form from an older tab (its token is gone once someone signs in): the
            # same person already signed in in another tab goes on to the page; anyone else
            # gets a fresh form that says so, the name kept, the password never checked
            already = await current(request)
            if already is not None and already.name.casefold() == name.strip().casefold():
                return RedirectResponse(_role_target(already.role, form.get("next")), 303)
            return login_page(
                request,
                400,
                message=t("session_expired", lang_of(request)),
                next=form.get("next") or "/",
                name=name,
            )
        user = await run_in_threadpool(auth.check_login, storage, name, form.get("password", ""))
        if user is None:
            # what was typed as the name is logged only when it is an account's name: a
            # password typed into the name box must never end up in the log
            known = await run_in_threadpool(auth.same_name, storage, name.strip()) if name else None
            if known is not None:
                await run_in_threadpool(audit, known, "login_failed", request)
            else:
                await run_in_threadpool(audit, "?", "login_unknown", request)
            return login_page(request, 401, failed=True, next=form.get("next") or "/")
        session = await run_in_threadpool(auth.new_session, storage, user["name"])
        await run_in_threadpool(audit, user["name"], "login", request)
        response = RedirectResponse(_role_target(user["role"], form.get("next")), status_code=303)
        response.set_cookie(
            auth.SESSION_COOKIE,
            session,
            httponly=True,
            samesite="strict",
            secure=secure(request),
            max_age=auth.SESSION_HOURS * 3600,
        )
        response.delete_cookie(auth.LOGIN_CSRF_COOKIE)
        return response

    @router.post("/logout")
    async def logout(request: Request):
        user = await current(request)
        form = await form_of(request)
        if user is not None:
            if not auth.same_token(form.get("csrf"), user.csrf):
                # an older tab's button: the page says so, with a fresh sign-out button
                message = t("logout_expired", lang_of(request))
                return render("error.html", request, 400, user=user, message=message)
            token = request.cookies.get(auth.SESSION_COOKIE, "")
            await run_in_threadpool(storage.dash_drop_session, auth.token_hash(token))
            await run_in_threadpool(audit, user.name, "logout", request)
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(auth.SESSION_COOKIE)
        return response

    @router.get("/lang/{code}")
    async def language(request: Request, code: str, next: str = "/"):
        response = RedirectResponse(_safe_next(next), status_code=303)
        response.set_cookie(
            "lang", "en" if code == "en" else "vi", samesite="strict", max_age=365 * 86400
        )
        return response

    # --- pages -------------------------------------------------------------------------------

    async def analyst_page(request: Request, build, *args):
        user = await current(request)
        if user is None:
            return to_login(request)
        if user.role not in ANALYST_ROLES:
            return refuse(request, user)
        page = await run_in_threadpool(build, storage, user, lang_of(request), *args)
        return await show(request, user, page)

    @router.get("/overview", response_class=HTMLResponse)
    async def overview(request: Request):
        return await analyst_page(request, pages.overview, query_of(request))

    @router.get("/communes", response_class=HTMLResponse)
    async def communes(request: Request):
        return await analyst_page(request, pages.communes_page, query_of(request))

    @router.get("/communes/{code}", response_class=HTMLResponse)
    async def commune(request: Request, code: str):
        user = await current(request)
        if user is None:
            return to_login(request)
        if user.role not in ANALYST_ROLES:
            return refuse(request, user)
        if not is_commune_code(code) or not await run_in_threadpool(_known_commune, storage, code):
            return refuse(request, user, 404)
        if not user.may_see(code):
            return refuse(request, user)
        page = await run_in_threadpool(
            pages.commune_page, storage, user, lang_of(request), code, query_of(request)
        )
        return await show(request, user, page)

    @router.get("/communes/{code}/report.{kind}")
    async def commune_report(request: Request, code: str, kind: str):
        """The laptop's own full report of the commune (names included): officials only."""
        user = await current(request)
        if user is None:
            return to_login(request)
        if user.role != "commune_official" or not user.may_see(code) or kind not in ("xlsx", "pdf"):
            return refuse(request, user)
        q = query_of(request)
        to = pages.checked_month(q.get("to"), pages.default_month(storage))
        frm = pages.checked_month(q.get("from"), to)
        # the months the report holds (inside the data), which its file name then says
        frm, to, _ = await run_in_threadpool(
            pages.bounded_range, storage, frm, to, lang_of(request)
        )
        months = pages.month_range(frm, to)
        data = await run_in_threadpool(
            _full_report, storage, code, months[0], months[-1], kind, lang_of(request)
        )
        await run_in_threadpool(
            audit,
            user.name,
            "export",
            request,
            page="commune_report",
            commune=code,
            format=kind,
            period=[months[0], months[-1]],
        )
        media = (
            "application/pdf"
            if kind == "pdf"
            else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        span = months[0] if months[0] == months[-1] else f"{months[0]}_{months[-1]}"
        report = "report" if lang_of(request) == "en" else "bao-cao"  # the page's language
        name = f"tantay-{report}-{code}-{exports.slug(pages.commune_name(code))}-{span}.{kind}"
        return Response(
            data,
            media_type=media,
            headers={**SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'},
        )

    @router.get("/trends", response_class=HTMLResponse)
    async def trends(request: Request):
        return await analyst_page(request, pages.trends_page, query_of(request))

    # --- devices and intake (city_admin) -----------------------------------------------------

    async def admin_user(request: Request) -> tuple[auth.User | None, Response | None]:
        user = await current(request)
        if user is None:
            return None, to_login(request)
        if user.role != "city_admin":
            return user, refuse(request, user)
        return user, None

    async def admin_form(
        request: Request, again=None
    ) -> tuple[auth.User | None, dict[str, str], Response | None]:
        """A city admin's POST: the user and the form, or the answer that refuses it (not
        signed in — to the sign-in form, which says the session expired —, not an admin, or
        a form without its CSRF token). A form with an out-of-date token (a tab opened
        before the admin signed in again) gets ``again(user, message)``: its page with a
        fresh form and a message saying nothing was done; never a bare error."""
        user, refused = await admin_user(request)
        if refused is not None:
            return user, {}, refused
        form = await form_of(request)
        if not auth.same_token(form.get("csrf"), user.csrf):
            message = t("form_expired", lang_of(request))
            if again is None:
                return user, form, refuse(request, user, 400)
            return user, form, await again(user, message)
        return user, form, None

    # What the admin pages say once after a POST, then redirect (POST-redirect-GET: a reload
    # never creates a second code): in the session's row, encrypted with a key from the session
    # cookie (a new enrolment code is never stored in clear), read once — so any of several
    # server processes answers the redirect.
    async def flash(request: Request, message: dict[str, Any]) -> None:
        token = request.cookies.get(auth.SESSION_COOKIE)
        await run_in_threadpool(auth.put_flash, storage, token, message)

    async def flashed(request: Request) -> dict[str, Any]:
        if request.method == "HEAD":  # a HEAD (a link preview, a check) never takes it
            return {}
        token = request.cookies.get(auth.SESSION_COOKIE)
        return await run_in_threadpool(auth.take_flash, storage, token)

    async def admin_listing(request: Request, build) -> tuple[Any, Any, bool, Any]:
        """An admin's paged page: (user, page, exporting, refusal). An export holds every row
        the filters find, not one page of them."""
        user, refused = await admin_user(request)
        if refused is not None:
            return None, None, False, refused
        lang = lang_of(request)
        exporting = request.query_params.get("export") in ("xlsx", "pdf")
        query = dict(request.query_params)
        page = await run_in_threadpool(lambda: build(storage, user, lang, query, every=exporting))
        return user, page, exporting, None

    @router.get("/admin", response_class=HTMLResponse)
    async def admin(request: Request):
        user, page, exporting, refused = await admin_listing(request, pages.admin_page)
        if refused is not None:
            return refused
        lang = lang_of(request)
        if exporting:
            return await show(request, user, page, "admin.html")
        message = await flashed(request)
        made = message if message.get("codes") else None
        if made is not None:
            made = {
                "codes": [
                    {"code": c["code"], "ref": pages.code_label(c["ref"])} for c in made["codes"]
                ],
                "communes": ", ".join(pages.commune_name(c) for c in made["communes"]),
                "expires": pages.hanoi_time(made["expires_at"], lang, mark=True),
                # the address this page was opened at: the laptops' too (one server, one port),
                # printed with the codes so the sheet is all a commune needs
                "server": str(request.base_url).rstrip("/"),
            }
        pending = await run_in_threadpool(storage.dash_pending)
        return render(
            "admin.html",
            request,
            user=user,
            page=page,
            new_code=made,
            done=message.get("done"),
            done_at=message.get("at") or "",  # said beside the list it was done from
            pending=pending,
        )

    @router.get("/admin/audit", response_class=HTMLResponse)
    async def audit_log(request: Request):
        """Who did what: filtered by account, action and dates, 100 entries a page (GET)."""
        user, page, _, refused = await admin_listing(request, pages.audit_page)
        if refused is not None:
            return refused
        return await show(request, user, page, "audit.html")

    async def asked_first(request: Request, thing, *, post: bool) -> Response:
        """An admin action asked first (revoke a laptop, cancel a code), its GET and POST alike.

        ``thing`` says how: ``find()`` the record; ``settled(record)`` when it is gone or done
        already and ``settled_page(user, record)`` then (Back, F5, a second tab: said so,
        nothing done twice); ``ask(user, record, status, error)`` the question; ``act(user,
        record)`` does it, once the question's form came back confirmed; then to /admin as the
        list was (its search, filters and pages: ``back``, carried by the link and the form)."""
        if post:

            async def again(user: auth.User, message: str) -> Response:
                record = await thing.find()
                if thing.settled(record):
                    return await admin_again(request, user, message)
                thing.back = admin_list_query((await form_of(request)).get("back"))
                return thing.ask(user, record, 400, message)

            user, form, refused = await admin_form(request, again)
        else:
            (user, refused), form = await admin_user(request), {}
        if refused is not None:
            return refused
        thing.back = admin_list_query(
            form.get("back") if post else request.query_params.get("back")
        )
        record = await thing.find()
        if thing.settled(record):
            return await thing.settled_page(user, record)
        if form.get("confirm") != "yes":  # not confirmed yet (or the GET): ask first
            return thing.ask(user, record)
        await thing.act(user, record)
        return RedirectResponse(admin_list(thing.back, thing.anchor), status_code=303)

    async def admin_again(request: Request, user: auth.User, message: str) -> HTMLResponse:
        page = await run_in_threadpool(pages.admin_page, storage, user, lang_of(request))
        return render("admin.html", request, 400, user=user, page=page, error=message, pending=0)

    @router.post("/admin/codes", response_class=HTMLResponse)
    async def new_code(request: Request):
        user, form, refused = await admin_form(request, lambda u, m: admin_again(request, u, m))
        if refused is not None:
            return refused
        codes = auth.parse_communes(form.get("communes", ""))
        # the form's whole days 1–30 (7 when a client sends none); anything else is refused
        typed_days = form.get("days", "7").strip()
        days = int(typed_days) if re.fullmatch(r"[0-9]{1,2}", typed_days) else 0
        # how many codes, one per laptop: 1 when a client sends none (the command line: 500)
        typed_count = form.get("count", "1").strip()
        count = int(typed_count) if re.fullmatch(r"[0-9]{1,2}", typed_count) else 0
        lang = lang_of(request)
        unknown = [c for c in codes if not auth.known_commune(c)]
        errors = []
        if not codes or unknown:
            named = auth.unknown_communes(unknown, lang) if unknown else "—"
            message = t("unknown_commune", lang).replace("{codes}", named)
            errors.append(message)
        if not 1 <= days <= 30:
            errors.append(t("bad_code_days", lang).replace("{days}", typed_days[:20]))
        if not 1 <= count <= MAX_WEB_CODES:
            errors.append(t("bad_code_count", lang).replace("{count}", typed_count[:20]))
        if errors:
            page = await run_in_threadpool(pages.admin_page, storage, user, lang)
            message = " ".join(errors)
            return render(
                "admin.html",
                request,
                400,
                user=user,
                page=page,
                error=message,
                typed=form.get("communes", "")[:200],
                typed_days=typed_days[:20],
                typed_count=typed_count[:20],
                pending=0,
            )
        from city_server.enrollment import create_enrollment_code, hash_secret, normalize_code

        now = datetime.now(UTC)
        made = []
        for _ in range(count):
            code = await run_in_threadpool(create_enrollment_code, storage, codes, days, now)
            ref = pages.code_ref(hash_secret(normalize_code(code)))  # names it; never the code
            await run_in_threadpool(
                audit, user.name, "enrollment_code", request, communes=codes, days=days, ref=ref
            )
            made.append({"code": code, "ref": ref})
        expires = (now + timedelta(days=days)).isoformat()
        await flash(request, {"codes": made, "communes": codes, "expires_at": expires})
        return RedirectResponse("/admin#made", status_code=303)

    async def code_of(ref: str) -> dict[str, Any] | None:
        """An unused enrolment code by the short reference the admin page links to."""
        found = await run_in_threadpool(storage.dash_enrollment_codes)
        return next((c for c in found if pages.code_ref(c["code_hash"]) == ref), None)

    def cancel_page(
        request: Request, user: auth.User, code: dict[str, Any], status=200, error="", back=""
    ) -> HTMLResponse:
        lang = lang_of(request)
        return render(
            "confirm_code.html",
            request,
            status,
            error=error,
            user=user,
            ref=pages.code_ref(code["code_hash"]),
            label=pages.code_label(code["code_hash"]),
            back=back,
            communes=", ".join(pages.commune_name(c) for c in code["communes"]),
            created=pages.hanoi_time(code["created_at"], lang, mark=True),
            expires=pages.hanoi_time(code["expires_at"], lang, mark=True),
        )

    async def code_done_page(
        request: Request, user: auth.User, ref: str, code, back: str = ""
    ) -> HTMLResponse:
        """A code that can no longer be cancelled (Back, F5, a second tab): cancelled (when, by
        whom: from the audit), used (by which laptop) or gone; never a bare 404."""
        lang = lang_of(request)
        title = t("code_title", lang)
        tone = "ok"
        if code is not None:  # used
            devices = await run_in_threadpool(storage.dash_device_activity)
            name = next((d["name"] for d in devices if d["id"] == code["device_id"]), "?")
            when = pages.hanoi_time(code["used_at"], lang, mark=True)
            message = t("code_used_by", lang).replace("{at}", when)
            message = message.replace("{name}", pages.shown_name(name))
            facts = [(t("device_id", lang), code["device_id"] or "—")]
        else:  # cancelled (the audit says when and by whom), gone, or never made
            facts = None
            gone = await run_in_threadpool(_audited_code, storage, "cancel_code", ref)
            if gone is not None:
                when = pages.hanoi_time(gone["at"], lang, mark=True)
                message = t("code_cancelled_on", lang).replace("{at}", when)
                message = message.replace("{user}", gone["user"])
                communes = gone["detail"].get("communes", [])
                names = ", ".join(pages.commune_name(c) for c in communes)
                message = message.replace("{communes}", names)
            elif await run_in_threadpool(_audited_code, storage, "enrollment_code", ref) is None:
                # no code was ever made with this reference (a made-up or mistyped address)
                message, tone = t("code_never_made", lang), "warn"
            else:  # made, and its row gone with no cancel on record
                message = t("code_gone", lang)
        return render(
            "notice.html",
            request,
            user=user,
            title=title,
            message=message,
            facts=facts,
            tone=tone,
            back=admin_list(back, "codes"),
        )

    def code_to_cancel(request: Request, ref: str) -> Any:
        async def act(user: auth.User, code: dict[str, Any]) -> None:
            if await run_in_threadpool(storage.dash_cancel_enrollment_code, code["code_hash"]):
                await run_in_threadpool(
                    audit, user.name, "cancel_code", request, communes=code["communes"], ref=ref
                )
                names = ", ".join(pages.commune_name(c) for c in code["communes"])
                done = t("code_cancelled", lang_of(request)).replace("{communes}", names)
                done = done.replace("{ref}", pages.code_label(code["code_hash"]))
                await flash(request, {"done": done, "at": "codes"})

        async def settled_page(user: auth.User, code) -> Response:
            return await code_done_page(request, user, ref, code, thing.back)

        thing = SimpleNamespace(
            find=lambda: code_of(ref),
            settled=lambda code: code is None or bool(code["used_at"]),
            settled_page=settled_page,
            ask=lambda user, code, *more: cancel_page(request, user, code, *more, back=thing.back),
            act=act,
            back="",
            anchor="codes",
        )
        return thing

    @router.get("/admin/codes/{ref}/cancel", response_class=HTMLResponse)
    async def cancel_confirm(request: Request, ref: str):
        """The question before cancelling a code: for which commune, made and valid when."""
        return await asked_first(request, code_to_cancel(request, ref), post=False)

    @router.post("/admin/codes/{ref}/cancel")
    async def cancel_code(request: Request, ref: str):
        return await asked_first(request, code_to_cancel(request, ref), post=True)

    async def device_of(device_id: str) -> dict[str, Any] | None:
        devices = await run_in_threadpool(storage.dash_device_activity)
        return next((d for d in devices if d["id"] == device_id), None)

    def confirm_page(
        request: Request, user: auth.User, device: dict[str, Any], status=200, error="", back=""
    ) -> HTMLResponse:
        lang = lang_of(request)
        return render(
            "confirm.html",
            request,
            status,
            error=error,
            user=user,
            device=device,
            device_name=pages.shown_name(device["name"]),
            back=back,
            communes=", ".join(pages.commune_name(c) for c in device["communes"]),
            last_seen=pages.hanoi_time(device["last_batch_at"], lang) or t("never", lang),
            enrolled=pages.hanoi_time(device["enrolled_at"], lang, mark=True),
        )

    def revoked_page(
        request: Request, user: auth.User, device: dict[str, Any], back: str = ""
    ) -> HTMLResponse:
        """A laptop revoked already: when, which one (its id, commune, enrolment date)."""
        lang = lang_of(request)
        at = pages.hanoi_time(device.get("revoked_at"), lang, mark=True)
        key = "already_revoked" if at else "already_revoked_no_time"
        message = t(key, lang).replace("{name}", pages.shown_name(device["name"]))
        message = message.replace("{id}", device["id"])
        facts = [
            (t("device_id", lang), device["id"]),
            (t("commune", lang), ", ".join(pages.commune_name(c) for c in device["communes"])),
            (t("enrolled_at", lang), pages.hanoi_time(device["enrolled_at"], lang, mark=True)),
        ]
        title = t("revoke_done_title", lang)
        return render(
            "notice.html",
            request,
            user=user,
            title=title,
            message=message.replace("{at}", at),
            facts=facts,
            back=admin_list(back, "devices"),
        )

    def device_to_revoke(request: Request, device_id: str) -> Any:
        async def act(user: auth.User, device: dict[str, Any]) -> None:
            if await run_in_threadpool(storage.revoke_device, device_id, auth.now_iso()):
                await run_in_threadpool(
                    audit,
                    user.name,
                    "revoke_device",
                    request,
                    device=device_id,
                    name=device["name"],
                )
                name = pages.shown_name(device["name"])
                done = t("device_revoked", lang_of(request)).replace("{name}", name)
                await flash(request, {"done": done, "at": "devices"})

        async def settled_page(user: auth.User, device) -> Response:
            if device is None:
                return refuse(request, user, 404)
            return revoked_page(request, user, device, thing.back)

        thing = SimpleNamespace(
            find=lambda: device_of(device_id),
            settled=lambda device: device is None or bool(device["revoked"]),
            settled_page=settled_page,
            ask=lambda user, device, *more: confirm_page(
                request, user, device, *more, back=thing.back
            ),
            act=act,
            back="",
            anchor="devices",
        )
        return thing

    @router.get("/admin/devices/{device_id}/revoke", response_class=HTMLResponse)
    async def revoke_confirm(request: Request, device_id: str):
        """The question before a revoke: which laptop, its commune, when it last sent."""
        return await asked_first(request, device_to_revoke(request, device_id), post=False)

    @router.post("/admin/devices/{device_id}/revoke")
    async def revoke(request: Request, device_id: str):
        return await asked_first(request, device_to_revoke(request, device_id), post=True)

    # --- dashboard accounts (city_admin) -----------------------------------------------------

    async def accounts_view(request, user, status=200, **context) -> HTMLResponse:
        page = await run_in_threadpool(pages.accounts_page, storage, user, lang_of(request))
        hint = t("unlock_hint", lang_of(request))
        hint = hint.replace("{n}", str(auth.LOCK_AFTER)).replace("{m}", str(auth.LOCK_MINUTES))
        return render(
            "accounts.html",
            request,
            status,
            user=user,
            page=page,
            pending=0,
            unlock_hint=hint,
            **context,
        )

    @router.get("/admin/accounts", response_class=HTMLResponse)
    async def accounts(request: Request):
        user, refused = await admin_user(request)
        if refused is not None:
            return refused
        return await accounts_view(request, user, done=(await flashed(request)).get("done"))

    def disable_page(request: Request, user: auth.User, account: dict[str, Any]) -> HTMLResponse:
        """The question before disabling an account: which one, its role and communes."""
        lang = lang_of(request)
        return render(
            "confirm_account.html",
            request,
            user=user,
            account=account,
            role=t(account["role"], lang),
            communes=", ".join(pages.commune_name(c) for c in account["communes"]) or "—",
        )

    @router.post("/admin/accounts", response_class=HTMLResponse)
    async def account_change(request: Request):
        """Add an account, reset its password, disable or enable it (CSRF, audited)."""

        async def again(user: auth.User, message: str) -> Response:
            return await accounts_view(request, user, 400, error=message)

        user, form, refused = await admin_form(request, again)
        if refused is not None:
            return refused
        lang = lang_of(request)
        action, name = form.get("action", ""), form.get("name", "").strip()[:60]
        known = await run_in_threadpool(storage.dash_user, name) if name else None
        try:
            if action == "add":
                if known is not None:
                    raise ValueError(t("account_exists", lang))
                communes = auth.parse_communes(form.get("communes", ""))
                bad = [c for c in communes if not auth.known_commune(c)]
                if bad:
                    message = t("unknown_commune_account", lang)
                    raise ValueError(message.replace("{codes}", auth.unknown_communes(bad, lang)))
                role = form.get("role", "")
                await run_in_threadpool(
                    auth.add_user, storage, name, form.get("password", ""), role, communes
                )
                detail = {"account": name, "role": role, "communes": communes}
                await run_in_threadpool(audit, user.name, "account_added", request, **detail)
            elif known is None:
                raise ValueError(t("account_unknown", lang))
            elif action == "password":
                await run_in_threadpool(
                    auth.add_user,
                    storage,
                    name,
                    form.get("password", ""),
                    known["role"],
                    known["communes"],
                )
                await run_in_threadpool(audit, user.name, "password_reset", request, account=name)
                if name == user.name:  # their own: this session ended too; the form says why
                    back = "/login?changed=1&next=" + quote("/admin/accounts", safe="")
                    response = RedirectResponse(back, status_code=303)
                    response.delete_cookie(auth.SESSION_COOKIE)
                    return response
            elif action in ("disable", "enable"):
                if name == user.name:
                    raise ValueError(t("not_yourself", lang))
                if action == "disable" and form.get("confirm") != "yes":
                    return disable_page(request, user, known)  # not confirmed yet: ask first
                await run_in_threadpool(storage.dash_set_disabled, name, action == "disable")
                await run_in_threadpool(
                    audit, user.name, f"account_{action}d", request, account=name
                )
            elif action == "unlock":
                if not (known["locked_until"] and known["locked_until"] > auth.now_iso()):
                    raise ValueError(t("not_locked", lang).replace("{name}", name))
                await run_in_threadpool(storage.dash_login_outcome, name, True, None)
                await run_in_threadpool(audit, user.name, "account_unlocked", request, account=name)
            elif action == "communes":
                if known["role"] != "commune_official":
                    raise ValueError(t("communes_only_official", lang))
                communes = auth.parse_communes(form.get("communes", ""))
                if not communes:
                    raise ValueError(t("needs_commune", lang))
                bad = [c for c in communes if not auth.known_commune(c)]
                if bad:
                    message = t("unknown_commune_change", lang)
                    raise ValueError(message.replace("{codes}", auth.unknown_communes(bad, lang)))
                await run_in_threadpool(storage.dash_set_communes, name, communes)
                detail = {"account": name, "communes": communes, "before": known["communes"]}
                await run_in_threadpool(audit, user.name, "account_communes", request, **detail)
            else:
                raise ValueError(t("csrf", lang))
        except ValueError as exc:
            # an add refused keeps what was typed (never the password), to be corrected
            typed = {k: str(form.get(k, ""))[:200] for k in ("name", "role", "communes")}
            typed = typed if action == "add" else {}
            return await accounts_view(
                request, user, 400, error=auth.explain(exc, lang), typed=typed
            )
        done = t(f"done_{action}", lang).replace("{name}", name)
        if action == "communes":
            names = ", ".join(pages.commune_name(c) for c in communes)
            done = done.replace("{communes}", names)
        # POST-redirect-GET: a reload shows the page again and does nothing twice
        await flash(request, {"done": done})
        return RedirectResponse("/admin/accounts", status_code=303)

    # HEAD answers wherever GET does (a monitor's or proxy's check of / and /login), not 405
    for route in router.routes:
        if isinstance(route, APIRoute) and "GET" in route.methods:
            route.methods.add("HEAD")
    app.include_router(router)


# A run of 9 or more digits, spaces, dots or dashes allowed between them: what could be an ID
# number (12 digits, or an old 9-digit card) typed into a search box. Wider than the exports'
# own last defence (exports._scrub, contiguous digits only, so a phone written "0912 345 678"
# stays readable in a list): a search box's text in the log need not stay readable.
_DIGIT_RUN = re.compile(r"\d(?:[ .-]?\d){8,}")


def _without_id_numbers(value: Any) -> Any:
    """A filter as the log keeps it: what could be an ID number typed into a search box masked
    (``001*******90``), as everywhere else ID numbers never reach a log."""
    if isinstance(value, str):
        return _DIGIT_RUN.sub(lambda m: mask_citizen_id(m.group()), value)
    if isinstance(value, list):
        return [_without_id_numbers(v) for v in value]
    return value


def _audited_code(storage: Any, action: str, ref: str) -> dict[str, Any] | None:
    """The newest audit entry of ``action`` (``enrollment_code``, ``cancel_code``) naming the
    code ``ref``: the log is read a page at a time to its end (a cancelled code's row is
    deleted, so the log is what tells a code that existed from a reference never issued)."""
    offset = 0
    while True:
        entries, total = storage.dash_audit_page(None, action, None, None, 1000, offset)
        found = next((e for e in entries if (e.get("detail") or {}).get("ref") == ref), None)
        if found is not None or not entries or offset + len(entries) >= total:
            return found
        offset += len(entries)


def _known_commune(storage: Any, code: str) -> bool:
    """A commune the dashboard has a page for: in the reference list, or with data kept."""
    return auth.known_commune(code) or code in storage.dash_commune_facts()


def _role_target(role: str, asked: str | None) -> str:
    """Where a signed-in person goes: the page asked for if their role has it, else the
    role's first page (not a refusal)."""
    target = _safe_next(asked)
    if not any(target.startswith(href) for href, _ in MENUS[role]):
        target = MENUS[role][0][0]
    return target


def _export_scope(page: pages.Page, user: auth.User) -> dict[str, Any]:
    """What an export holds, for its audit entry: the commune (a commune's page) or communes
    (an official's own, or the ones chosen), and the months."""
    out: dict[str, Any] = {}
    if page.kind == "commune" and page.extra.get("code"):
        out["commune"] = page.extra["code"]
    elif page.filters.get("communes"):
        out["communes"] = list(page.filters["communes"])
    elif user.role == "commune_official" and page.kind in ("overview", "communes", "trends"):
        out["communes"] = list(user.communes)
    f = page.filters
    if f.get("from") and f.get("to"):
        out["period"] = [f["from"], f["to"]]
    elif f.get("period"):
        out["period"] = [f["period"], f["period"]]
    elif f.get("to"):
        out["until"] = f["to"]
    return out


# The admin list's choices a revoke or cancel comes back to (its search, filters and pages).
ADMIN_LIST_KEYS = ("q", "commune", "state", "days", "page", "code_state", "code_ref", "codes_page")


def admin_list_query(text: str | None) -> str:
    """The admin list's address query from a ``back`` field: only the list's own parameters,
    each at most 200 characters, encoded again (so it can only ever lead to /admin)."""
    found = parse_qs((text or "")[:2000], keep_blank_values=False)
    kept = [(k, found[k][-1][:200]) for k in ADMIN_LIST_KEYS if found.get(k)]
    return urlencode(kept)


def admin_list(back: str, anchor: str) -> str:
    """The admin page as the list was (``back``: from ``admin_list_query``), at ``anchor``."""
    return "/admin" + ("?" + back if back else "") + "#" + anchor


def _form_page(path: str) -> str:
    """The page a POST form of ``path`` is on (to come back to after signing in again)."""
    if path.startswith("/admin/accounts"):
        return "/admin/accounts"
    if path.startswith("/admin"):
        return "/admin"
    return "/"


def _safe_next(target: str | None) -> str:
    """Only a path of this site (never another host) after sign-in or a language switch."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _full_report(storage: Any, code: str, frm: str, to: str, kind: str, lang: str) -> bytes:
    import tempfile

    from city_server.dashboard.cells import build_report
    from desktop_app.core.report_export import export_pdf, export_xlsx

    report = build_report(storage, code, frm, to)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"report.{kind}"
        writer = export_pdf if kind == "pdf" else export_xlsx
        writer(report, path, lang=lang, place=pages.commune_name(code))
        return path.read_bytes()
