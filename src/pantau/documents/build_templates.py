"""Build the DOCX templates of the procedure letters (run once per new template version).

    uv run python -m pantau.documents.build_templates

Writes `templates/<kind>.v<VERSION>.docx` with docxtpl (Jinja) placeholders. A shipped version
is never rewritten: change the wording by raising VERSION, so letters issued earlier re-render
from their own version. The Indonesian wording follows the usual form of these letters in
regional governments (kop surat, nomor, perihal, dasar, isi, tanda tangan); it is a draft for
the agency to adapt, and each letter cites the legal basis the procedure data gives.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

VERSION = 1
FOLDER = Path(__file__).resolve().parent / "templates"
DECISION_TYPES = (
    "teguran_lisan", "teguran_tertulis", "pernyataan_tidak_puas",
    "penundaan_kgb_1_tahun", "penundaan_pangkat_1_tahun", "penurunan_pangkat_1_tahun",
    "pemotongan_tukin_6_bulan", "pemotongan_tukin_9_bulan", "pemotongan_tukin_12_bulan",
    "penurunan_jabatan_12_bulan", "pembebasan_jabatan_12_bulan", "pemberhentian_dengan_hormat",
    "pemutusan_hubungan_kerja",
)
# What each sanction does, in the operative part of its decision (KEDUA).
EFFECTS = {
    "teguran_lisan": "Teguran lisan dinyatakan dan dicatat dalam keputusan ini.",
    "teguran_tertulis": "Teguran tertulis ini dicatat dalam data kepegawaian yang bersangkutan.",
    "pernyataan_tidak_puas": "Pernyataan tidak puas secara tertulis ini dicatat dalam data "
                             "kepegawaian yang bersangkutan.",
    "penundaan_kgb_1_tahun": "Kenaikan gaji berkala yang bersangkutan ditunda selama 1 (satu) "
                             "tahun terhitung sejak keputusan ini berlaku.",
    "penundaan_pangkat_1_tahun": "Kenaikan pangkat yang bersangkutan ditunda selama 1 (satu) "
                                 "tahun terhitung sejak keputusan ini berlaku.",
    "penurunan_pangkat_1_tahun": "Pangkat yang bersangkutan diturunkan setingkat lebih rendah "
                                 "selama 1 (satu) tahun terhitung sejak keputusan ini berlaku.",
    "pemotongan_tukin_6_bulan": "Tunjangan kinerja yang bersangkutan dipotong sebesar 25% "
                                "selama 6 (enam) bulan terhitung sejak keputusan ini berlaku.",
    "pemotongan_tukin_9_bulan": "Tunjangan kinerja yang bersangkutan dipotong sebesar 25% "
                                "selama 9 (sembilan) bulan terhitung sejak keputusan ini berlaku.",
    "pemotongan_tukin_12_bulan": "Tunjangan kinerja yang bersangkutan dipotong sebesar 25% "
                                 "selama 12 (dua belas) bulan terhitung sejak keputusan ini "
                                 "berlaku.",
    "penurunan_jabatan_12_bulan": "Jabatan yang bersangkutan diturunkan setingkat lebih rendah "
                                  "selama 12 (dua belas) bulan terhitung sejak keputusan ini "
                                  "berlaku.",
    "pembebasan_jabatan_12_bulan": "Yang bersangkutan dibebaskan dari jabatannya menjadi "
                                   "jabatan pelaksana selama 12 (dua belas) bulan terhitung "
                                   "sejak keputusan ini berlaku.",
    "pemberhentian_dengan_hormat": "Yang bersangkutan diberhentikan dengan hormat tidak atas "
                                   "permintaan sendiri sebagai Pegawai Negeri Sipil.",
    "pemutusan_hubungan_kerja": "Hubungan kerja yang bersangkutan sebagai tenaga kontrak "
                                "diakhiri.",
}


def paragraph(doc: DocumentType, text: str, bold: bool = False, center: bool = False,
              size: int = 11) -> None:
    """One paragraph of one run (the letters' templates and the monthly report use it)."""
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _loop(doc: DocumentType, head: str, body: str, tail: str = "{%p endfor %}") -> None:
    paragraph(doc, head)
    paragraph(doc, body)
    paragraph(doc, tail)


def _kop(doc: DocumentType) -> None:
    _loop(doc, "{%p for line in kop.lines %}", "{{ line }}")
    paragraph(doc, "{{ kop.address }}", center=True, size=9)
    paragraph(doc, "_" * 78, center=True, size=8)


def _title(doc: DocumentType, title: str) -> None:
    paragraph(doc, title, bold=True, center=True, size=12)
    paragraph(doc, "Nomor: {{ number }}", center=True)


def _person(doc: DocumentType, who: str) -> None:
    for label, field in (("Nama", "name"), ("NIP", "nip"), ("Jabatan", "position"),
                         ("Unit kerja", "unit")):
        paragraph(doc, f"{label:<12}: {{{{ {who}.{field} }}}}")


def _breaches(doc: DocumentType) -> None:
    _loop(doc, "{%p for b in breaches %}",
          "{{ loop.index }}. {{ b.clause }} — {{ b.what }}, pada {{ b.on }} ({{ b.conduct }}).")


def _bases(doc: DocumentType) -> None:
    _loop(doc, "{%p for basis in bases %}", "{{ loop.index }}. {{ basis }}")


def _signature(doc: DocumentType, who: str = "signer") -> None:
    paragraph(doc, "{{ city }}, {{ date }}")
    paragraph(doc, f"{{{{ {who}.title }}}},")
    paragraph(doc, "")
    paragraph(doc, "")
    paragraph(doc, f"{{{{ {who}.name }}}}", bold=True)
    paragraph(doc, f"NIP {{{{ {who}.nip }}}}")


def summons(doc: DocumentType, second: bool) -> None:
    _kop(doc)
    _title(doc, "SURAT PANGGILAN II" if second else "SURAT PANGGILAN")
    paragraph(doc, "Yth. {{ employee.name }}")
    paragraph(doc, "Dengan ini diminta kehadiran Saudara:")
    _person(doc, "employee")
    paragraph(doc, "untuk menghadap kepada {{ signer.name }} ({{ signer.title }}) pada:")
    paragraph(doc, "Hari/tanggal : {{ exam_date }}")
    paragraph(doc, "Pukul        : {{ exam_time }}")
    paragraph(doc, "Tempat       : {{ place }}")
    paragraph(doc, "untuk diperiksa sehubungan dengan dugaan pelanggaran disiplin:")
    _breaches(doc)
    if second:
        paragraph(doc, "Saudara tidak hadir pada pemeriksaan tanggal {{ missed }} tanpa alasan "
                        "yang sah. Apabila Saudara kembali tidak hadir, hukuman disiplin "
                        "dijatuhkan berdasarkan alat bukti dan keterangan yang ada.")
    paragraph(doc, "Dasar: {{ basis }}.")
    _signature(doc)


def bap(doc: DocumentType) -> None:
    _kop(doc)
    _title(doc, "BERITA ACARA PEMERIKSAAN")
    paragraph(doc, "Pada hari ini, {{ exam_date }}, bertempat di {{ place }} ({{ mode }}), "
                    "saya:")
    _person(doc, "examiner")
    paragraph(doc, "telah melakukan pemeriksaan terhadap:")
    _person(doc, "employee")
    paragraph(doc, "karena diduga melakukan pelanggaran disiplin:")
    _breaches(doc)
    _loop(doc, "{%p for qa in answers %}",
          "{{ loop.index }}. Pertanyaan: {{ qa.q }}\nJawaban: {{ qa.a }}")
    paragraph(doc, "Demikian berita acara pemeriksaan ini dibuat untuk dapat dipergunakan "
                    "sebagaimana mestinya. Dasar: {{ basis }}.")
    paragraph(doc, "Yang diperiksa: {{ employee.name }}        Pemeriksa: {{ examiner.name }}")
    _signature(doc, "examiner")


def report(doc: DocumentType) -> None:
    _kop(doc)
    _title(doc, "LAPORAN HASIL PEMERIKSAAN")
    paragraph(doc, "Pegawai yang diperiksa:")
    _person(doc, "employee")
    paragraph(doc, "Pelanggaran yang diperiksa:")
    _breaches(doc)
    paragraph(doc, "Tingkat hukuman disiplin: {{ level }}. Pejabat yang berwenang menghukum: "
                    "{{ authority }} ({{ authority_basis }}).")
    paragraph(doc, "Jenis hukuman disiplin yang dapat dijatuhkan: {{ allowed }}.")
    paragraph(doc, "Kesimpulan: {{ conclusion }}")
    _signature(doc, "examiner")


def team(doc: DocumentType) -> None:
    _kop(doc)
    _title(doc, "KEPUTUSAN TENTANG PEMBENTUKAN TIM PEMERIKSA")
    paragraph(doc, "Menimbang bahwa terhadap Pegawai berikut diduga terjadi pelanggaran "
                    "disiplin tingkat {{ level }}:")
    _person(doc, "employee")
    paragraph(doc, "Mengingat: {{ basis }}.")
    paragraph(doc, "MEMUTUSKAN: Membentuk tim pemeriksa dengan susunan:")
    _loop(doc, "{%p for m in members %}",
          "{{ loop.index }}. {{ m.name }} ({{ m.position }}) — {{ m.role }}")
    _signature(doc)


def decision(doc: DocumentType, kind: str) -> None:
    _kop(doc)
    _title(doc, "KEPUTUSAN {{ signer.title|upper }}")
    paragraph(doc, "TENTANG PENJATUHAN HUKUMAN DISIPLIN {{ sanction.label|upper }}", bold=True,
               center=True)
    paragraph(doc, "Menimbang: bahwa berdasarkan hasil pemeriksaan, Pegawai tersebut di bawah "
                    "terbukti melakukan pelanggaran disiplin sebagai berikut:")
    _breaches(doc)
    paragraph(doc, "Mengingat:")
    _bases(doc)
    paragraph(doc, "MEMUTUSKAN", bold=True, center=True)
    paragraph(doc, "KESATU: Menjatuhkan hukuman disiplin tingkat {{ level }} berupa "
                    "{{ sanction.label }} ({{ sanction.basis }}) kepada:")
    _person(doc, "employee")
    paragraph(doc, "KEDUA: " + EFFECTS[kind])
    paragraph(doc, "KETIGA: {{ remedy }}")
    paragraph(doc, "KEEMPAT: {{ in_force }}")
    _signature(doc)


def delivery(doc: DocumentType) -> None:
    _kop(doc)
    _title(doc, "SURAT PENYAMPAIAN KEPUTUSAN HUKUMAN DISIPLIN")
    paragraph(doc, "Yth. {{ employee.name }}")
    paragraph(doc, "Bersama ini disampaikan Keputusan Nomor {{ decision_number }} tanggal "
                    "{{ decision_date }} tentang penjatuhan hukuman disiplin berupa "
                    "{{ sanction.label }} kepada Saudara.")
    paragraph(doc, "{{ remedy }}")
    paragraph(doc, "Dasar: {{ basis }}.")
    _signature(doc)


def ruling(doc: DocumentType) -> None:
    _kop(doc)
    _title(doc, "KEPUTUSAN ATAS KEBERATAN")
    paragraph(doc, "Menimbang keberatan yang diajukan oleh:")
    _person(doc, "employee")
    paragraph(doc, "atas Keputusan Nomor {{ decision_number }} ({{ sanction.label }}), "
                    "diterima pada {{ filed }}.")
    paragraph(doc, "MEMUTUSKAN: {{ outcome }}.", bold=True)
    paragraph(doc, "{{ reason }}")
    paragraph(doc, "Dasar: {{ basis }}.")
    _signature(doc)


def minutes(doc: DocumentType) -> None:
    _kop(doc)
    _title(doc, "BERITA ACARA")
    paragraph(doc, "Pada hari ini, {{ exam_date }}, telah dipanggil dan dimintai keterangan "
                    "tenaga kontrak:")
    _person(doc, "employee")
    paragraph(doc, "sehubungan dengan:")
    _breaches(doc)
    _loop(doc, "{%p for qa in answers %}",
          "{{ loop.index }}. {{ qa.q }} — {{ qa.a }}")
    paragraph(doc, "Tindak lanjut: {{ conclusion }}")
    paragraph(doc, "Dasar: {{ basis }}.")
    _signature(doc, "examiner")


def clean_record(doc: DocumentType) -> None:
    """The clean-record statement a regional personnel office issues for a promotion, a
    transfer or retirement, from the employee's case history in pantau."""
    _kop(doc)
    _title(doc, "SURAT PERNYATAAN TIDAK PERNAH DIJATUHI HUKUMAN DISIPLIN")
    paragraph(doc, "Yang bertanda tangan di bawah ini:")
    _person(doc, "signer")
    paragraph(doc, "dengan ini menyatakan dengan sesungguhnya bahwa Pegawai:")
    _person(doc, "employee")
    paragraph(doc, "sampai dengan tanggal {{ date }} tidak pernah dijatuhi hukuman disiplin "
                    "{{ scope }}, tidak sedang menjalani hukuman disiplin, dan tidak sedang "
                    "dalam proses pemeriksaan pelanggaran disiplin, berdasarkan data kasus "
                    "disiplin yang tercatat pada {{ office }}.")
    paragraph(doc, "Surat pernyataan ini dibuat untuk keperluan {{ purpose }}.")
    paragraph(doc, "Dasar: {{ basis }}.")
    paragraph(doc, "Demikian surat pernyataan ini dibuat dengan sesungguhnya untuk dapat "
                    "dipergunakan sebagaimana mestinya.")
    _signature(doc)


BUILDERS: dict[str, Callable[[DocumentType], None]] = {
    "surat_pernyataan_tidak_pernah_hukdis": clean_record,
    "surat_panggilan_1": lambda doc: summons(doc, second=False),
    "surat_panggilan_2": lambda doc: summons(doc, second=True),
    "bap": bap,
    "laporan_hasil_pemeriksaan": report,
    "pembentukan_tim": team,
    "surat_penyampaian": delivery,
    "putusan_keberatan": ruling,
    "berita_acara": minutes,
    **{f"keputusan_{kind}": functools.partial(decision, kind=kind) for kind in DECISION_TYPES},
}


def build(version: int = VERSION, folder: Path = FOLDER) -> list[Path]:
    """Write every template of `version` that does not exist yet; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, builder in BUILDERS.items():
        path = folder / f"{kind}.v{version}.docx"
        if path.exists():
            continue
        doc = Document()
        builder(doc)
        doc.save(str(path))
        written.append(path)
    return written


if __name__ == "__main__":
    for item in build():
        print(item)
