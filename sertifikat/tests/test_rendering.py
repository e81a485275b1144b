"""The certificate as a reader sees it: every field printed, long names inside the page, both ways alike."""

import datetime
import io
import os
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from sertifikat import rendering
from sertifikat.rendering import render_batch, render_lengkap, sertifikat_queryset

pytestmark = pytest.mark.django_db

PREVIEW = Path(os.environ.get("DIKLAT_SCREENSHOTS", Path(__file__).resolve().parents[2] / "var" / "screenshots"))
MM = 72 / 25.4

NAMA_PANJANG = {
    "gelar_depan": "Prof. Dr. Ir. H.",
    "nama": "Raden Mas Bagus Aryo Wicaksono Tjokrokusumo Adiningrat",
    "gelar_belakang": "S.H., M.Hum., M.Si., Ph.D.",
    "jabatan": "Sekretaris Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana",
    "instansi": (
        "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana "
        "Kabupaten Kepulauan Siau Tagulandang Biaro"
    ),
}


def teks(pdf: bytes) -> str:
    hasil = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return hasil.stdout.decode()


def kotak_kata(pdf: bytes) -> list[tuple[str, float, float, float, float]]:
    """Return every word with its box (x0, y0, x1, y1 in points) on the first page."""
    hasil = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", "-", "-"], input=pdf, capture_output=True, check=True
    )
    import re

    kata = []
    for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', hasil.stdout.decode()
    ):
        kata.append((m[5], float(m[1]), float(m[2]), float(m[3]), float(m[4])))
    return kata


def simpan_pratinjau(nama: str, pdf: bytes) -> None:
    """Keep a PNG of each page under var/screenshots/ to look at."""
    PREVIEW.mkdir(parents=True, exist_ok=True)
    berkas = PREVIEW / f"sertifikat-{nama}.pdf"
    berkas.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(berkas), str(PREVIEW / f"sertifikat-{nama}")], check=True)


def test_the_certificate_prints_every_field(lulusan):
    sertifikat = lulusan(
        gelar_depan="Dr.", nama="Siti Aminah", gelar_belakang="S.Sos., M.Si.", tempat_lahir="Banyumas"
    )
    peserta = sertifikat.pendaftaran.peserta
    pdf = render_batch(list(sertifikat_queryset().filter(pk=sertifikat.pk)))[sertifikat.pk]
    simpan_pratinjau("pendek", pdf)
    # Letter-spaced headings come out of the text layer as "S URAT": compare without spaces.
    isi = "".join(teks(pdf).split())

    for bagian in [
        "KEMENTERIAN DALAM NEGERI",
        "BADAN PENGEMBANGAN SUMBER DAYA MANUSIA",
        "SURAT TANDA TAMAT PELATIHAN",
        "Nomor: 0001/STTP/PTSPD-III/BPSDM/2022",
        "Dr. Siti Aminah, S.Sos., M.Si.",
        peserta.nip_tampil,
        f"Banyumas, {peserta.tanggal_lahir.day} Januari {peserta.tanggal_lahir.year}",
        "Penata Tingkat I (III/d)",
        peserta.jabatan,
        peserta.instansi,
        "Pelatihan Penguatan Tugas-Tugas Sekretaris Perangkat Daerah Angkatan III Tahun 2022",
        "20 s.d. 24 Juni 2022",
        "Hotel Grand Kemang, Jakarta Selatan",
        "38 (tiga puluh delapan) jam pelajaran",
        "LULUS dengan predikat SANGAT MEMUASKAN",
        "Jakarta, 24 Juni 2022",
        "a.n. Kepala BPSDM Kementerian Dalam Negeri",
        "Drs. Bambang Kuncoro Adi, M.Si.",
        "NIP 19690314 199503 1 002",
        # The back page: the curriculum with its JP and the total.
        "DAFTAR MATA PELATIHAN",
        "Nilai-Nilai Dasar ASN BerAKHLAK 3",
        "Jumlah 38",
        "1 JP (jam pelajaran) = 45 menit",
        f"/verifikasi/{sertifikat.kode_verifikasi}/",
    ]:
        assert "".join(bagian.split()) in isi, bagian
    # Unsigned without a key: no claim of an electronic signature.
    assert "BSrE" not in isi
    with pikepdf.open(io.BytesIO(pdf)) as dokumen:
        assert len(dokumen.pages) == 2
        lebar, tinggi = (float(v) for v in dokumen.pages[0].mediabox[2:])
        assert (round(lebar / MM), round(tinggi / MM)) == (297, 210)  # A4 landscape


def test_a_program_without_evaluation_prints_telah_mengikuti(lulusan, program_ptspd):
    program_ptspd.dengan_evaluasi = False
    program_ptspd.save()
    sertifikat = lulusan()
    sertifikat = sertifikat_queryset().get(pk=sertifikat.pk)
    batch = render_batch([sertifikat])[sertifikat.pk]
    simpan_pratinjau("tanpa-evaluasi", batch)
    for pdf in (render_lengkap(sertifikat), batch):
        isi = " ".join(teks(pdf).split())
        # One sentence led by its verdict, not "telah mengikuti … jam pelajaran, TELAH MENGIKUTI".
        assert (
            "TELAH MENGIKUTI Pelatihan Penguatan Tugas-Tugas Sekretaris Perangkat Daerah Angkatan III Tahun 2022 "
            "yang diselenggarakan pada tanggal 20 s.d. 24 Juni 2022 di Hotel Grand Kemang, Jakarta Selatan, "
            "selama 38 (tiga puluh delapan) jam pelajaran."
        ) in isi
        assert "telah mengikuti" not in isi
        assert "LULUS" not in isi and "predikat" not in isi


def test_a_very_long_name_with_titles_stays_whole_inside_its_box(lulusan):
    sertifikat = lulusan(**NAMA_PANJANG)
    nama = sertifikat.pendaftaran.peserta.nama_lengkap
    assert len(nama) > 90
    pdf = render_batch(list(sertifikat_queryset().filter(pk=sertifikat.pk)))[sertifikat.pk]
    simpan_pratinjau("panjang", pdf)
    isi = " ".join(teks(pdf).split())
    assert nama in isi
    assert NAMA_PANJANG["instansi"] in isi
    # Every word of the page lies inside the inner frame (9.5 mm from each edge): nothing is cut.
    for kata, x0, y0, x1, y1 in kotak_kata(pdf):
        assert x0 >= 9.5 * MM and x1 <= (297 - 9.5) * MM, kata
        assert y0 >= 9.5 * MM and y1 <= (210 - 9.5) * MM, kata
    # The result line follows the sentence closely (the sizes reached the PDF: "10.5", not "10,5").
    kata = kotak_kata(pdf)
    akhir_kalimat = max(k[4] for k in kata if k[0] == "pelajaran,")
    lulus = next(k for k in kata if k[0] == "LULUS")
    assert 0 < lulus[2] - akhir_kalimat < 3 * MM
    # The name's words sit within the name box (71.5–85.5 mm from the top), above the data rows.
    kata_nama = set(nama.split())
    kotak = [k for k in kotak_kata(pdf) if k[0] in kata_nama and 70 * MM < k[2] < 90 * MM]
    assert {k[0] for k in kotak} == kata_nama
    assert all(k[4] <= 86 * MM for k in kotak)


def test_apostrophes_and_diacritics_print_as_typed(lulusan):
    sertifikat = lulusan(nama="Ni Luh Putu Séptiani D'Souza", gelar_belakang="S.Sos.", tempat_lahir="Tabanan")
    pdf = render_batch(list(sertifikat_queryset().filter(pk=sertifikat.pk)))[sertifikat.pk]
    simpan_pratinjau("diakritik", pdf)
    assert "Ni Luh Putu Séptiani D'Souza, S.Sos." in " ".join(teks(pdf).split())


def test_batch_and_complete_document_print_the_same(lulusan):
    daftar = [lulusan(), lulusan(**NAMA_PANJANG), lulusan(nama="Ahmad Fauzi")]
    daftar = list(sertifikat_queryset().filter(pk__in=[s.pk for s in daftar]).order_by("urut"))
    batch = render_batch(daftar)
    for sertifikat in daftar:
        assert teks(batch[sertifikat.pk]).split() == teks(render_lengkap(sertifikat)).split()
    # Each file carries only its own person.
    assert daftar[2].pendaftaran.peserta.nama not in teks(batch[daftar[0].pk])


def test_each_file_holds_the_shared_layer_once_and_stays_small(lulusan, settings):
    settings.SERTIFIKAT_UKURAN_POTONGAN = 5
    daftar = [lulusan() for _ in range(6)]
    batch = render_batch(list(sertifikat_queryset().filter(pk__in=[s.pk for s in daftar])))
    assert len(batch) == 6
    for pdf in batch.values():
        assert len(pdf) < 200 * 1024
        with pikepdf.open(io.BytesIO(pdf)) as dokumen:
            assert len(dokumen.pages) == 2
            # Pruned: a page names only the resources its own content uses.
            for halaman in dokumen.pages:
                xobjek = halaman.resources.get("/XObject", {})
                assert len(xobjek) <= 3


def test_the_qr_code_printed_is_the_verification_address(lulusan):
    import segno

    sertifikat = lulusan()
    pdf = render_batch(list(sertifikat_queryset().filter(pk=sertifikat.pk)))[sertifikat.pk]
    with pikepdf.open(io.BytesIO(pdf)) as dokumen:
        gambar = [
            pikepdf.PdfImage(obj).as_pil_image()
            for obj in dokumen.objects
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"
        ]
    harapan = segno.make(rendering.url_verifikasi(sertifikat), error="m")
    tepi = rendering.QR_TEPI
    # Read the printed code module by module (one pixel each) and compare with the address's code.
    qr = [g for g in gambar if g.size == (len(harapan.matrix) + 2 * tepi,) * 2]
    assert len(qr) == 1
    modul = qr[0].convert("L")
    dibaca = [
        [modul.getpixel((x + tepi, y + tepi)) < 128 for x in range(len(harapan.matrix))]
        for y in range(len(harapan.matrix))
    ]
    assert dibaca == [[bool(m) for m in baris] for baris in harapan.matrix]
    assert rendering.url_verifikasi(sertifikat).endswith(f"/verifikasi/{sertifikat.kode_verifikasi}/")


def baris_teks(pdf: bytes) -> list[str]:
    """Return the first page's lines as pdftotext lays them out, with no-break spaces read as spaces."""
    hasil = subprocess.run(
        ["pdftotext", "-layout", "-f", "1", "-l", "1", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return [" ".join(baris.split()) for baris in hasil.stdout.decode().splitlines()]


def test_a_date_is_never_broken_across_lines(lulusan, angkatan_lulus):
    """Long texts before each date push it to the line's end: it moves whole to the next line."""
    from angkatan.models import Angkatan, Venue

    Venue.objects.filter(pk=angkatan_lulus.venue_id).update(
        nama="Hotel Harris Suites Puri Mansion Convention Centre Ballroom Lantai Tiga",
        kota="Kota Administrasi Jakarta Barat",
    )
    Angkatan.objects.filter(pk=angkatan_lulus.pk).update(
        tanggal_mulai=datetime.date(2022, 11, 28),
        tanggal_selesai=datetime.date(2022, 12, 4),
        kota_terbit="Kota Administrasi Jakarta Selatan Provinsi DKI",
    )
    sertifikat = lulusan(tempat_lahir="Kabupaten Kepulauan Siau Tagulandang Biaro Provinsi Sulawesi Utara Pulau")
    lahir = sertifikat.pendaftaran.peserta.tanggal_lahir
    pdf = render_batch(list(sertifikat_queryset().filter(pk=sertifikat.pk)))[sertifikat.pk]
    simpan_pratinjau("tanggal", pdf)
    baris = baris_teks(pdf)

    def utuh(tanggal: str) -> int:
        return sum(tanggal in b for b in baris)

    assert utuh("28 November s.d.") == 1  # the span may break after "s.d.", and only there
    assert utuh("4 Desember 2022") == 2  # the sentence's last day, and the date of issue
    assert utuh(f"{lahir.day} Januari {lahir.year}") == 1
    # The sentence still fits its box and reads as one sentence.
    kalimat = " ".join(b for b in baris if b)
    assert "pada tanggal 28 November s.d. 4 Desember 2022 di Hotel Harris Suites" in kalimat


def test_the_printed_spans_bind_each_date():
    from sertifikat.rendering import NBSP, rentang_utuh, tanggal_utuh

    tanggal = datetime.date
    assert tanggal_utuh(tanggal(2022, 6, 24)) == f"24{NBSP}Juni{NBSP}2022"
    assert rentang_utuh(tanggal(2022, 6, 20), tanggal(2022, 6, 24)) == f"20{NBSP}s.d.{NBSP}24{NBSP}Juni{NBSP}2022"
    assert rentang_utuh(tanggal(2022, 6, 24), tanggal(2022, 6, 24)) == f"24{NBSP}Juni{NBSP}2022"
    assert (
        rentang_utuh(tanggal(2022, 11, 28), tanggal(2022, 12, 4))
        == f"28{NBSP}November{NBSP}s.d. 4{NBSP}Desember{NBSP}2022"
    )
    assert (
        rentang_utuh(tanggal(2022, 12, 28), tanggal(2023, 1, 3))
        == f"28{NBSP}Desember{NBSP}2022{NBSP}s.d. 3{NBSP}Januari{NBSP}2023"
    )


def test_in_development_the_qr_address_follows_the_port_the_site_runs_on(lulusan, settings):
    """`make run PORT=8765`: the worker that renders prints the address the site is served at."""
    import segno

    env = {k: v for k, v in os.environ.items() if k != "DIKLAT_PUBLIC_URL" and not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="diklat.settings", DJANGO_DEBUG="true", PORT="8765")
    hasil = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.SERTIFIKAT_URL_DASAR)"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    url_dasar = hasil.stdout.strip().splitlines()[-1]
    assert url_dasar == "http://127.0.0.1:8765"

    settings.SERTIFIKAT_URL_DASAR = url_dasar
    sertifikat = lulusan()
    pdf = render_batch(list(sertifikat_queryset().filter(pk=sertifikat.pk)))[sertifikat.pk]
    assert any("127.0.0.1:8765" in b for b in baris_teks(pdf))
    harapan = segno.make(f"http://127.0.0.1:8765/verifikasi/{sertifikat.kode_verifikasi}/", error="m")
    assert qr_tercetak(pdf, len(harapan.matrix)) == [[bool(m) for m in baris] for baris in harapan.matrix]


def qr_tercetak(pdf: bytes, modul: int) -> list[list[bool]]:
    """Read the printed QR code module by module (one pixel each)."""
    with pikepdf.open(io.BytesIO(pdf)) as dokumen:
        gambar = [
            pikepdf.PdfImage(obj).as_pil_image()
            for obj in dokumen.objects
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"
        ]
    tepi = rendering.QR_TEPI
    (qr,) = [g.convert("L") for g in gambar if g.size == (modul + 2 * tepi,) * 2]
    return [[qr.getpixel((x + tepi, y + tepi)) < 128 for x in range(modul)] for y in range(modul)]
