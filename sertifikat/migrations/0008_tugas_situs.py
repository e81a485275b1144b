"""Certificate jobs become the site's jobs (diklat.Tugas): each TugasSertifikat row keeps its angkatan and
shares its key with the job that now holds its status, counts, file and error; the certificates a job
covers move to Sertifikat.tugas. Every existing job is carried over under the same id, so its page's
address still leads to it; an archive being built ("-" in its file field) becomes a claimed job."""

import django.db.models.deletion
from django.core.management.color import no_style
from django.db import migrations, models

# Stood in a job's file field while its file was being built (never a real file name).
SEDANG_DISUSUN = "-"


def salin_ke_tugas(apps, schema_editor):
    """Carry every certificate job into diklat.Tugas under the same id, with its certificates."""
    Tugas = apps.get_model("diklat", "Tugas")
    TugasSertifikat = apps.get_model("sertifikat", "TugasSertifikat")
    Lama = apps.get_model("sertifikat", "TugasSertifikat_sertifikat")
    Baru = apps.get_model("sertifikat", "Sertifikat_tugas")
    db = schema_editor.connection.alias
    for lama in TugasSertifikat.objects.using(db).order_by("pk").iterator():
        disusun = lama.berkas.name == SEDANG_DISUSUN
        status = lama.status
        if status == "berjalan" and lama.jenis != "buat" and not disusun:
            status = "menunggu"  # an archive no worker has taken yet
        Tugas.objects.using(db).create(
            id=lama.pk,
            jenis=lama.jenis,
            status=status,
            dibuat_oleh_id=lama.dibuat_oleh_id,
            total=lama.total,
            diproses=lama.diproses,
            berkas="" if disusun else lama.berkas.name,
            galat=lama.galat,
            tidak_terkirim=lama.tidak_terkirim,
            diklaim_pada=lama.updated_at if disusun else None,
            selesai_pada=lama.selesai_pada,
        )
        # auto_now and auto_now_add set both on create: the job's own times are put back after.
        Tugas.objects.using(db).filter(pk=lama.pk).update(created_at=lama.created_at, updated_at=lama.updated_at)
    Baru.objects.using(db).bulk_create(
        Baru(sertifikat_id=sertifikat_id, tugas_id=tugas_id)
        for tugas_id, sertifikat_id in Lama.objects.using(db).values_list("tugassertifikat_id", "sertifikat_id")
    )
    _setel_urutan(schema_editor, Tugas)


def salin_kembali(apps, schema_editor):
    """Put the jobs' fields back on their certificate jobs (unapplying the migration)."""
    Tugas = apps.get_model("diklat", "Tugas")
    TugasSertifikat = apps.get_model("sertifikat", "TugasSertifikat")
    Lama = apps.get_model("sertifikat", "TugasSertifikat_sertifikat")
    Baru = apps.get_model("sertifikat", "Sertifikat_tugas")
    db = schema_editor.connection.alias
    for tugas in Tugas.objects.using(db).filter(pk__in=TugasSertifikat.objects.using(db).values("pk")):
        status = "berjalan" if tugas.status == "menunggu" else tugas.status
        berkas = SEDANG_DISUSUN if tugas.status == "berjalan" and tugas.jenis != "buat" else tugas.berkas.name
        TugasSertifikat.objects.using(db).filter(pk=tugas.pk).update(
            jenis=tugas.jenis,
            status=status,
            dibuat_oleh_id=tugas.dibuat_oleh_id,
            total=tugas.total,
            diproses=tugas.diproses,
            berkas=berkas,
            galat=tugas.galat,
            tidak_terkirim=tugas.tidak_terkirim,
            selesai_pada=tugas.selesai_pada,
            created_at=tugas.created_at,
            updated_at=tugas.updated_at,
        )
    Lama.objects.using(db).bulk_create(
        Lama(tugassertifikat_id=tugas_id, sertifikat_id=sertifikat_id)
        for sertifikat_id, tugas_id in Baru.objects.using(db).values_list("sertifikat_id", "tugas_id")
    )
    _setel_urutan(schema_editor, TugasSertifikat)
    # The jobs are back where they were; their copies go, so that applying the migration again finds
    # the ids free (diklat 0012, which made the table, stays applied).
    Baru.objects.using(db).all().delete()
    Tugas.objects.using(db).filter(pk__in=TugasSertifikat.objects.using(db).values("pk")).delete()


def _setel_urutan(schema_editor, model):
    """Move the table's id sequence past the ids given by hand (PostgreSQL; SQLite needs nothing)."""
    with schema_editor.connection.cursor() as cursor:
        for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("diklat", "0012_tugas"),
        ("sertifikat", "0007_alasan_bukan_rumus"),
    ]

    operations = [
        # The old link frees the name "tugas" on Sertifikat for the new one while both exist.
        migrations.AlterField(
            model_name="tugassertifikat",
            name="sertifikat",
            field=models.ManyToManyField(
                blank=True, related_name="tugas_lama", to="sertifikat.sertifikat", verbose_name="sertifikat"
            ),
        ),
        migrations.AddField(
            model_name="sertifikat",
            name="tugas",
            field=models.ManyToManyField(blank=True, related_name="sertifikat", to="diklat.tugas", verbose_name="tugas"),
        ),
        migrations.RunPython(salin_ke_tugas, salin_kembali),
        # Only for unapplying: the column comes back on rows that exist, filled in by salin_kembali.
        migrations.AlterField(
            model_name="tugassertifikat",
            name="jenis",
            field=models.CharField(
                choices=[("buat", "Pembuatan sertifikat"), ("zip", "Arsip ZIP"), ("gabung", "PDF gabungan untuk dicetak")],
                default="buat",
                max_length=10,
                verbose_name="jenis",
            ),
        ),
        migrations.RemoveConstraint(model_name="tugassertifikat", name="tugas_jenis_valid"),
        migrations.RemoveConstraint(model_name="tugassertifikat", name="tugas_status_valid"),
        migrations.RemoveField(model_name="tugassertifikat", name="sertifikat"),
        migrations.RemoveField(model_name="tugassertifikat", name="berkas"),
        migrations.RemoveField(model_name="tugassertifikat", name="created_at"),
        migrations.RemoveField(model_name="tugassertifikat", name="updated_at"),
        migrations.RemoveField(model_name="tugassertifikat", name="dibuat_oleh"),
        migrations.RemoveField(model_name="tugassertifikat", name="diproses"),
        migrations.RemoveField(model_name="tugassertifikat", name="galat"),
        migrations.RemoveField(model_name="tugassertifikat", name="jenis"),
        migrations.RemoveField(model_name="tugassertifikat", name="selesai_pada"),
        migrations.RemoveField(model_name="tugassertifikat", name="status"),
        migrations.RemoveField(model_name="tugassertifikat", name="tidak_terkirim"),
        migrations.RemoveField(model_name="tugassertifikat", name="total"),
        # The row's key becomes the job's: same values, now a link to diklat.Tugas.
        migrations.RenameField(model_name="tugassertifikat", old_name="id", new_name="tugas"),
        migrations.AlterField(
            model_name="tugassertifikat",
            name="tugas",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                primary_key=True,
                related_name="tugas_sertifikat",
                serialize=False,
                to="diklat.tugas",
                verbose_name="tugas",
            ),
        ),
        migrations.AlterModelOptions(
            name="tugassertifikat",
            options={"verbose_name": "tugas sertifikat", "verbose_name_plural": "tugas sertifikat"},
        ),
    ]
