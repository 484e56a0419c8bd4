from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from accounts.views import LoginView, set_language
from matching.sitemaps import OpeningSitemap, StaticSitemap
from organisations.sitemaps import OrganisationSitemap
from pages.sitemaps import PageSitemap

# The admin signs in through allauth's login, with its rate limits: no second login form.
admin.autodiscover()
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "TalentHub"

SITEMAPS = {
    "pages": StaticSitemap,
    "content": PageSitemap,
    "organisations": OrganisationSitemap,
    "openings": OpeningSitemap,
}

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/login/", LoginView.as_view(), name="account_login"),
    path("accounts/", include("allauth.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("talent/applications/", include("matching.application_urls")),
    path("talent/", include("profiles.urls")),
    path("company/", include("enterprises.urls")),
    path("openings/", include("matching.urls")),
    path("notifications/", include("notifications.urls")),
    path("organisations/", include("organisations.urls")),
    path("impact/", include("reports.urls")),
    path("", include("privacy.urls")),
    path("toolkit/", include("toolkit.urls")),
    path("", include("pages.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("company/<int:enterprise_pk>/openings/", include("matching.company_urls")),
    path("", include("core.urls")),
]
