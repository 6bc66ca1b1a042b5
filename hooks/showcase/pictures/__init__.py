"""Pictures and link-preview cards: each made once, verified, cached by what it holds.

copies.py            each picture's copies: web widths in WebP and JPEG/PNG, a print copy;
                     a Markdown page's picture at its own size and format (stripped_copy);
                     upright, sRGB, no metadata, cached by content hash
picture_files.py     a picture file checked before it is used: its type, size and pixels
gif_stripping.py     a GIF without its metadata, rewritten block by block: frames and timing kept
preview_cards.py     each page's link-preview card (og:image): its title, programme and photo,
                     in the committed fonts and the programme's colours; cached by what it shows
"""
