"""URLs of the staff certificate pages and the guarded downloads."""

urlpatterns = []
