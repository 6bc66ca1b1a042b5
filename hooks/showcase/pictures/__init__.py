"""Pictures and link-preview cards: each made once, verified, cached by what it holds.

picture_files.py     a picture file checked before it is used: its type, size and pixels
copy_making.py       what every copy shares: settings, the file opened safely, its pixels upright
                     in sRGB without metadata, encoding, and the cache in front of it all
copies.py            a record's picture: web widths in WebP and JPEG/PNG, a print copy
page_pictures.py     a Markdown page's picture at its own address, size and format, stripped
                     (a GIF rewritten block by block: frames and timing kept)
card_layout.py       what a link-preview card shows, and where each line of it goes (bidi by FriBidi)
preview_cards.py     each page's link-preview card (og:image) drawn, in the committed fonts and the
                     programme's colours, with its photo; cached by what it shows
"""
