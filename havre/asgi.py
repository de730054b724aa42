"""The ASGI application: Django for HTTP, Channels for the console's websocket."""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "havre.settings")

from django.core.asgi import get_asgi_application

django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402

from havre.bodylimit import BodyLimit  # noqa: E402
from havre.config import ensure_data_dir  # noqa: E402
from havre.console.routing import websocket_urlpatterns  # noqa: E402
from havre.hooks import Receive, Scope, Send, WebhookHandler, is_webhook  # noqa: E402
from havre.proxies import TrustedProxies  # noqa: E402

if settings.HAVRE_CONFIG_PROBLEMS:
    raise SystemExit("Havre will not start:\n  " + "\n  ".join(settings.HAVRE_CONFIG_PROBLEMS))
ensure_data_dir()

# Webhooks take a short way of their own (havre.hooks); every other request
# goes through the whole of settings.MIDDLEWARE.
webhooks = WebhookHandler(threads=settings.HAVRE_WEBHOOK_THREADS)


async def http(scope: Scope, receive: Receive, send: Send) -> None:
    if is_webhook(scope):
        await webhooks(scope, receive, send)
    else:
        await django_asgi_app(scope, receive, send)


router = ProtocolTypeRouter(
    {
        "http": http,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
# Outermost first: the client address and scheme settled, then the body bounded.
application = TrustedProxies(
    BodyLimit(router, settings.HAVRE_BODY_LIMITS), settings.HAVRE_TRUSTED_PROXIES
)
