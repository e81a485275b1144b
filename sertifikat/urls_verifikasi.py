"""URLs of the public verification page: anyone holding a certificate."""

urlpatterns = []
