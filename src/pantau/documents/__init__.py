"""Letters of the disciplinary procedure: versioned DOCX templates (docxtpl), the agencies'
letterheads and numbering patterns (data), and conversion to PDF by LibreOffice headless.

    render_docx(kind, version, context) -> bytes    the editable letter
    to_pdf(docx) -> bytes                           the archived letter (LibreOffice)
    letterhead(agency) -> Letterhead                kop surat, city, numbering patterns

A template is `templates/<kind>.v<N>.docx`; a new wording is a new version, never an edit, so
an old letter re-renders exactly from its stored context and version.
"""
