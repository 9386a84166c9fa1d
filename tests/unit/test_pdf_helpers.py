"""Pure helpers of the PDF export."""

from app.exports.pdf import css_string


def test_css_string_cannot_end_the_string_or_the_style_element():
    quoted = css_string('ข่าว "จริง" & Co </style>\\\n')
    assert quoted.startswith('"') and quoted.endswith('"')
    inner = quoted[1:-1]
    assert not any(ch in inner for ch in '"<>&\n') and "\\\\" not in inner
    assert inner.startswith("ข่าว \\22 จริง\\22 ")  # Thai kept as is, the quote escaped
