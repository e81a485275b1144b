"""The statistics page (*Statistik*): participants and graduates per year, per program and per province,
the graduation rate, the share of the provinces and kabupaten/kota reached, and what higher floors count
(the certificates) through ``diklat.signals.angka_statistik``; each table also as CSV.

It lives in ``peserta``, the floor whose rows it counts: the years, programs and regions it groups by lie
below it, and the certificate figures come from above through the signal, so no floor reaches up.
"""
