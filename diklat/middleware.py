from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class LanguageCookieMiddleware(LocaleMiddleware):
    """Speak Indonesian unless the user chose another language with the switch.

    Django would follow the browser's Accept-Language; officers whose browsers
    are set to English still expect the Indonesian back office.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
