"""A request body that is made as it is read and counts what was read: a gigabyte upload costs nothing to send."""

from __future__ import annotations

BATAS = b"----batas-kiriman-uji"


class KirimanBesar:
    """A multipart body with one file field of ``ukuran`` bytes, for ``wsgi.input``; ``dibaca`` counts bytes read.

    Give it with ``CONTENT_LENGTH=str(len(kiriman))`` and ``CONTENT_TYPE=kiriman.jenis``, so that the request
    declares the size a real upload would.
    """

    jenis = f"multipart/form-data; boundary={BATAS.decode()}"

    def __init__(self, *, nama_field: str, nama_berkas: str, ukuran: int, awal: bytes = b"", isi: bytes = b"A"):
        self.kepala = (
            b"--" + BATAS + b"\r\n"
            b'Content-Disposition: form-data; name="%s"; filename="%s"\r\n'
            b"Content-Type: application/octet-stream\r\n\r\n" % (nama_field.encode(), nama_berkas.encode())
        ) + awal
        self.isi = isi
        self.ukuran_isi = ukuran - len(awal)
        self.ekor = b"\r\n--" + BATAS + b"--\r\n"
        self.dibaca = 0

    def __len__(self) -> int:
        return len(self.kepala) + self.ukuran_isi + len(self.ekor)

    def _potongan(self, mulai: int, panjang: int) -> bytes:
        keluar = bytearray()
        while panjang > 0 and mulai < len(self):
            if mulai < len(self.kepala):
                bagian = self.kepala[mulai : mulai + panjang]
            elif mulai < len(self.kepala) + self.ukuran_isi:
                bagian = self.isi * min(panjang, len(self.kepala) + self.ukuran_isi - mulai)
            else:
                awal_ekor = mulai - len(self.kepala) - self.ukuran_isi
                bagian = self.ekor[awal_ekor : awal_ekor + panjang]
            keluar += bagian
            mulai += len(bagian)
            panjang -= len(bagian)
        return bytes(keluar)

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = len(self) - self.dibaca
        data = self._potongan(self.dibaca, size)
        self.dibaca += len(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        data = self._potongan(self.dibaca, 64 * 1024 if size is None or size < 0 else size)
        baris = data.split(b"\n", 1)[0] + (b"\n" if b"\n" in data else b"")
        self.dibaca += len(baris)
        return baris


def kirim(client, path: str, kiriman: KirimanBesar, **extra):
    """POST the body to the path as a browser would, declaring its whole length."""
    return client.generic(
        "POST",
        path,
        CONTENT_LENGTH=str(len(kiriman)),
        CONTENT_TYPE=kiriman.jenis,
        **{"wsgi.input": kiriman},
        **extra,
    )
