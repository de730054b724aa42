from __future__ import annotations

from django.urls import path

from havre.accounts import views, views_account, views_signup, views_team

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_page, name="login"),
    path("signup/<str:token>/", views_signup.signup_page, name="signup"),
    path("api/prelogin", views.prelogin, name="api-prelogin"),
    path("api/login", views.login, name="api-login"),
    path("api/second-factor", views.second_factor, name="api-second-factor"),
    path("api/second-factor/passkey/options", views.passkey_options, name="api-passkey-options"),
    path("api/second-factor/passkey", views.passkey_sign_in, name="api-passkey-sign-in"),
    path("api/me", views.me, name="api-me"),
    path("api/active", views.active, name="api-active"),
    path("api/logout", views.logout_view, name="api-logout"),
    path("api/program", views_team.program_security, name="api-program"),
    path("api/language", views.language, name="api-language"),
    path("api/account", views_account.account, name="api-account"),
    path("api/account/passphrase", views_account.passphrase, name="api-account-passphrase"),
    path(
        "api/account/passkeys/options",
        views_account.passkey_options,
        name="api-account-passkey-options",
    ),
    path("api/account/passkeys", views_account.add_passkey, name="api-account-passkeys"),
    path(
        "api/account/passkeys/<uuid:passkey_id>/remove",
        views_account.remove_passkey,
        name="api-account-passkey-remove",
    ),
    path("api/account/totp", views_account.start_totp, name="api-account-totp"),
    path("api/account/totp/confirm", views_account.confirm_totp, name="api-account-totp-confirm"),
    path("api/account/totp/remove", views_account.remove_totp, name="api-account-totp-remove"),
    path("api/account/recovery-codes", views_account.recovery_codes, name="api-account-recovery"),
    path("api/team", views_team.team, name="api-team"),
    path("api/team/rotation", views_team.rotation, name="api-team-rotation"),
    path("api/team/epochs", views_team.new_epoch, name="api-team-epochs"),
    path(
        "api/team/<uuid:user_id>/reset-passphrase",
        views_team.reset_passphrase,
        name="api-team-reset-passphrase",
    ),
    path(
        "api/team/<uuid:user_id>/reset-second-factor",
        views_team.reset_second_factor,
        name="api-team-reset-second-factor",
    ),
    path("api/invite", views_team.invite, name="api-invite"),
    path("api/grants", views_team.grants, name="api-grants"),
    path("api/signup/<str:token>", views_signup.signup, name="api-signup"),
    path("api/signup/<str:token>/verify", views_signup.signup_verify, name="api-signup-verify"),
    path("api/signup/<str:token>/totp", views_signup.signup_totp, name="api-signup-totp"),
    path(
        "api/signup/<str:token>/totp/confirm",
        views_signup.signup_totp_confirm,
        name="api-signup-totp-confirm",
    ),
]
