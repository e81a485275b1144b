from django.contrib.admin.apps import AdminConfig


class DiklatAdminConfig(AdminConfig):
    """Django's admin app with diklat's own site; imported while settings load, so it imports nothing else."""

    default_site = "diklat.adminsite.DiklatAdminSite"
