from __future__ import annotations

from django.urls import path

from havre.accounts import views, views_signup, views_team

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_page, name="login"),
    path("signup/<str:token>/", views_signup.signup_page, name="signup"),
    path("api/prelogin", views.prelogin, name="api-prelogin"),
    path("api/login", views.login, name="api-login"),
    path("api/second-factor", views.second_factor, name="api-second-factor"),
    path("api/me", views.me, name="api-me"),
    path("api/active", views.active, name="api-active"),
    path("api/logout", views.logout_view, name="api-logout"),
    path("api/program", views_team.program_security, name="api-program"),
    path("api/language", views.language, name="api-language"),
    path("api/team", views_team.team, name="api-team"),
    path("api/invite", views_team.invite, name="api-invite"),
    path("api/grants", views_team.grants, name="api-grants"),
    path("api/signup/<str:token>", views_signup.signup, name="api-signup"),
    path("api/signup/<str:token>/totp", views_signup.signup_totp, name="api-signup-totp"),
    path(
        "api/signup/<str:token>/totp/confirm",
        views_signup.signup_totp_confirm,
        name="api-signup-totp-confirm",
    ),
]
