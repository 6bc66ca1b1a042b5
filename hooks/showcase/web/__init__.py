"""The site's pages and files: which pages there are, and the files published beside them.

site.py              which pages there are and what each template is given
exports.py           open data: JSON (with its schema) and CSV
feed.py              the Atom feed of new and updated projects: ids that outlive renames, git's dates
offline.py           the offline copy: the built site in one zip, its links to files, not folders
staging.py           a site folder replaced whole, or not at all
printed_links.py     a page on paper: "[2]" after each link to another website, each address listed once
"""
