"""The reconciliation service of the hub: the W3C Entity Reconciliation Service API, what
OpenRefine speaks, over the shared authorities of every library.

Two roots, because the two versions' manifests cannot be one document (their ``suggest`` and
``view`` shapes conflict, ``../shared/specs/CONFORMANCE-NOTES.md`` §1):

- ``/reconcile`` — **0.2** (:mod:`.v02`), the version OpenRefine 3.x speaks: the manifest at
  ``GET /reconcile``; queries as ``queries=`` (form-encoded POST, or GET); data extension as
  ``extend=`` on the same root; ``/reconcile/suggest/{entity,type,property}``,
  ``/reconcile/flyout/{entity,type,property}``, ``/reconcile/preview``,
  ``/reconcile/properties`` (the property proposal);
- ``/reconcile/v1`` — **1.0-draft** (:mod:`.v1`): ``/match``, ``/suggest/…``, ``/preview``,
  ``/extend``, ``/extend/propose``, JSON bodies, ``Accept-Language``.

The matching is :class:`kg.reconcile.Reconciler`'s (one per application, created on first use
under a lock, from the application's :class:`~kg.web.data.Data`, closed with the server; safe to
share between the server's threads).  This part only reads requests and writes answers
(:mod:`.protocol`): every route maps to one method of the reconciler.

Shared behaviour (:mod:`.protocol`):

- CORS on every route — ``Access-Control-Allow-Origin: *`` comes from :mod:`kg.web.app`; this part
  adds the preflight answer (``OPTIONS``: allowed methods and headers, ``Max-Age``);
- JSONP on the 0.2 root: ``callback=`` (a JavaScript identifier path, checked against a strict
  pattern, else 400) wraps any JSON answer, served as ``application/javascript``;
- errors are JSON — ``{"status": 400, "error": "bad request", "message": …}`` — with their HTTP
  status: 400 for JSON that does not parse or a query that cannot be read (the message says
  which query and why), 413 for a batch of more than :data:`BATCH_SIZE` queries or more than
  :data:`MAX_IDS` entities to extend, and for a body above the server's ``max_body``;
- parameters the service does not know are ignored (OpenRefine sends ``spell``, ``exact``,
  ``scoring``, ``prefixed``, ``_``…);
- the preview is an HTML page made to be framed (``g.frame_ok``: no ``X-Frame-Options``,
  ``frame-ancestors *``), sized :data:`PREVIEW_WIDTH` × :data:`PREVIEW_HEIGHT`.

Identifiers are our IRIs — the cluster's hub IRI when ``kg link`` made one — which are also the
entity pages' addresses, so the manifest's ``view`` template is the identifier itself.
"""

from __future__ import annotations

import threading

from flask import current_app

from .. import i18n

BATCH_SIZE = 50  # queries per batch (OpenRefine sends 10)
MAX_IDS = 500  # entities per data-extension request
PREVIEW_WIDTH, PREVIEW_HEIGHT = 430, 300
SUGGEST_LIMIT = 10  # suggestions per page, unless the client asks for another number
SUGGEST_WINDOW = 50  # the suggestions offered for a prefix, in pages (cursor/offset + limit)

_LOCK = threading.Lock()

#: the features of a candidate (:mod:`kg.reconcile.engine`), named (1.0-draft wants a name)
FEATURES = {
    "name_similarity": ("Độ giống của tên (0–100)", "Name similarity (0-100)"),
    "tone_exact": ("Tên trùng khớp, kể cả dấu thanh", "Same name, tone marks included"),
    "tone_conflict": ("Tên chỉ khác nhau ở dấu thanh", "Names differ by tone marks only"),
    "authorised_form": ("Khớp với dạng tên chuẩn", "Matched the authorised form"),
    "variant_form": ("Khớp với một tên gọi khác (4XX)", "Matched a variant name (4XX)"),
    "date_agreement": ("Năm sinh – năm mất: khớp (1), không rõ (0), mâu thuẫn (-1)",
                       "Dates: agree (1), unknown (0), contradict (-1)"),
    "identifier_match": ("Trùng mã định danh", "Identifier match"),
    "type_match": ("Đúng loại thực thể", "Type match"),
    "cluster_size": ("Số mục được gộp từ các thư viện", "Entries in the cluster"),
    "several_names": ("Ô có nhiều tên; chỉ tìm tên đầu", "Several names; the first is sought"),
    "library_match": ("Thư viện được nêu có thực thể này", "Held by the library given"),
    "work_match": ("Nhan đề được nêu là tác phẩm của tác giả", "The title given is one of their works"),
    "creator_match": ("Tác giả khớp", "Creator match"),
    "language_match": ("Ngôn ngữ khớp", "Language match"),
}

i18n.add({
    "reconcile.name": {"vi": "Thư viện Liên thông — tác giả, tác phẩm, chủ đề của các thư viện Việt Nam",
                       "en": "Interconnected Libraries — agents, works and subjects of Vietnamese libraries"},
    "reconcile.not_found": {"vi": "Không có thực thể nào với mã này.", "en": "No entity has this identifier."},
    "reconcile.dates": {"vi": "Năm sinh – năm mất", "en": "Dates"},
    "reconcile.variants": {"vi": "Tên gọi khác", "en": "Other names"},
    "reconcile.more": {"vi": "và {n} tên khác", "en": "and {n} more"},
    "reconcile.identifiers": {"vi": "Mã định danh", "en": "Identifiers"},
    "reconcile.libraries": {"vi": "Thư viện", "en": "Libraries"},
    "reconcile.records": {"vi": "Biểu ghi", "en": "Records"},
    "reconcile.works": {"vi": "Tác phẩm", "en": "Works"},
    "reconcile.members": {"vi": "Gộp {n} mục từ các thư viện", "en": "A cluster of {n} entries across libraries"},
    "reconcile.creator": {"vi": "Tác giả", "en": "Creator"},
    "reconcile.languages": {"vi": "Ngôn ngữ", "en": "Languages"},
    "reconcile.instances": {"vi": "Ấn phẩm", "en": "Publications"},
    "reconcile.isbn": {"vi": "ISBN", "en": "ISBN"},
    "reconcile.limit": {"vi": "Số giá trị tối đa", "en": "Limit"},
    "reconcile.limit.help": {"vi": "Số giá trị tối đa cho mỗi dòng (0: không giới hạn)",
                             "en": "Maximum number of values per row (0 for no limit)"},
    **{f"reconcile.feature.{k}": {"vi": vi, "en": en} for k, (vi, en) in FEATURES.items()},
})


def service(app=None):
    """The application's :class:`kg.reconcile.Reconciler`, created on first use (one per app)."""
    from ...reconcile import Reconciler

    app = app or current_app._get_current_object()
    found = app.extensions.get("kg.reconcile")
    if found is None:
        with _LOCK:
            found = app.extensions.get("kg.reconcile")
            if found is None:
                found = Reconciler(app.extensions["kg.data"])
                app.extensions["kg.reconcile"] = found
                app.extensions.setdefault("kg.on_close", []).append(found.close)
    return found


def register(app) -> None:
    from .v02 import bp as v02
    from .v1 import bp as v1

    app.register_blueprint(v1)
    app.register_blueprint(v02)
