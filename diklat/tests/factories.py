import factory
from django.contrib.auth.models import Group

from diklat.models import DEFAULT_PREDIKAT, MataPelatihan, Predikat, Program, User
from diklat.roles import ADMIN, PESERTA, STAF


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    first_name = factory.Faker("first_name", locale="id_ID")
    last_name = factory.Faker("last_name", locale="id_ID")
    password = factory.django.Password("rahasia-uji-123")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        """Put the user in a role's group: ``UserFactory(role=STAF)``."""
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))


def staf_user(**kwargs) -> User:
    return UserFactory(role=STAF, **kwargs)


def admin_user(**kwargs) -> User:
    return UserFactory(role=ADMIN, **kwargs)


def peserta_user(**kwargs) -> User:
    return UserFactory(role=PESERTA, **kwargs)


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program
        skip_postgeneration_save = True

    nama = factory.Sequence(lambda n: f"Diklat Penguatan Tugas {n}")
    kode = factory.Sequence(lambda n: f"PRG{n}")
    deskripsi = "Program pelatihan untuk aparatur pemerintah daerah."

    @factory.post_generation
    def predikat(self, create, extracted, **kwargs):
        if not create:
            return
        bands = extracted if extracted is not None else DEFAULT_PREDIKAT
        Predikat.objects.bulk_create([Predikat(program=self, nama=n, nilai_minimal=v) for n, v in bands])


class MataPelatihanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MataPelatihan

    program = factory.SubFactory(ProgramFactory)
    urutan = factory.Sequence(lambda n: n + 1)
    nama = factory.Sequence(lambda n: f"Mata Pelatihan {n}")
    jp = 4
